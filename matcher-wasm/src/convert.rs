//! Plain JavaScript values to and from the core's serde types.

use crate::error::Failure;
use matcher::{Config, ConfigError};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

/// Converts a result to plain objects and arrays, `null` for a missing value:
/// the same shape as the CLI's JSON output.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Failure> {
    let serializer = Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| Failure::new("internal", &e.to_string()))
}

/// Reads a config object of the same shape as the TOML config; `undefined` or
/// `null` is the default config. Unknown keys are errors naming their path.
/// `solver.threads` is ignored: WebAssembly runs on the calling thread.
pub fn read_config(value: JsValue) -> Result<Config, Failure> {
    if value.is_undefined() || value.is_null() {
        return Ok(Config::default());
    }
    // serde-wasm-bindgen, reading a struct, looks only at the fields it names
    // and would let unknown keys through: read the object as JSON instead.
    let tree = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|json| json.as_string())
        .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
        .filter(serde_json::Value::is_object)
        .ok_or_else(|| Failure::new("config", "config: must be a plain object"))?;
    let mut config: Config = serde_path_to_error::deserialize(tree).map_err(|e| {
        let key = e.path().to_string();
        matcher::Error::Config(ConfigError {
            key,
            message: e.into_inner().to_string(),
        })
    })?;
    config.solver.threads = 0;
    Ok(config)
}

/// Text a core writer wrote into memory (always UTF-8: it writes only strings).
pub fn utf8(bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| Failure::new("internal", &e.to_string()))
}
