//! Plain JavaScript values to and from the core's serde types.

use crate::error::Failure;
use crate::key_path::read_tree;
use matcher::pair_scores::PairScores;
use matcher::rounds::PairFile;
use matcher::{Config, ConfigError, Rounds};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Converts a result to plain objects and arrays, `null` for a missing value:
/// the same shape as the CLI's JSON output. It goes through JSON text and
/// `JSON.parse`, so every result shares serde_json's serializer with the JSON
/// download: a serializer of JavaScript values beside it cost 10 KB gzipped.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Failure> {
    let json =
        serde_json::to_string(value).map_err(|e| Failure::new("internal", &e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| Failure::new("internal", "JSON.parse failed"))
}

/// A plain object as a JSON tree; `None` for `undefined` or `null`.
fn json_tree(value: &JsValue, what: &str) -> Result<Option<serde_json::Value>, (String, String)> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    // serde-wasm-bindgen, reading a struct, looks only at the fields it names
    // and would let unknown keys through: read the object as JSON instead.
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
        .filter(serde_json::Value::is_object)
        .map(Some)
        .ok_or_else(|| (String::new(), format!("{what}: must be a plain object")))
}

/// Reads a plain object into `T`, through JSON so that unknown keys are
/// caught; `None` for `undefined` or `null`, `Err` with the key path otherwise.
fn read_object<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<Option<T>, (String, String)> {
    json_tree(&value, what)?.map(read_tree).transpose()
}

/// The source label of the `pairScores` text in every diagnostic.
pub const PAIR_SCORES: &str = "pair-scores.csv";

/// Reads a config object of the same shape as the TOML config; `undefined` or
/// `null` is the default config. Unknown keys are errors naming their path.
/// `solver.threads` is ignored: WebAssembly runs on the calling thread. The
/// one key the TOML has not, `pairScores`, is the text of a pair-scores CSV
/// (`mentor_id,mentee_id,score`), read as `pair-scores.csv`.
pub fn read_config(value: JsValue) -> Result<Config, Failure> {
    let config_error = |(key, message): (String, String)| -> Failure {
        if key.is_empty() {
            Failure::new("config", &message)
        } else {
            matcher::Error::Config(ConfigError { key, message }).into()
        }
    };
    let Some(mut tree) = json_tree(&value, "config").map_err(config_error)? else {
        return Ok(Config::default());
    };
    let pair_scores = match tree.as_object_mut().and_then(|o| o.remove("pairScores")) {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(text)) => Some(
            PairScores::from_csv_reader(text.as_bytes(), PAIR_SCORES)
                .map_err(matcher::Error::Roster)?,
        ),
        Some(_) => {
            return Err(config_error((
                "pairScores".to_owned(),
                "must be the text of a CSV file (mentor_id,mentee_id,score)".to_owned(),
            )))
        }
    };
    let mut config: Config = read_tree(tree).map_err(config_error)?;
    config.pair_scores = pair_scores;
    config.solver.threads = 0;
    Ok(config)
}

/// Text a core writer wrote into memory (always UTF-8: it writes only strings).
pub fn utf8(bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| Failure::new("internal", &e.to_string()))
}

/// The decisions of earlier rounds as JavaScript passes them: the texts of
/// the locked and history CSV files.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundTexts {
    locked: Option<String>,
    history: Option<String>,
}

/// Reads `{ locked?, history? }` (CSV texts with the columns
/// `mentor_id,mentee_id`, read as `locked.csv` and `history.csv`);
/// `undefined` or `null` is no decisions.
pub fn read_rounds(value: JsValue) -> Result<Rounds, Failure> {
    let texts: Option<RoundTexts> = read_object(value, "rounds").map_err(|(key, message)| {
        let at = if key.is_empty() {
            String::new()
        } else {
            format!("rounds.{key}: ")
        };
        Failure::new("invalid_argument", &format!("{at}{message}"))
    })?;
    let Some(texts) = texts else {
        return Ok(Rounds::default());
    };
    let read = |text: Option<String>, source: &str| {
        text.map(|text| PairFile::from_csv_reader(text.as_bytes(), source))
            .transpose()
            .map_err(matcher::Error::Roster)
    };
    Ok(Rounds {
        locked: read(texts.locked, "locked.csv")?,
        history: read(texts.history, "history.csv")?,
    })
}
