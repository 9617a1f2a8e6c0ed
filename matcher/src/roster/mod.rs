//! Rosters: the people on one side of a program, parsed from CSV.
//!
//! Columns are matched by header name, case-insensitively, or by the config's
//! `[columns]` rules ([`crate::columns`]); the order is free. `id`, `name`,
//! `capacity` (mentors), `priority` (mentees), `skills`, `values`, `goals`,
//! `exclude`, `picks` and `wants` ([`crate::choices`]) have a meaning; every other column is kept as a background
//! attribute. `header.rs` reads the header row, `pair_check.rs` checks the
//! two rosters against each other.

mod header;
mod pair_check;
mod readings;

pub use pair_check::check_pair;
pub use readings::{read_columns, read_sheet_columns, ColumnReading, ColumnReadings};

use crate::choices::{self, Want};
use crate::columns::{self, ColumnRules, CommaWatch};
use crate::config::Criterion;
use crate::csv_file::{numbered, open_read_sheet, open_table, ragged, CsvFile};
use crate::diagnostic::{excerpt, Code, Diagnostic, MAX_CELL_BYTES};
use crate::format::Format;
use crate::list::{self, Skill};
use crate::workbook::SheetRead;
use header::{field, read_header, Field, Header};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

/// Which side of the program a roster holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// People who offer mentoring; they have a capacity.
    Mentor,
    /// People who are looking for a mentor.
    Mentee,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Mentor => Side::Mentee,
            Side::Mentee => Side::Mentor,
        }
    }

    /// `"mentor"` or `"mentee"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Mentor => "mentor",
            Side::Mentee => "mentee",
        }
    }
}

/// One person on a roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The id as written (trimmed). Ids compare case-insensitively.
    pub id: String,
    /// Display name; may be empty.
    pub name: String,
    /// The spreadsheet row the person was read from (the header is row 1).
    pub row: usize,
    /// How many mentees a mentor can take (default 1; 0 = unavailable), or
    /// how many mentors a mentee wants (default 1, at least 1).
    pub capacity: u32,
    /// The fewest mentees a mentor must take (`min_load`, default 0; at most
    /// `capacity`). Always 0 for mentees.
    pub min_load: u32,
    /// The criterion whose weight is doubled for this mentee (`None` for mentors).
    pub priority: Option<Criterion>,
    /// Mentor: skills offered; mentee: skills wanted.
    pub skills: Vec<Skill>,
    /// Personal or work values.
    pub values: Vec<String>,
    /// Mentee: goals; mentor: goals they can help with.
    pub goals: Vec<String>,
    /// Normalised ids on the other side never to pair with.
    pub exclude: Vec<String>,
    /// Normalised ids on the other side this person picks, most wanted first.
    pub picks: Vec<String>,
    /// Wishes on the other side's attributes ([`crate::choices`]).
    pub wants: Vec<Want>,
    /// Normalised background attribute values, aligned with [`Roster::attributes`]; `None` when empty.
    pub attributes: Vec<Option<String>>,
}

/// The people on one side of a program, in input order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roster {
    /// Which side this roster holds.
    pub side: Side,
    /// The label the roster was read under, used in every message about it.
    pub source: String,
    /// Normalised names of the background attribute columns, in column order.
    pub attributes: Vec<String>,
    /// The people, in input order.
    pub people: Vec<Person>,
    /// How the file was read: its encoding and cell separator, or the
    /// workbook and sheet.
    pub format: Format,
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// Whether the header has a `capacity` column (mentors) or attribute (mentees).
    #[serde(skip)]
    capacity_column: bool,
    /// The item separator of each attribute column, aligned with
    /// [`Roster::attributes`]: what a list attribute's cells are split on.
    #[serde(skip)]
    attribute_separators: Vec<char>,
    /// Whether this side was read from a peer roster ([`crate::people`]),
    /// whose people may sit on both sides: a person's id then names the same
    /// person on the other side.
    #[serde(skip)]
    pub(crate) peers: bool,
}

/// An owned roster where a borrowed or owned one is taken ([`crate::Program::new`]).
impl From<Roster> for Cow<'_, Roster> {
    fn from(roster: Roster) -> Self {
        Cow::Owned(roster)
    }
}

/// A borrowed roster where a borrowed or owned one is taken.
impl<'a> From<&'a Roster> for Cow<'a, Roster> {
    fn from(roster: &'a Roster) -> Self {
        Cow::Borrowed(roster)
    }
}

