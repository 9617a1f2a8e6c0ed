//! Failures thrown to JavaScript as real `Error` objects.

use crate::convert::to_js;
use js_sys::{Array, Reflect};
use matcher::Diagnostic;
use std::io;
use wasm_bindgen::JsValue;

/// A JavaScript `Error` named `MatcherError` on its way to be thrown, with
/// `code`, `file`, `row`, `column`, `sheet`, `cell`, `key` and `diagnostics` set (see
/// `MatcherError` in the TypeScript types).
pub struct Failure(js_sys::Error);

impl Failure {
    /// A failure with a machine-readable `code`, located nowhere in particular.
    pub fn new(code: &str, message: &str) -> Self {
        let error = js_sys::Error::new(message);
        error.set_name("MatcherError");
        let failure = Failure(error);
        failure.set("code", &code.into());
        for field in ["file", "row", "column", "sheet", "cell", "key"] {
            failure.set(field, &JsValue::NULL);
        }
        failure.set("diagnostics", &Array::new());
        failure
    }

    /// Points the failure at the first of `diagnostics` and lists them all.
    fn locate(&self, diagnostics: &[Diagnostic]) {
        if let Some(first) = diagnostics.first() {
            self.set("file", &first.file.as_str().into());
            self.set("row", &first.row.map_or(JsValue::NULL, |row| row.into()));
            let text = |field: Option<&str>| field.map_or(JsValue::NULL, JsValue::from);
            self.set("column", &text(first.column.as_deref()));
            self.set("sheet", &text(first.sheet()));
            self.set("cell", &text(first.cell()));
        }
        if let Ok(all) = to_js(diagnostics) {
            self.set("diagnostics", &all);
        }
    }

    fn set(&self, field: &str, value: &JsValue) {
        // Setting a property on a fresh, ordinary `Error` object cannot fail.
        let _ = Reflect::set(&self.0, &field.into(), value);
    }
}

impl From<matcher::Error> for Failure {
    fn from(error: matcher::Error) -> Self {
        let failure = Failure::new(error.code(), &error.to_string());
        match &error {
            matcher::Error::Roster(diagnostics) => failure.locate(diagnostics),
            matcher::Error::Config(config) => failure.set("key", &config.key.as_str().into()),
            _ => {}
        }
        failure
    }
}

/// Writing into memory does not fail; should it ever, the failure is internal.
impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::new("internal", &error.to_string())
    }
}

impl From<Failure> for JsValue {
    fn from(failure: Failure) -> JsValue {
        failure.0.into()
    }
}
