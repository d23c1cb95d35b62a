//! The TimelineJS Google Sheets template, exported as CSV, read into a
//! [`Timeline`].
//!
//! Columns are found by their header — trimmed, in any case — not by position, so
//! a sheet with its columns moved, or without the optional ones, reads the same.
//! Besides the template's own columns, `Alt Text` and `Tag` are read, as the
//! viewer reads them. Any other header is left out and named in the summary
//! (newsrooms add `Notes`, `Source URL`), except one a small edit away from a known
//! name (`Yaer`), which is an error; so is a sheet without `Year` or `Headline`,
//! and the old template with `Start Date` and `End Date`. Rows whose cells are all empty are skipped, as the viewer skips
//! them. Cells are checked for their shape here (a number, a time); whether the
//! numbers make a date is the mapping's to say.

use super::{DateParts, Media, Origin, Problem, Slide, Timeline};

/// The template's columns, as its header row spells them.
pub const COLUMNS: [&str; 20] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
    "Alt Text",
    "Tag",
];

/// How many columns are read: [`COLUMNS`]' length.
const N: usize = COLUMNS.len();

/// The template's columns as its header row names them, without the two the viewer
/// also reads: what help texts list.
fn template() -> String {
    COLUMNS[..18].join(", ")
}

/// Reads the CSV text of a TimelineJS sheet: the rows that could be read, and every
/// problem — unknown or missing columns, and each cell that cannot be read (its row
/// left out).
pub fn read(text: &str) -> (Timeline, Vec<Problem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(['{', '[']) {
        return (
            Timeline::default(),
            vec![Problem::file(
                "the file is JSON, not CSV",
                Some("name it .json, or pass --format json".into()),
            )],
        );
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return (Timeline::default(), vec![csv_error(&e)]),
        None => {
            return (
                Timeline::default(),
                vec![Problem::file(
                    "the file is empty",
                    Some(format!(
                        "export the TimelineJS sheet as CSV; its first row names the columns: {}",
                        template()
                    )),
                )],
            );
        }
    };
    let (columns, ignored) = match columns(&header) {
        Ok(columns) => columns,
        Err(problems) => return (Timeline::default(), problems),
    };
    let mut timeline = Timeline {
        ignored_columns: ignored,
        ..Timeline::default()
    };
    let mut problems = Vec::new();
    // A quote that is never closed swallows every row after it into one cell, and
    // the csv crate reads that as the end of the file: the rows from the one where
    // it opens are not read, and the quote is reported there.
    let unclosed = unclosed_quote(text);
    if let Some(quote) = &unclosed {
        let column = header
            .get(quote.field)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map_or_else(|| format!("{}", quote.field + 1), str::to_owned);
        problems.push(Problem::at(
            &Origin::Row(quote.record + 1),
            column,
            format!(
                "the quote that opens this cell on line {} is never closed, so every line after it would be read into this one cell",
                quote.line
            ),
            "close the cell with a `\"`; a quote inside a cell is written twice (`\"\"`)",
        ));
    }
    for (n, record) in records.enumerate() {
        // The header is row 1.
        let origin = Origin::Row(n + 2);
        if unclosed.as_ref().is_some_and(|q| n + 2 > q.record) {
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(csv_error(&e));
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if let Some(problem) = swallowed_row(&origin, &header, &columns, &record) {
            problems.push(problem);
            continue;
        }
        let row = Row {
            origin: &origin,
            columns: &columns,
            record: &record,
        };
        if record.len() > header.len()
            && record
                .iter()
                .skip(header.len())
                .any(|c| !c.trim().is_empty())
        {
            problems.push(Problem {
                origin: Some(origin.clone()),
                field: None,
                message: format!(
                    "the row has {} cells, more than the {} columns the header names",
                    record.len(),
                    header.len()
                ),
                help: Some("give the extra cells a column header, or remove them".into()),
            });
        }
        let before = problems.len();
        let kind = row.kind(&mut problems);
        if let Kind::Era = kind {
            // Eras are listed, not imported: a cell that cannot be read is no
            // reason to refuse the import.
            timeline.eras.push(row.slide(&mut Vec::new()));
            continue;
        }
        let slide = row.slide(&mut problems);
        if problems.len() > before {
            continue;
        }
        match kind {
            Kind::Event => timeline.events.push(slide),
            Kind::Era => timeline.eras.push(slide),
            Kind::Title if timeline.title.is_none() => timeline.title = Some(slide),
            Kind::Title => problems.push(Problem::at(
                &origin,
                "Type",
                "a second title row",
                "a timeline has one title slide: empty this row's Type to make it an event, or remove the row",
            )),
        }
    }
    (timeline, problems)
}

/// A CSV syntax error (an unclosed quote, bytes that are not UTF-8), with the line
/// it is on.
fn csv_error(e: &::csv::Error) -> Problem {
    let line = e.position().map(::csv::Position::line);
    let message = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
        _ => format!("the file cannot be read as CSV: {e}"),
    };
    Problem::file(
        match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        },
        Some("export the sheet again with File → Download → Comma-separated values (.csv)".into()),
    )
}

