//! A `SheetRead` object (what the workbook module's `readWorkbook` returns)
//! read field by field. Deriving it through serde would cost this module
//! about 10 KiB gzipped, most of it for the problem's code, of which the
//! reader gives only four.

use js_sys::{Array, Reflect};
use matcher::format::{WorkbookFormat, WorkbookKind};
use matcher::workbook::{Sheet, SheetRead};
use matcher::{Code, Diagnostic};
use wasm_bindgen::JsValue;

/// `value` as a `SheetRead`; `Err` names the field that does not read.
pub fn sheet_read(value: &JsValue) -> Result<SheetRead, &'static str> {
    let problem = field(value, "problem")?;
    let sheet = field(value, "sheet")?;
    Ok(SheetRead {
        source: text(value, "source")?,
        sheet: present(&sheet).then(|| read_sheet(&sheet)).transpose()?,
        problem: present(&problem)
            .then(|| read_problem(&problem))
            .transpose()?,
    })
}

fn read_sheet(sheet: &JsValue) -> Result<Sheet, &'static str> {
    let format = field(sheet, "format")?;
    let workbook = match text(&format, "workbook")?.as_str() {
        "xlsx" => WorkbookKind::Xlsx,
        "ods" => WorkbookKind::Ods,
        _ => return Err("sheet.format.workbook"),
    };
    let rows = array(sheet, "rows")?
        .iter()
        .map(|row| strings(&row).ok_or("sheet.rows"))
        .collect::<Result<_, _>>()?;
    Ok(Sheet {
        format: WorkbookFormat {
            workbook,
            sheet: text(&format, "sheet")?,
            sheets: strings(&field(&format, "sheets")?).ok_or("sheet.format.sheets")?,
        },
        first_row: number(sheet, "first_row")?.ok_or("sheet.first_row")?,
        first_column: number(sheet, "first_column")?.ok_or("sheet.first_column")?,
        rows,
    })
}

fn read_problem(problem: &JsValue) -> Result<Diagnostic, &'static str> {
    // The codes the workbook reader gives.
    let code = match text(problem, "code")?.as_str() {
        "unknown_sheet" => Code::UnknownSheet,
        "formula_error" => Code::FormulaError,
        "empty_file" => Code::EmptyFile,
        _ => Code::UnreadableWorkbook,
    };
    let diagnostic = Diagnostic {
        row: number(problem, "row")?,
        column: optional_text(problem, "column")?,
        hint: optional_text(problem, "hint")?,
        ..Diagnostic::file(&text(problem, "file")?, code, text(problem, "message")?)
    };
    Ok(match optional_text(problem, "sheet")? {
        Some(sheet) => diagnostic.in_sheet(&sheet, optional_text(problem, "cell")?),
        None => diagnostic,
    })
}

/// Neither `null` nor `undefined`.
fn present(value: &JsValue) -> bool {
    !value.is_null() && !value.is_undefined()
}

fn field(object: &JsValue, key: &'static str) -> Result<JsValue, &'static str> {
    Reflect::get(object, &key.into()).map_err(|_| key)
}

fn text(object: &JsValue, key: &'static str) -> Result<String, &'static str> {
    field(object, key)?.as_string().ok_or(key)
}

fn optional_text(object: &JsValue, key: &'static str) -> Result<Option<String>, &'static str> {
    let value = field(object, key)?;
    match present(&value) {
        true => value.as_string().map(Some).ok_or(key),
        false => Ok(None),
    }
}

/// A whole number ≥ 0, or `None` for `null`.
fn number(object: &JsValue, key: &'static str) -> Result<Option<usize>, &'static str> {
    let value = field(object, key)?;
    if !present(&value) {
        return Ok(None);
    }
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => Ok(Some(n as usize)),
        _ => Err(key),
    }
}

fn array(object: &JsValue, key: &'static str) -> Result<Array, &'static str> {
    let value = field(object, key)?;
    match Array::is_array(&value) {
        true => Ok(Array::from(&value)),
        false => Err(key),
    }
}

/// An array of strings.
fn strings(value: &JsValue) -> Option<Vec<String>> {
    if !Array::is_array(value) {
        return None;
    }
    Array::from(value)
        .iter()
        .map(|cell| cell.as_string())
        .collect()
}