impl Roster {
    /// Parses a roster from CSV. `source` names the file in every diagnostic.
    ///
    /// Every problem is collected and returned at once, sorted by row.
    ///
    /// ```
    /// use matcher::{Roster, Side};
    /// let csv = "id,name,capacity,skills\nm1,Ada,2,rust:5; sql\n";
    /// let mentors = Roster::from_csv_reader(csv.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
    /// assert_eq!(mentors.people[0].capacity, 2);
    /// assert_eq!(mentors.people[0].skills[0].level, 5);
    /// ```
    pub fn from_csv_reader<R: Read>(
        reader: R,
        side: Side,
        source: &str,
    ) -> Result<Roster, Vec<Diagnostic>> {
        Self::from_csv_reader_with(reader, side, source, &ColumnRules::new())
    }

    /// [`Roster::from_csv_reader`] with the config's `[columns]` rules: which
    /// header means what, and the item separator of each list column. A
    /// workbook is read too: its first sheet (see [`Roster::from_reader`]).
    ///
    /// ```
    /// use matcher::{columns::ColumnRule, Roster, Side};
    /// let csv = "ID,Which skills would you like to develop?\ne1,\"Python, SQL\"\n";
    /// let rule = ColumnRule { role: Some("skills".into()), separator: Some(',') };
    /// let rules = [("Which skills would you like to develop?".to_owned(), rule)].into();
    /// let mentees = Roster::from_csv_reader_with(csv.as_bytes(), Side::Mentee, "mentees.csv", &rules).unwrap();
    /// assert_eq!(mentees.people[0].skills.len(), 2);
    /// ```
    pub fn from_csv_reader_with<R: Read>(
        reader: R,
        side: Side,
        source: &str,
        rules: &ColumnRules,
    ) -> Result<Roster, Vec<Diagnostic>> {
        Self::from_reader(reader, side, source, rules, None)
    }

    /// Parses a roster from CSV text, or from the sheet named `sheet` (the
    /// first when `None`) of an `.xlsx` or `.ods` workbook, recognised by its
    /// content: the sheet's rows are read as the CSV's would be. Problems in
    /// a workbook name the sheet and cell (`mentees.xlsx:Sheet1!C14`).
    pub fn from_reader<R: Read>(
        reader: R,
        side: Side,
        source: &str,
        rules: &ColumnRules,
        sheet: Option<&str>,
    ) -> Result<Roster, Vec<Diagnostic>> {
        let file = open_table(
            reader,
            source,
            HEADER_HINT,
            |name| field(&columns::resolve(rules, name).0, side).is_some(),
            sheet,
        )
        .map_err(|d| vec![d])?;
        Self::from_table(file, side, source, rules)
    }

    /// Parses a roster from a workbook's sheet that another reader read (the
    /// WebAssembly package's workbook module), or returns the problem it met,
    /// as [`Roster::from_reader`] would have.
    pub fn from_sheet_read(
        read: SheetRead,
        side: Side,
        rules: &ColumnRules,
    ) -> Result<Roster, Vec<Diagnostic>> {
        let (source, sheet) = read.into_sheet().map_err(|d| vec![d])?;
        let file = open_read_sheet(sheet, &source, HEADER_HINT).map_err(|d| vec![d])?;
        Self::from_table(file, side, &source, rules)
    }