/// A cell over several lines one of whose later lines reads like a whole row — as
/// many cells as the header, a year in the Year column — is a quote opened where it
/// should not be (or closed too late) that swallowed the rows below into one cell,
/// which a later stray quote closed: the problem at the cell.
fn swallowed_row(
    origin: &Origin,
    header: &::csv::StringRecord,
    columns: &[Option<usize>; N],
    record: &::csv::StringRecord,
) -> Option<Problem> {
    let year = columns[column("Year")]?;
    if header.len() < 4 {
        return None;
    }
    for (i, cell) in record.iter().enumerate() {
        for line in cell.lines().skip(1) {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(line.as_bytes());
            let Some(Ok(inner)) = reader.records().next() else {
                continue;
            };
            if inner.len() == header.len()
                && inner.get(year).is_some_and(|y| integer(y, true).is_some())
            {
                let name = header.get(i).map(str::trim).unwrap_or_default();
                return Some(Problem::at(
                    origin,
                    name,
                    format!(
                        "a line in this cell reads like a whole row (`{}`): a quote in the cell opens or closes it where it should not, so the rows after it were read into it",
                        line.trim()
                    ),
                    "check this cell's quotes: a quote opens a cell only as its first character and closes it before the next comma; a quote inside a cell is written twice (`\"\"`)",
                ));
            }
        }
    }
    None
}

/// Where a quote that is never closed opens: its record (0 for the header), its
/// field in that record (from 0) and its line in the file (from 1).
#[derive(Debug, PartialEq, Eq)]
struct Unclosed {
    record: usize,
    field: usize,
    line: usize,
}

/// The quote left open at the end of `text`, read as the csv crate reads it: a
/// quote opens a cell only as its first character, and inside it two quotes are
/// one; a line break outside quotes ends a record.
fn unclosed_quote(text: &str) -> Option<Unclosed> {
    let (mut record, mut field, mut line) = (0, 0, 1);
    let mut at_start = true;
    // The csv crate skips empty lines: they are no record.
    let mut blank = true;
    let mut open: Option<Unclosed> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if open.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                }
            }
            continue;
        }
        match c {
            '"' if at_start => {
                open = Some(Unclosed {
                    record,
                    field,
                    line,
                });
                at_start = false;
            }
            ',' => {
                field += 1;
                at_start = true;
            }
            '\n' | '\r' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                    line += 1;
                }
                if !blank {
                    record += 1;
                }
                blank = true;
                field = 0;
                at_start = true;
                continue;
            }
            _ => at_start = false,
        }
        blank = false;
    }
    open
}

/// Headers of the old (version 1) TimelineJS template, which has one cell per date.
const OLD_TEMPLATE: [&str; 2] = ["Start Date", "End Date"];

/// The index of each column read in the header, by [`COLUMNS`]' order, and the
/// headers left out; or the problems with the header.
type Columns = ([Option<usize>; N], Vec<String>);

