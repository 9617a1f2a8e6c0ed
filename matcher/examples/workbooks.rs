//! Writes the workbook copies of the form program's rosters from their CSVs:
//! `data/forms/mentees.xlsx` from `mentees.csv` and `data/forms/mentors.ods`
//! from `mentors.csv` (numbers as number cells, everything else as text).
//! Run it from the workspace root after changing either CSV:
//!
//! ```text
//! cargo run -p matcher --example workbooks
//! ```
//!
//! The test `workbooks::the_committed_copies_match_their_csvs` fails until
//! the copies are written again.

#[path = "../tests/it/workbook_writer.rs"]
mod workbook_writer;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (csv, workbook, sheet) in workbook_writer::FORM_COPIES {
        let bytes = workbook_writer::form_copy(&std::fs::read(root.join(csv))?, workbook, sheet);
        std::fs::write(root.join(workbook), bytes)?;
        writeln!(std::io::stderr(), "wrote {workbook} from {csv}")?;
    }
    Ok(())
}
