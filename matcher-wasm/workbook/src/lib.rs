//! The WebAssembly package's workbook module: reads a sheet of an `.xlsx` or
//! `.ods` roster into a [`SheetRead`] that every function of the main module
//! takes in place of CSV text. It is a module of its own so that only pages
//! and programs given a workbook download the reader.

use matcher::format::WorkbookKind;
use matcher::workbook::{kind, SheetRead};
use serde::Serialize;
use wasm_bindgen::prelude::*;

// The types are the main module's; both of its builds (web/, node/) declare
// the same ones.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"import type { SheetRead, Side } from "../node/matcher_wasm.js";"#;

/// Reads the sheet named `sheet` (the first when `null`) of the workbook in
/// `bytes`, recognised by its content. The label in every message is
/// `mentors.xlsx`, `mentees.ods`, `outcomes.xlsx` and so on, by `side`
/// (`"outcomes"` for an outcomes file) and the kind of workbook. A file that cannot be read gives a `SheetRead` with its
/// `problem`, which the main module throws as it would a roster problem.
#[wasm_bindgen(js_name = readWorkbook, unchecked_return_type = "SheetRead")]
pub fn read_workbook(
    bytes: Vec<u8>,
    #[wasm_bindgen(unchecked_param_type = "Side | \"outcomes\"")] side: &str,
    sheet: Option<String>,
) -> Result<JsValue, JsValue> {
    let stem = match side {
        "mentor" => "mentors",
        "mentee" => "mentees",
        "outcomes" => "outcomes",
        _ => {
            return Err(js_sys_error(
                "side must be \"mentor\", \"mentee\" or \"outcomes\"",
            ))
        }
    };
    let extension = match kind(&bytes) {
        Some(WorkbookKind::Ods) => "ods",
        _ => "xlsx",
    };
    let read = SheetRead::new(bytes, &format!("{stem}.{extension}"), sheet.as_deref());
    // Plain objects, `null` for what is missing: the main module's shapes.
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    read.serialize(&serializer)
        .map_err(|e| js_sys_error(&e.to_string()))
}

/// A JavaScript `Error` with `message`.
fn js_sys_error(message: &str) -> JsValue {
    JsError::new(message).into()
}