fn columns(header: &::csv::StringRecord) -> Result<Columns, Vec<Problem>> {
    let mut found: [Option<usize>; N] = [None; N];
    let mut ignored = Vec::new();
    let mut problems = Vec::new();
    let lower: Vec<String> = COLUMNS.iter().map(|c| c.to_ascii_lowercase()).collect();
    if header.iter().any(|name| {
        OLD_TEMPLATE
            .iter()
            .any(|old| name.trim().eq_ignore_ascii_case(old))
    }) {
        return Err(vec![Problem::file(
            "the sheet is TimelineJS's old template, with a `Start Date` and an `End Date` column",
            Some(format!(
                "TimelineJS's current template gives each date its own Year, Month, Day and Time columns: make a copy of the current template (timeline.knightlab.com, \"Get the spreadsheet template\"), paste your rows into it with each date split into those columns, and export that as CSV. Its columns are {}",
                template()
            )),
        )]);
    }
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        let key = name.to_lowercase();
        if key.is_empty() {
            continue;
        }
        match lower.iter().position(|c| *c == key) {
            Some(c) if found[c].is_some() => problems.push(Problem::file(
                format!("the column `{name}` is there twice"),
                Some("keep one of them".into()),
            )),
            Some(c) => found[c] = Some(i),
            None => match crate::suggest::did_you_mean(name, COLUMNS.iter().copied()) {
                // A near miss of a known name is a typo that would lose the column.
                Some(help) => problems.push(Problem::file(
                    format!("unknown column `{name}`"),
                    Some(help),
                )),
                None => ignored.push(name.to_owned()),
            },
        }
    }
    for required in ["Year", "Headline"] {
        if found[column(required)].is_none() {
            problems.push(Problem::file(
                format!("the header has no `{required}` column"),
                Some(format!(
                    "the first row must name the template's columns, `{required}` among them: {}",
                    template()
                )),
            ));
        }
    }
    if problems.is_empty() {
        Ok((found, ignored))
    } else {
        Err(problems)
    }
}

/// The index of a template column in [`COLUMNS`].
fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

/// What a row is, by its Type.
enum Kind {
    Event,
    Title,
    Era,
}

/// One row with what is needed to read its cells by column name.
struct Row<'a> {
    origin: &'a Origin,
    columns: &'a [Option<usize>; N],
    record: &'a ::csv::StringRecord,
}