    /// Parses a roster from a table opened for reading.
    fn from_table(
        mut file: CsvFile,
        side: Side,
        source: &str,
        rules: &ColumnRules,
    ) -> Result<Roster, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let header = read_header(
            &file.header,
            file.header_row,
            side,
            source,
            rules,
            &mut diagnostics,
        );
        let place = file.place.take();
        Self::read_rows(side, source, file, &header, diagnostics).map_err(|mut diagnostics| {
            if let Some(place) = place {
                place.locate(&mut diagnostics, &header.columns);
            }
            diagnostics
        })
    }

    /// Reads the records of `file` after its `header` (see [`Roster::from_reader`]).
    fn read_rows(
        side: Side,
        source: &str,
        file: CsvFile,
        header: &Header,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Roster, Vec<Diagnostic>> {
        let CsvFile {
            header: first_row,
            header_row,
            records,
            format,
            ..
        } = file;
        let (columns, fields) = (&header.columns, &header.fields);
        if fields.iter().all(|f| matches!(f, Field::Attribute(_))) {
            let cells: Vec<String> = first_row
                .iter()
                .take(4)
                .map(String::from_utf8_lossy)
                .map(|c| excerpt(&c))
                .collect();
            diagnostics.push(
                Diagnostic::at(
                    source,
                    header_row,
                    None,
                    Code::MissingHeader,
                    format!(
                        "the first row is not a header: it names none of the columns id, name, {}skills, values, goals, exclude (it reads \"{}\")",
                        if side == Side::Mentor { "capacity, " } else { "" },
                        cells.join(","),
                    ),
                )
                .with_hint("add a header row such as `id,name,skills` above the people"),
            );
            crate::sorting::sort(&mut diagnostics);
            return Err(diagnostics);
        }
        if !fields.contains(&Field::Id) {
            diagnostics.push(
                Diagnostic::at(
                    source,
                    header_row,
                    None,
                    Code::MissingIdColumn,
                    "the header has no `id` column",
                )
                .with_hint(format!(
                    "found columns: {}; to read one of them as the id, map it under [columns] in the config{}",
                    columns.join(", "),
                    columns
                        .iter()
                        .find(|c| c.split(' ').any(|word| word == "id"))
                        .map_or(String::new(), |c| format!(", e.g. `\"{c}\" = \"id\"`"))
                )),
            );
            crate::sorting::sort(&mut diagnostics);
            return Err(diagnostics);
        }

        let mut roster = Roster {
            side,
            source: source.to_owned(),
            attributes: header.attributes.clone(),
            people: Vec::new(),
            format,
            index: HashMap::new(),
            capacity_column: header.capacity_column,
            attribute_separators: fields
                .iter()
                .zip(&header.separators)
                .filter(|(field, _)| matches!(field, Field::Attribute(_)))
                .map(|(_, &separator)| separator)
                .collect(),
            peers: false,
        };
        let mut watches: Vec<Option<CommaWatch>> = fields
            .iter()
            .zip(&header.separators)
            .map(|(field, &separator)| CommaWatch::for_column(field.is_list(), separator))
            .collect();
        let mut cells = Vec::with_capacity(columns.len());
        let mut unreadable = None;
        for (row, record) in numbered(records, header_row, source, &mut unreadable) {
            cells.clear();
            let mut too_long = false;
            for (bytes, column) in record
                .iter()
                .zip(columns.iter().chain(std::iter::repeat(&String::new())))
            {
                let column = Some(column.as_str()).filter(|c| !c.is_empty());
                if bytes.len() > MAX_CELL_BYTES {
                    diagnostics.push(
                        Diagnostic::at(
                            source,
                            row,
                            column,
                            Code::CellTooLong,
                            format!(
                                "the cell holds {} bytes, more than the limit of {MAX_CELL_BYTES}",
                                bytes.len()
                            ),
                        )
                        .with_hint(
                            "check for an unclosed quote or text pasted into the wrong cell",
                        ),
                    );
                    too_long = true;
                    continue;
                }
                // The file was decoded to UTF-8 as a whole: nothing is lost here.
                cells.push(String::from_utf8_lossy(bytes).into_owned());
            }
            if too_long || cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if cells.len() != columns.len() {
                let problem = ragged(source, row, cells.len(), columns.len());
                diagnostics.push(problem.with_hint(ragged_hint(&roster.format)));
                continue;
            }
            for (watch, cell) in watches.iter_mut().zip(&cells) {
                if let Some(watch) = watch {
                    watch.see(row, cell);
                }
            }
            if let Some(person) = roster.read_person(row, &cells, header, &mut diagnostics) {
                roster.people.push(person);
            }
        }
        diagnostics.extend(unreadable);
        // A comma-separated list column explains its cells' bad skill levels
        // ("python:4, sql" reads as level "4, sql"): it is reported alone.
        for (watch, column) in watches.iter().zip(columns) {
            if let Some(problem) = watch.as_ref().and_then(|w| w.problem(source, column)) {
                let on_column = |d: &Diagnostic| d.column.as_deref() == Some(column.as_str());
                diagnostics.retain(|d| !(d.code == Code::BadSkillLevel && on_column(d)));
                diagnostics.push(problem);
            }
        }
        if roster.people.is_empty() && diagnostics.is_empty() {
            diagnostics.push(Diagnostic::file(
                source,
                Code::NoRows,
                "the file has a header but no people",
            ));
        }
        if diagnostics.is_empty() {
            Ok(roster)
        } else {
            crate::sorting::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }

    /// Reads one row; `None` when its id is unusable (the problem is recorded).
    fn read_person(
        &mut self,
        row: usize,
        cells: &[String],
        header: &Header,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Person> {
        let (fields, columns) = (&header.fields, &header.columns);
        let source = self.source.as_str();
        let mut person = Person {
            id: String::new(),
            name: String::new(),
            row,
            capacity: 1,
            min_load: 0,
            priority: None,
            skills: Vec::new(),
            values: Vec::new(),
            goals: Vec::new(),
            exclude: Vec::new(),
            picks: Vec::new(),
            wants: Vec::new(),
            attributes: vec![None; self.attributes.len()],
        };
        let mut picks_column = None;
        let columns_read = cells
            .iter()
            .zip(fields)
            .zip(columns)
            .zip(&header.separators);
        for (((cell, field), column), &separator) in columns_read {
            let at =
                |code, message: String| Diagnostic::at(source, row, Some(column), code, message);
            match *field {
                Field::Id => person.id = cell.trim().to_owned(),
                Field::Name => person.name = cell.trim().to_owned(),
                Field::Capacity => match (parse_count("capacity", cell), self.side) {
                    (Ok(0), Side::Mentee) => diagnostics.push(
                        at(Code::BadCapacity, "a mentee's capacity (how many mentors they want) must be 1 or more, got \"0\"".to_owned())
                            .with_hint("leave a mentee who wants no mentor out of the roster"),
                    ),
                    (Ok(capacity), _) => person.capacity = capacity,
                    (Err(message), side) => diagnostics.push(at(Code::BadCapacity, message).with_hint(
                        match side {
                            Side::Mentor => "use a whole number of mentees, 0 for a mentor who is unavailable",
                            Side::Mentee => "use the whole number of mentors this mentee wants (default 1)",
                        },
                    )),
                },
                Field::MinLoad => match parse_count("min_load", cell) {
                    Ok(min_load) => person.min_load = min_load,
                    Err(message) => diagnostics.push(at(Code::BadMinLoad, message).with_hint(
                        "use the whole number of mentees this mentor must take at least, or leave it empty for none",
                    )),
                },
                Field::Priority => match parse_priority(cell) {
                    Ok(priority) => person.priority = priority,
                    Err(message) => diagnostics.push(at(Code::BadPriority, message).with_hint(
                        "name the one criterion that matters most to this mentee, or leave the cell empty",
                    )),
                },
                Field::Skills => {
                    let (skills, bad) = list::parse_skills(cell, separator);
                    person.skills = skills;
                    diagnostics.extend(bad.into_iter().map(|b| {
                        at(
                            Code::BadSkillLevel,
                            format!("skill level must be a whole number from 1 to 5, got \"{}\" in \"{}\"", excerpt(&b.level), excerpt(&b.item)),
                        )
                        .with_hint("write a skill as `name` or `name:level`, e.g. `python:4`")
                    }));
                }
                Field::Values => person.values = list::parse(cell, separator),
                Field::Goals => person.goals = list::parse(cell, separator),
                Field::Exclude => person.exclude = list::parse(cell, separator),
                Field::Picks => {
                    let (picks, repeated) = choices::parse_picks(cell, separator);
                    person.picks = picks;
                    picks_column = Some(column);
                    diagnostics.extend(repeated.iter().map(|id| {
                        at(
                            Code::DuplicatePick,
                            format!("\"{}\" is picked more than once", excerpt(id)),
                        )
                        .with_hint("list each pick once, most wanted first")
                    }));
                }
                Field::Wants => {
                    let (wants, bad) = choices::parse_wants(cell, separator);
                    person.wants = wants;
                    diagnostics.extend(bad.iter().map(|item| {
                        at(
                            Code::BadWant,
                            format!("a wish must read `attribute=value`, got \"{}\"", excerpt(item)),
                        )
                        .with_hint("e.g. `gender=woman; !language=spanish` (a leading `!` makes it a must-have)")
                    }));
                }
                Field::Attribute(i) => {
                    person.attributes[i] = Some(list::normalize(cell)).filter(|v| !v.is_empty())
                }
            }
        }
        if let Some(column) = picks_column {
            for id in person.picks.iter().filter(|id| person.exclude.contains(id)) {
                diagnostics.push(
                    Diagnostic::at(
                        source,
                        row,
                        Some(column),
                        Code::PickExcluded,
                        format!("\"{}\" is both picked and excluded", excerpt(id)),
                    )
                    .with_hint("remove the id from `picks` or from `exclude`"),
                );
            }
        }
        if person.min_load > person.capacity {
            let column = fields.iter().position(|f| *f == Field::MinLoad);
            diagnostics.push(
                Diagnostic::at(
                    source,
                    row,
                    column.map(|c| columns[c].as_str()),
                    Code::BadMinLoad,
                    format!(
                        "min_load {} is above the capacity {}",
                        person.min_load, person.capacity
                    ),
                )
                .with_hint("a mentor cannot be required to take more mentees than their capacity"),
            );
        }
        let id_column = columns[fields.iter().position(|f| *f == Field::Id)?].as_str();
        if person.id.is_empty() {
            diagnostics.push(
                Diagnostic::at(
                    source,
                    row,
                    Some(id_column),
                    Code::EmptyId,
                    "the id is empty",
                )
                .with_hint("every person needs a unique id"),
            );
            return None;
        }
        let key = list::normalize(&person.id);
        if let Some(&first) = self.index.get(&key) {
            diagnostics.push(
                Diagnostic::at(
                    source,
                    row,
                    Some(id_column),
                    Code::DuplicateId,
                    format!(
                        "the id \"{}\" is already used on row {}",
                        excerpt(&person.id),
                        self.people[first].row
                    ),
                )
                .with_hint("ids must be unique within a file (they compare case-insensitively)"),
            );
            return None;
        }
        self.index.insert(key, self.people.len());
        Some(person)
    }

    /// Keeps the people at the positions for which `keep` holds, in order.
    pub(crate) fn keep_where(&mut self, keep: impl Fn(usize) -> bool) {
        let people = std::mem::take(&mut self.people);
        self.index.clear();
        for (_, person) in people.into_iter().enumerate().filter(|&(i, _)| keep(i)) {
            self.index
                .insert(list::normalize(&person.id), self.people.len());
            self.people.push(person);
        }
    }

    /// The position of the person with this id (compared case-insensitively).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(&list::normalize(id)).copied()
    }

    /// The position of the attribute column with this (normalised) name.
    pub fn attribute(&self, name: &str) -> Option<usize> {
        let name = list::normalize(name);
        self.attributes.iter().position(|a| *a == name)
    }

    /// The item separator of the `i`th attribute column, for a list
    /// attribute ([`crate::list_attributes`]): `;` unless `[columns]` sets another.
    pub fn attribute_separator(&self, i: usize) -> char {
        let separator = self.attribute_separators.get(i).copied();
        separator.unwrap_or(columns::DEFAULT_SEPARATOR)
    }

    /// The total number of mentees the people on this roster can take.
    pub fn total_capacity(&self) -> u64 {
        self.people.iter().map(|p| u64::from(p.capacity)).sum()
    }
}

/// How to fix a roster without a header.
const HEADER_HINT: &str = "a roster needs a header row such as `id,name,skills`";

/// What to check in a row whose cell count differs from the header's (a
/// workbook's rows all have the header's cells).
fn ragged_hint(format: &Format) -> String {
    let Some(format) = format.text() else {
        return String::new();
    };
    match format.delimiter {
        ';' => "this file separates cells with semicolons, so a list must be quoted as one cell \
                (\"python; sql\"); else check for a missing or extra semicolon, or an unclosed quote"
            .to_owned(),
        _ => format!(
            "check for a missing or extra {}, or an unclosed quote",
            format.delimiter_name().trim_end_matches('s')
        ),
    }
}

/// Reads a `capacity` (empty = 1) or `min_load` (empty = 0) cell; `column`
/// names it in the message.
fn parse_count(column: &str, cell: &str) -> Result<u32, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(u32::from(column == "capacity"));
    }
    text.parse::<u32>().map_err(|_| {
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let quoted = excerpt(text);
        if text.strip_prefix('-').is_some_and(digits) {
            format!("{column} must be 0 or more, got \"{quoted}\"")
        } else if digits(text) {
            format!("{column} \"{quoted}\" is too large (at most {})", u32::MAX)
        } else {
            format!("{column} must be a whole number, got \"{quoted}\"")
        }
    })
}

fn parse_priority(cell: &str) -> Result<Option<Criterion>, String> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    Criterion::parse(cell).map(Some).ok_or_else(|| {
        let names: Vec<&str> = Criterion::ALL.iter().map(|c| c.as_str()).collect();
        format!(
            "priority must be one of {}, got \"{}\"",
            names.join(", "),
            excerpt(cell.trim())
        )
    })
}
