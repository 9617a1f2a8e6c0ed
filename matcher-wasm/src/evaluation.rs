//! `evaluate`'s arguments: an outcomes file and the bootstrap options.

use crate::error::Failure;
use crate::program::RosterInput;
use js_sys::{Array, Object, Reflect};
use matcher::evaluate::Bootstrap;
use matcher::outcomes::Outcomes;
use wasm_bindgen::{JsCast, JsValue};

/// The source label of outcomes CSV text in every diagnostic.
pub const OUTCOMES: &str = "outcomes.csv";

/// The most resamples an interval may draw: more would only keep the page
/// waiting (1 000 give intervals to about two decimals).
const MAX_RESAMPLES: u64 = 100_000;

/// JavaScript's largest exact integer, the largest seed: the evaluation
/// reports its seed as a number.
const MAX_SEED: u64 = (1 << 53) - 1;

/// Reads the argument `outcomes`, taken as rosters are: CSV text (read as
/// `outcomes.csv`) or a `SheetRead`. Its problems are thrown located, as a
/// roster's are.
pub fn read_outcomes(value: JsValue) -> Result<Outcomes, Failure> {
    let read = match RosterInput::from_js(value, "outcomes")? {
        RosterInput::Text(text) => Outcomes::from_reader(text.as_bytes(), OUTCOMES),
        RosterInput::Sheet(read) => Outcomes::from_sheet_read(*read),
    };
    read.map_err(|problems| matcher::Error::Roster(problems).into())
}

/// Reads `{ resamples?, seed? }`: whole numbers, by default 1 000 and 1;
/// `undefined` or `null` is every default. Unknown keys are errors.
pub fn read_bootstrap(options: JsValue) -> Result<Bootstrap, Failure> {
    let mut bootstrap = Bootstrap::default();
    if options.is_undefined() || options.is_null() {
        return Ok(bootstrap);
    }
    if !options.is_object() || Array::is_array(&options) {
        return Err(invalid(
            "options must be an object: { resamples?: number, seed?: number }",
        ));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = Reflect::get(&options, &key.as_str().into()).unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() {
            continue;
        }
        match key.as_str() {
            "resamples" => {
                bootstrap.resamples = whole(&value, "resamples", MAX_RESAMPLES)? as usize
            }
            "seed" => bootstrap.seed = whole(&value, "seed", MAX_SEED)?,
            _ => {
                return Err(invalid(&format!(
                    "options.{key} is not an option of evaluate (resamples, seed)"
                )))
            }
        }
    }
    Ok(bootstrap)
}

/// `value` as a whole number from 0 to `max`, or the error naming `options.{name}`.
fn whole(value: &JsValue, name: &str, max: u64) -> Result<u64, Failure> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= max as f64 => Ok(n as u64),
        _ => {
            // JSON.stringify shows the value without Rust's float formatting.
            let shown = js_sys::JSON::stringify(value)
                .ok()
                .and_then(|text| text.as_string())
                .unwrap_or_else(|| "a value that is no number".to_owned());
            Err(invalid(&format!(
                "options.{name} must be a whole number from 0 to {max}, got {shown}"
            )))
        }
    }
}

fn invalid(message: &str) -> Failure {
    Failure::new("invalid_argument", message)
}