impl Row<'_> {
    /// The cell of column `name`, trimmed; `None` when empty or absent.
    fn cell(&self, name: &str) -> Option<&str> {
        let i = self.columns[column(name)]?;
        Some(self.record.get(i)?.trim()).filter(|c| !c.is_empty())
    }

    /// The cell of column `name`, trimmed, as the viewer keeps it: an empty cell is
    /// no value.
    fn text(&self, name: &str) -> Option<String> {
        self.cell(name).map(str::to_owned)
    }

    /// What the row is, by its Type: an ordinary slide when it is empty.
    fn kind(&self, problems: &mut Vec<Problem>) -> Kind {
        match self.cell("Type").map(str::to_lowercase).as_deref() {
            None => Kind::Event,
            Some("title") => Kind::Title,
            Some("era") => Kind::Era,
            Some(other) => {
                problems.push(Problem::at(
                    self.origin,
                    "Type",
                    format!("unknown type `{other}`"),
                    "leave Type empty for an ordinary slide, or write `title` or `era`",
                ));
                Kind::Event
            }
        }
    }

    /// The row's slide; each cell that cannot be read is added to `problems`.
    fn slide(&self, problems: &mut Vec<Problem>) -> Slide {
        let start = self.date(["Year", "Month", "Day", "Time"], problems);
        let end = self.date(["End Year", "End Month", "End Day", "End Time"], problems);
        let media = self.text("Media").map(|url| Media {
            url,
            caption: self.text("Media Caption"),
            credit: self.text("Media Credit"),
            thumbnail: self.text("Media Thumbnail"),
            alt: self.text("Alt Text"),
        });
        Slide {
            origin: self.origin.clone(),
            start,
            end,
            display_date: self.text("Display Date"),
            headline: self.text("Headline").unwrap_or_default(),
            text: self.text("Text").unwrap_or_default(),
            media,
            // The viewer's `row['Group'] || row['Tag']`.
            group: self.text("Group").or_else(|| self.text("Tag")),
            unique_id: None,
            background: self.cell("Background").is_some(),
        }
    }

    /// The date in the four columns `[year, month, day, time]`: `None` when all are
    /// empty. A month, day or time without a year is an error (the viewer drops
    /// such an end date; a start date it cannot place).
    fn date(&self, names: [&str; 4], problems: &mut Vec<Problem>) -> Option<DateParts> {
        let [year_name, month_name, day_name, time_name] = names;
        let before = problems.len();
        let year = self.cell(year_name).and_then(|c| {
            integer(c, true)
                .ok_or_else(|| {
                    problems.push(Problem::at(
                        self.origin,
                        year_name,
                        format!("`{c}` is not a year"),
                        "write the year as a number: 2024",
                    ));
                })
                .ok()
        });
        let mut part = |name: &str, what: &str, example: &str| {
            let c = self.cell(name)?;
            let n = integer(c, false).and_then(|n| u32::try_from(n).ok());
            if n.is_none() {
                problems.push(Problem::at(
                    self.origin,
                    name,
                    format!("`{c}` is not a {what}"),
                    format!("write the {what} as a number: {example}"),
                ));
            }
            n
        };
        let month = part(month_name, "month", "1 to 12");
        let day = part(day_name, "day", "1 to 31");
        let (clock, offset) = self.cell(time_name).map(split_offset).unzip();
        let offset = offset.flatten();
        let time = clock.and_then(|c| match parse_time(c) {
            Ok(time) => Some(time),
            Err(message) => {
                problems.push(Problem::at(
                    self.origin,
                    time_name,
                    message,
                    "write the time as 13:45, 13:45:30 or 1:45 PM, and an offset after it when needed (13:45 -04:00)",
                ));
                None
            }
        });
        let written = [month_name, day_name, time_name]
            .iter()
            .any(|n| self.cell(n).is_some());
        match year {
            None if self.cell(year_name).is_none() && written => {
                problems.push(Problem::at(
                    self.origin,
                    year_name,
                    "a month, day or time without a year",
                    format!("fill in {year_name}, or empty the other cells of this date"),
                ));
                None
            }
            None => None,
            Some(_) if problems.len() > before => None,
            Some(year) => Some(DateParts {
                year,
                month,
                day,
                hour: time.map(|t| t.0),
                minute: time.map(|t| t.1),
                second: time.and_then(|t| t.2),
                display_date: None,
                offset: offset.filter(|_| time.is_some()),
            }),
        }
    }
}

/// A whole number as a spreadsheet may show it: `2024`, `2,024`, `1 900`
/// (separators dropped, as the viewer drops them), `2024.0` (a whole number
/// exported as a decimal; the viewer reads it with `parseInt`); negative only when
/// `signed`.
fn integer(cell: &str, signed: bool) -> Option<i64> {
    let digits: String = cell
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let digits = match digits.split_once('.') {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => {
            whole.to_owned()
        }
        _ => digits,
    };
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) if signed => (true, rest.to_owned()),
        _ => (false, digits),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// A Time cell's time and the UTC offset written after it, in seconds east:
/// `01:30 -04:00`, `1:30 AM -0400`, `14:50 UTC+3:30`, `14:50 UTC`, `14:50Z`. Without
/// one, the cell as it is.
pub fn split_offset(cell: &str) -> (&str, Option<i32>) {
    let cell = cell.trim();
    for utc in ["UTC", "GMT", "Z"] {
        if let Some(clock) = cell.strip_suffix(utc)
            && clock.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '.')
        {
            return (clock.trim_end(), Some(0));
        }
    }
    if let Some(at) = cell.rfind(['+', '-', '−'])
        && at > 0
        && let Some(seconds) = super::mapping::offset_seconds(&cell[at..])
    {
        let clock = cell[..at].trim_end();
        let clock = clock
            .strip_suffix("UTC")
            .or_else(|| clock.strip_suffix("GMT"))
            .unwrap_or(clock);
        return (clock.trim_end(), Some(seconds));
    }
    (cell, None)
}

