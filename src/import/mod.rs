//! `dateline import`: a Knight Lab TimelineJS timeline read into dateline event files.
//!
//! Two readers turn a source into one [`Timeline`] — [`json`] the TimelineJS3 JSON
//! format (<https://timeline.knightlab.com/docs/json-format.html>), [`csv`] the
//! TimelineJS Google Sheets template exported as CSV — and [`mapping`] turns that
//! into the text of each event file and the site's title and description. All of
//! it is pure: the readers take text, the mapping returns text. Reading the source
//! file, checking the site and writing the files are `cmd/import.rs`'s.
//!
//! Every reader and the mapping collect all the problems they meet ([`Problem`]),
//! each naming its slide — a spreadsheet row as the spreadsheet numbers it (the
//! header is row 1), or a JSON event by its index and headline — and its column or
//! field, so one run reports every bad cell. docs/IMPORTING.md has the full mapping.

pub mod csv;
pub mod json;
pub mod mapping;

use std::fmt;

/// Which format a source is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TimelineJS3 JSON.
    Json,
    /// The TimelineJS Google Sheets template, exported as CSV.
    Csv,
}

impl Format {
    /// The format a file name's extension says (`.json`, `.csv`, any case).
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Reads `text` in this format: the slides that could be read, and every
    /// problem met (the slides with one left out).
    pub fn read(self, text: &str) -> (Timeline, Vec<Problem>) {
        match self {
            Format::Json => json::read(text),
            Format::Csv => csv::read(text),
        }
    }
}

/// A timeline as TimelineJS holds it, whichever format it came in.
#[derive(Debug, Default)]
pub struct Timeline {
    /// The title slide, when there is one.
    pub title: Option<Slide>,
    /// The events, in the source's order.
    pub events: Vec<Slide>,
    /// The eras, which dateline has nothing for: reported, not imported.
    pub eras: Vec<Slide>,
    /// Spreadsheet columns the viewer does not read either (`Notes`), left out.
    pub ignored_columns: Vec<String>,
}

/// One slide: an event, the title slide or an era. Text fields hold HTML as
/// TimelineJS does (plain text is HTML without tags).
#[derive(Debug, Default, Clone)]
pub struct Slide {
    /// Where it is in the source, for messages.
    pub origin: Origin,
    /// The date it starts (none for the title slide).
    pub start: Option<DateParts>,
    /// The date it ends, for a span.
    pub end: Option<DateParts>,
    /// The date as the viewer showed it, when the source says: the slide's own
    /// `display_date` (the spreadsheet's Display Date).
    pub display_date: Option<String>,
    /// The headline, HTML.
    pub headline: String,
    /// The text, HTML.
    pub text: String,
    /// The media, when it has an address.
    pub media: Option<Media>,
    /// The group, plain text.
    pub group: Option<String>,
    /// The slide's id, when the source gives one (JSON only).
    pub unique_id: Option<String>,
    /// Whether it sets a background (an image or colour), which dateline does not
    /// have.
    pub background: bool,
}

/// A date as TimelineJS writes it: the year, and each finer part when known.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DateParts {
    /// The year; checked to be 1–9999 by the mapping.
    pub year: i64,
    /// 1–12.
    pub month: Option<u32>,
    /// 1–31.
    pub day: Option<u32>,
    /// 0–23.
    pub hour: Option<u32>,
    /// 0–59.
    pub minute: Option<u32>,
    /// 0–59.
    pub second: Option<u32>,
    /// The date object's own `display_date` (JSON only).
    pub display_date: Option<String>,
    /// The UTC offset written with the time, in seconds east (the sheet's Time cell
    /// only: `01:30 -04:00`); without one, the time is read in the import's zone.
    pub offset: Option<i32>,
}

/// A slide's media: an image, or something TimelineJS embeds (a video, a post, a
/// map …). HTML in `caption` and `credit`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Media {
    /// The address (or, for some embeds, HTML).
    pub url: String,
    /// HTML.
    pub caption: Option<String>,
    /// HTML.
    pub credit: Option<String>,
    /// A smaller image for the viewer's time line.
    pub thumbnail: Option<String>,
    /// Plain text for readers who cannot see it (JSON `alt`, the sheet's Alt Text).
    pub alt: Option<String>,
}

/// Where a slide is in its source.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A spreadsheet row, numbered as the spreadsheet shows it: the header is 1.
    Row(usize),
    /// A JSON `events` item: its index from 0 and its headline as plain text.
    Event(usize, String),
    /// The JSON `title` slide.
    #[default]
    Title,
    /// A JSON `eras` item, by index from 0.
    Era(usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Row(row) => write!(f, "row {row}"),
            Origin::Event(index, headline) if headline.is_empty() => {
                write!(f, "events[{index}]")
            }
            Origin::Event(index, headline) => write!(f, "events[{index}] (\"{headline}\")"),
            Origin::Title => f.write_str("the title slide"),
            Origin::Era(index) => write!(f, "eras[{index}]"),
        }
    }
}

/// Something wrong in the source: where (`row 5`, `column Month`), what, and how to
/// fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The slide, or `None` for the whole file.
    pub origin: Option<Origin>,
    /// The column (CSV: its header as the file writes it) or field (JSON: its path
    /// within the slide, `start_date.month`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    /// A problem with the whole file.
    pub fn file(message: impl Into<String>, help: Option<String>) -> Problem {
        Problem {
            origin: None,
            field: None,
            message: message.into(),
            help,
        }
    }

    /// A problem in one cell or field of one slide.
    pub fn at(
        origin: &Origin,
        field: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Problem {
        Problem {
            origin: Some(origin.clone()),
            field: Some(field.into()),
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// Where it sorts in a report: problems with the whole file first, then by row
    /// or event, in the source's order.
    pub fn order(&self) -> (u8, usize) {
        match &self.origin {
            None => (0, 0),
            Some(Origin::Title) => (1, 0),
            Some(Origin::Row(n) | Origin::Event(n, _)) => (2, *n),
            Some(Origin::Era(n)) => (3, *n),
        }
    }

    /// One line: `row 5, column Month: there is no month 13`, or for JSON
    /// `events[3] ("Flood"), start_date.month: …`.
    pub fn line(&self, csv: bool) -> String {
        let place = match (&self.origin, &self.field) {
            (Some(origin), Some(field)) if csv => format!("{origin}, column {field}: "),
            (Some(origin), Some(field)) => format!("{origin}, {field}: "),
            (Some(origin), None) => format!("{origin}: "),
            (None, _) => String::new(),
        };
        format!("{place}{}", self.message)
    }
}