/// A time of day as the template documents it — `13:45`, `13:45:30`, `1:45 PM`,
/// `1:45 p.m.`, `9 AM`, `1345` — as hour, minute and second (when written). An
/// hour alone is on the hour; fractions of a second are dropped.
pub fn parse_time(cell: &str) -> Result<(u32, u32, Option<u32>), String> {
    let bad = |why: &str| format!("`{cell}` is not a time{why}");
    let lower = cell.trim().to_ascii_lowercase();
    let (clock, period) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("a.m."))
        .or_else(|| lower.strip_suffix("a.m"))
    {
        Some(clock) => (clock.trim_end(), Some(false)),
        None => match lower
            .strip_suffix("pm")
            .or_else(|| lower.strip_suffix("p.m."))
            .or_else(|| lower.strip_suffix("p.m"))
        {
            Some(clock) => (clock.trim_end(), Some(true)),
            None => (lower.as_str(), None),
        },
    };
    let parts: Vec<&str> =
        if clock.len() >= 3 && clock.len() <= 4 && clock.bytes().all(|b| b.is_ascii_digit()) {
            // `1345`: the viewer reads four (or three) digits as hours and minutes.
            let split = clock.len() - 2;
            vec![&clock[..split], &clock[split..]]
        } else if clock.contains(':') {
            clock.split(':').collect()
        } else {
            clock.split('.').collect()
        };
    if parts.len() > 3 {
        return Err(bad(""));
    }
    let number = |text: &str, max: u32| -> Option<u32> {
        let text = text.trim();
        if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().filter(|n| *n <= max)
    };
    let mut hour = number(parts[0], 23).ok_or_else(|| bad(": the hour must be 0 to 23"))?;
    if let Some(pm) = period {
        if !(1..=12).contains(&hour) {
            return Err(bad(": with AM or PM the hour must be 1 to 12"));
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let minute = match parts.get(1) {
        Some(m) => number(m, 59).ok_or_else(|| bad(": the minutes must be 00 to 59"))?,
        None => 0,
    };
    let second = match parts.get(2) {
        // `30.5`, `30,5`: whole seconds kept.
        Some(s) => {
            let whole = s.split(['.', ',']).next().unwrap_or_default();
            Some(number(whole, 59).ok_or_else(|| bad(": the seconds must be 00 to 59"))?)
        }
        None => None,
    };
    Ok((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_times_the_template_documents() {
        assert_eq!(parse_time("13:45"), Ok((13, 45, None)));
        assert_eq!(parse_time("13:45:00"), Ok((13, 45, Some(0))));
        assert_eq!(parse_time("13:45:30.5"), Ok((13, 45, Some(30))));
        assert_eq!(parse_time("1:45 PM"), Ok((13, 45, None)));
        assert_eq!(parse_time("1:45pm"), Ok((13, 45, None)));
        assert_eq!(parse_time("12:10 a.m."), Ok((0, 10, None)));
        assert_eq!(parse_time("12:10 PM"), Ok((12, 10, None)));
        assert_eq!(parse_time("9 AM"), Ok((9, 0, None)));
        assert_eq!(parse_time("1345"), Ok((13, 45, None)));
        assert_eq!(parse_time("13.45"), Ok((13, 45, None)));
        assert_eq!(
            parse_time("25:00"),
            Err("`25:00` is not a time: the hour must be 0 to 23".into())
        );
        assert_eq!(
            parse_time("13:45 PM"),
            Err("`13:45 PM` is not a time: with AM or PM the hour must be 1 to 12".into())
        );
        assert_eq!(
            parse_time("noon"),
            Err("`noon` is not a time: the hour must be 0 to 23".into())
        );
        assert_eq!(
            parse_time("10:75"),
            Err("`10:75` is not a time: the minutes must be 00 to 59".into())
        );
    }

    #[test]
    fn reads_an_offset_after_the_time() {
        assert_eq!(split_offset("01:30 -04:00"), ("01:30", Some(-14400)));
        assert_eq!(split_offset("1:30 AM -0400"), ("1:30 AM", Some(-14400)));
        assert_eq!(split_offset("14:50 UTC+3:30"), ("14:50", Some(12600)));
        assert_eq!(split_offset("14:50+03:30"), ("14:50", Some(12600)));
        assert_eq!(split_offset("14:50 UTC"), ("14:50", Some(0)));
        assert_eq!(split_offset("14:50Z"), ("14:50", Some(0)));
        assert_eq!(split_offset("1:45 p.m."), ("1:45 p.m.", None));
        assert_eq!(split_offset("13:45"), ("13:45", None));
        assert_eq!(split_offset("13:45 -25:00"), ("13:45 -25:00", None));
    }

    #[test]
    fn reads_numbers_as_a_spreadsheet_shows_them() {
        assert_eq!(integer("2024", true), Some(2024));
        assert_eq!(integer("2,024", true), Some(2024));
        assert_eq!(integer("-44", true), Some(-44));
        assert_eq!(integer("-4", false), None);
        assert_eq!(integer("March", false), None);
        assert_eq!(integer("3.5", false), None);
        assert_eq!(integer("2024.0", true), Some(2024));
        assert_eq!(integer("3.00", false), Some(3));
        assert_eq!(integer("-44.0", true), Some(-44));
        assert_eq!(integer("3.", false), None);
        assert_eq!(integer(".0", false), None);
    }

    #[test]
    fn finds_columns_by_name_in_any_order_and_case() {
        let text = "headline , YEAR,month,Type\nFirst,2024,1,\nTitle row,,,title\n,,,\n";
        let (timeline, problems) = read(text);
        assert_eq!(problems, []);
        assert_eq!(timeline.events.len(), 1);
        let event = &timeline.events[0];
        assert_eq!(event.headline, "First");
        assert_eq!(event.origin, Origin::Row(2));
        assert_eq!(
            event.start,
            Some(DateParts {
                year: 2024,
                month: Some(1),
                ..DateParts::default()
            })
        );
        assert_eq!(timeline.title.unwrap().headline, "Title row");
    }

    #[test]
    fn lists_eras_whatever_their_cells() {
        let (timeline, problems) = read("Year,Headline,Type\nx,Bad era,era\n2024,Event,\n");
        assert_eq!(problems, []);
        assert_eq!(timeline.eras.len(), 1);
        assert_eq!(timeline.eras[0].headline, "Bad era");
        assert_eq!(timeline.eras[0].start, None);
        assert_eq!(timeline.events[0].headline, "Event");
    }

    #[test]
    fn reports_near_misses_and_missing_columns_and_leaves_others_out() {
        let (timeline, problems) = read("Yaer,Headline,Notes,Source URL,Headlne\n2024,x,y,z,w\n");
        let lines: Vec<String> = problems.iter().map(|p| p.line(true)).collect();
        assert_eq!(
            lines,
            [
                "unknown column `Yaer`",
                "unknown column `Headlne`",
                "the header has no `Year` column"
            ]
        );
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `Year`?"));
        assert_eq!(
            problems[1].help.as_deref(),
            Some("did you mean `Headline`?")
        );
        assert!(timeline.ignored_columns.is_empty());
        let (timeline, problems) = read("Year,Headline,Notes,Source URL\n2024,x,y,z\n");
        assert_eq!(problems, []);
        assert_eq!(timeline.ignored_columns, ["Notes", "Source URL"]);
        assert_eq!(timeline.events[0].headline, "x");
    }

    #[test]
    fn reads_alt_text_and_tag_as_the_viewer_does() {
        let text = "Year,Headline,Media,Alt Text,Group,Tag\n\
                    2024,A,https://x.org/a.jpg,A dam,,Dams\n\
                    2024,B,,,Floods,Dams\n\
                    2024,C,,,,\n";
        let (timeline, problems) = read(text);
        assert_eq!(problems, []);
        let a = &timeline.events[0];
        assert_eq!(a.media.as_ref().unwrap().alt.as_deref(), Some("A dam"));
        assert_eq!(a.group.as_deref(), Some("Dams"));
        assert_eq!(timeline.events[1].group.as_deref(), Some("Floods"));
        assert_eq!(timeline.events[2].group, None);
        assert!(timeline.ignored_columns.is_empty());
    }

    #[test]
    fn names_json_given_as_csv() {
        let (_, problems) = read("\u{feff}\n {\"events\": []}");
        assert_eq!(
            problems.iter().map(|p| p.line(true)).collect::<Vec<_>>(),
            ["the file is JSON, not CSV"]
        );
    }

    #[test]
    fn names_the_old_template() {
        let (_, problems) = read(
            "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag\n1/3/2020,,Soleimani killed,,,,,,,Iran\n",
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].line(true),
            "the sheet is TimelineJS's old template, with a `Start Date` and an `End Date` column"
        );
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("TimelineJS's current template gives each date its own Year, Month, Day and Time columns")
        );
    }

    #[test]
    fn reports_rows_swallowed_by_a_stray_quote() {
        let (timeline, problems) = read(
            "Year,Month,Day,Headline\n2024,1,1,\"Unclosed quote\n2024,1,2,Second \"x\" here\n2024,1,3,Third\n",
        );
        assert_eq!(
            problems.iter().map(|p| p.line(true)).collect::<Vec<_>>(),
            [
                "row 2, column Headline: a line in this cell reads like a whole row (`2024,1,2,Second x\" here`): a quote in the cell opens or closes it where it should not, so the rows after it were read into it"
            ]
        );
        assert_eq!(timeline.events.len(), 1);
        // A text over several lines with commas in it is no row.
        let (timeline, problems) = read(
            "Year,Month,Day,Headline,Text\n2024,1,1,A,\"Summary:\nfirst, second, third, fourth\n2024, a year\"\n",
        );
        assert_eq!(problems, []);
        assert_eq!(timeline.events.len(), 1);
    }

    #[test]
    fn reports_a_quote_never_closed_at_its_row() {
        let (timeline, problems) =
            read("Year,Month,Day,Headline\n2024,1,1,\"Unclosed quote\n2024,1,2,Second\n");
        assert_eq!(
            problems.iter().map(|p| p.line(true)).collect::<Vec<_>>(),
            [
                "row 2, column Headline: the quote that opens this cell on line 2 is never closed, so every line after it would be read into this one cell"
            ]
        );
        assert!(timeline.events.is_empty());
        // Rows before it are read; quotes closed, doubled or spanning lines are fine;
        // empty lines are no row.
        let (timeline, problems) = read(
            "Year,Headline,Text\r\n\r\n2023,\"A \"\"quoted\"\" one\",\"two\nlines\"\r\n2024,B,x\n2024,C,\"open\n2024,D,\n",
        );
        assert_eq!(
            problems.iter().map(|p| p.line(true)).collect::<Vec<_>>(),
            [
                "row 4, column Text: the quote that opens this cell on line 6 is never closed, so every line after it would be read into this one cell"
            ]
        );
        let headlines: Vec<&str> = timeline
            .events
            .iter()
            .map(|e| e.headline.as_str())
            .collect();
        assert_eq!(headlines, ["A \"quoted\" one", "B"]);
        assert_eq!(unclosed_quote("a,\"b\"\"\nc\",d\n"), None);
        assert_eq!(
            unclosed_quote("a,b\n\"x"),
            Some(Unclosed {
                record: 1,
                field: 0,
                line: 2
            })
        );
    }

    #[test]
    fn reports_every_bad_cell_with_its_row_and_column() {
        let text = "Year,Month,Day,Time,Headline,Type\n2024,x,3,,A,\n,5,,,B,\n2024,1,1,25:00,C,\n2024,,,,D,slide\n";
        let (timeline, problems) = read(text);
        let lines: Vec<String> = problems.iter().map(|p| p.line(true)).collect();
        assert!(timeline.events.is_empty());
        assert_eq!(
            lines,
            [
                "row 2, column Month: `x` is not a month",
                "row 3, column Year: a month, day or time without a year",
                "row 4, column Time: `25:00` is not a time: the hour must be 0 to 23",
                "row 5, column Type: unknown type `slide`",
            ]
        );
    }
}
