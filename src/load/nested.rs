//! Part of stage 1, load: lists of entries in front matter (`reports:`,
//! `corrections:`), each entry a map with keys of its own, read one entry at a time;
//! and the one map under `image:`, read field by field as a list of one entry.
//!
//! A wrong entry — a key it cannot have, one it must have and lacks, a value of the
//! wrong kind, a key given twice, a date YAML misreads — is reported at the place of
//! each of its problems; its fields that read are kept for `resolve` to check, and the
//! other entries read as if it were not there. So one run finds every problem of a
//! list, as each top-level key is read on its own for the whole front matter. Where
//! each entry and each of its fields is written is kept ([`List`]), so that `resolve`
//! reports what it finds in a value at its place without reading the text again.
//!
//! The checks are the same for YAML and TOML: each format is first read into the
//! same items — YAML through the parser's events (`yaml::list`), TOML here
//! through the spans of its parser, `[[reports]]` tables and inline tables alike.
//! Pure functions over the front matter's text; positions are its 1-based lines and
//! columns.

use super::frontmatter::{Format, Problem};

/// A list of entries under a top-level key, as `load` read it: where each entry and
/// each of its fields is written, and which entries did not read whole. The one map
/// under `image` is read the same way, as a list of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The front matter key: `reports`, `corrections` or `image`.
    pub key: String,
    /// One per entry, in the order written.
    pub entries: Vec<Entry>,
}

/// One entry of a [`List`]. Positions are 1-based lines and columns of the front
/// matter (not of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it starts: its first key (a YAML `- source: …` item), its `{` (written
    /// inline), or its `[[reports]]` line (a TOML table).
    pub at: (usize, usize),
    /// Its fields as written, each once, in the order written.
    pub fields: Vec<Field>,
    /// `Some` when the entry did not read whole: its fields that read are checked,
    /// but it is not published.
    pub unread: Option<Unread>,
}

/// Where a field of an [`Entry`] is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key as written: `url`.
    pub name: String,
    /// Where the key is.
    pub key: (usize, usize),
    /// Where the value starts: its first character, opening quote, or the `|` or
    /// `>` of a YAML block (see [`place_in_value`] for a character inside it).
    pub value: (usize, usize),
}

/// What `load` reported about an entry that did not read whole, so that `resolve`
/// neither says it again nor reports what follows from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unread {
    /// The keys the entry may have whose problem is already told: missing,
    /// misspelt (`sorce` tells `source`), empty, of the wrong kind or given twice.
    pub told: Vec<String>,
    /// Names written in the entry that a body may cite: its `id` and the text of its
    /// unknown keys (`idd: afp-toll`). A citation of one is not reported as an
    /// unknown source: the entry's own error says what to fix.
    pub names: Vec<String>,
}

impl List {
    /// The same list read in text that starts `lines` lines into the front matter.
    pub(super) fn shifted(mut self, lines: usize) -> List {
        for entry in &mut self.entries {
            entry.at.0 += lines;
            for field in &mut entry.fields {
                field.key.0 += lines;
                field.value.0 += lines;
            }
        }
        self
    }
}

impl Entry {
    /// The field written as `name`, if it is.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Where the character at byte `offset` of `text` — a value read from front matter
/// `matter` whose written form starts at `value` (1-based line and column) — is
/// written: its 1-based line and column in `matter`. Follows the value as written,
/// whatever its form: plain, quoted with escapes (`\"`, `\u00e9`, `''`), a YAML `|`
/// or `>` block (indentation and folded line breaks), a TOML `"""` or `'''`
/// string. `None` when the text cannot be followed in what is written there.
pub fn place_in_value(
    matter: &str,
    value: (usize, usize),
    text: &str,
    offset: usize,
) -> Option<(usize, usize)> {
    let line_start: usize = matter
        .split_inclusive('\n')
        .take(value.0.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = matter.get(line_start..)?;
    let start = line_start + rest.char_indices().nth(value.1.checked_sub(1)?)?.0;
    let written = &matter[start..];
    // The opening of the value, and whether backslashes escape in it.
    let (skip, escapes, doubled_quote) = if written.starts_with(['|', '>']) {
        (written.find('\n')? + 1, false, false)
    } else if written.starts_with("\"\"\"") {
        (3, true, false)
    } else if written.starts_with("'''") {
        (3, false, false)
    } else if written.starts_with('"') {
        (1, true, false)
    } else if written.starts_with('\'') {
        (1, false, true)
    } else {
        (0, false, false)
    };
    let source = &written[skip..];
    let mut s = 0;
    for (d, c) in text.char_indices() {
        let at = loop {
            let here = &source[s..];
            let next = here.chars().next()?;
            if escapes && next == '\\' {
                let (escaped, len) = escape(here)?;
                s += len;
                match escaped {
                    Some(e) if e == c => break s - len,
                    Some(_) => return None,
                    None => continue,
                }
            }
            if next == c {
                s += c.len_utf8();
                if doubled_quote && c == '\'' && source[s..].starts_with('\'') {
                    s += 1;
                }
                break s - c.len_utf8();
            }
            if c == ' ' && next == '\n' {
                s += 1;
                break s - 1;
            }
            if matches!(next, ' ' | '\t' | '\n') {
                s += 1;
                continue;
            }
            return None;
        };
        if d == offset {
            return Some(crate::diagnostic::line_col(matter, start + skip + at));
        }
    }
    (offset == text.len()).then(|| crate::diagnostic::line_col(matter, start + skip + s))
}

/// The escape sequence at the start of `written` (a backslash and what follows), as
/// YAML's double-quoted and TOML's basic strings read it: the character it writes
/// and its length, or no character for a line continuation. `None` when unknown.
fn escape(written: &str) -> Option<(Option<char>, usize)> {
    let mut chars = written.chars().skip(1);
    let kind = chars.next()?;
    let hex = |digits: usize| {
        let code = written.get(2..2 + digits)?;
        let c = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
        Some((Some(c), 2 + digits))
    };
    let c = match kind {
        'x' => return hex(2),
        'u' => return hex(4),
        'U' => return hex(8),
        '\n' => return Some((None, 2)),
        ' ' | '\t'
            if written[1..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n') =>
        {
            let spaces = written[1..].len() - written[1..].trim_start_matches([' ', '\t']).len();
            return Some((None, 2 + spaces));
        }
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        ' ' | '"' | '/' | '\\' => kind,
        _ => return None,
    };
    Some((Some(c), 1 + kind.len_utf8()))
}

/// One entry of a list, as either format writes it, before it is checked.
#[derive(Debug, Clone)]
pub(super) struct Item<V> {
    /// Where the entry starts: see [`Entry::at`].
    pub(super) at: (usize, usize),
    /// Its fields in the order written, or `None` when the entry is not a map (a
    /// lone value, a list), or could not be read at all (YAML syntax in it).
    pub(super) fields: Option<Vec<RawField<V>>>,
    /// For an entry that could not be read at all, whose problem is already told:
    /// the text written in it, read loosely (see [`Unread::names`]).
    pub(super) unreadable: Option<Vec<String>>,
}

/// A field of an [`Item`]: where it is, what kind of value it holds, and the value
/// as the format gives it (`V`), kept when it is right.
#[derive(Debug, Clone)]
pub(super) struct RawField<V> {
    pub(super) name: String,
    pub(super) key: (usize, usize),
    pub(super) value_at: (usize, usize),
    pub(super) kind: Kind,
    /// The value as text, when it is a string or a YAML scalar.
    pub(super) text: Option<String>,
    pub(super) value: V,
}

/// The kind of a field's value, in terms both formats share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// A TOML string or a quoted or block YAML scalar: text as written.
    Text,
    /// A plain (unquoted) YAML scalar, which YAML may read as a number or a flag.
    Plain,
    /// No value: a YAML `key:`, `~` or `null`.
    Null,
    /// A TOML integer of at least 0, which a date takes as its year.
    Year,
    /// A TOML date or datetime.
    Date,
    /// A list, a map, a TOML flag, float or negative integer.
    Other,
}

/// What the document around a list tells its checks.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Around<'a> {
    /// The file's lines before the text read, for messages that name lines.
    pub(super) lines_before: usize,
    /// The document's own keys, which an entry may hold by mistake.
    pub(super) top_level: &'a [&'a str],
    /// Keys written at the start of a line below the list that are none of the
    /// document's own: each has its own error, saying to indent it under the list,
    /// so the last entry is not said to lack it.
    pub(super) below: &'a [&'a str],
}

/// What reading a list entry by entry gave, in the coordinates of the text read.
#[derive(Debug)]
pub(super) struct ListReading<V> {
    /// What the list holds.
    pub(super) shape: Shape,
    /// Every problem found, in the order written.
    pub(super) problems: Vec<Problem>,
    /// Where each entry is, and which did not read whole.
    pub(super) list: List,
    /// For each entry, its fields that read, with their values.
    pub(super) values: Vec<Vec<(String, V)>>,
}

/// What the entries of a list in front matter hold, or the one map under a key
/// (`image`), which is read the same way.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    /// The front matter key: `reports`.
    pub(super) key: &'static str,
    /// Whether the key holds a list of entries; otherwise it holds one map.
    pub(super) list: bool,
    /// What one entry is called in messages: `report`.
    noun: &'static str,
    /// Its keys, those it must have first.
    fields: &'static [&'static str],
    /// How many of `fields` it must have.
    required: usize,
    /// The keys that take a date (SPEC §3).
    dates: &'static [&'static str],
    /// The keys that take a whole number of at least 1 (an image's `width`).
    numbers: &'static [&'static str],
}

impl Shape {
    /// The shape of the entries under top-level `key`, when it holds a list of them
    /// or one map of known keys.
    pub(super) fn of(key: &str) -> Option<Shape> {
        match key {
            "reports" => Some(Shape {
                key: "reports",
                list: true,
                noun: "report",
                fields: super::raw::REPORT_FIELDS,
                required: 2,
                dates: &["published", "retrieved"],
                numbers: &[],
            }),
            "corrections" => Some(Shape {
                key: "corrections",
                list: true,
                noun: "correction",
                fields: super::raw::CORRECTION_FIELDS,
                required: 2,
                dates: &["date"],
                numbers: &[],
            }),
            "image" => Some(Shape {
                key: "image",
                list: false,
                noun: "image",
                fields: super::raw::IMAGE_FIELDS,
                required: 2,
                dates: &[],
                numbers: &["width", "height"],
            }),
            _ => None,
        }
    }

    /// The error for a value of the key that is not a list of entries.
    pub(super) fn not_a_list(&self, (line, col): (usize, usize), format: Format) -> Problem {
        let (key, noun) = (self.key, self.noun);
        Problem::error(
            line,
            col,
            format!("`{key}` must be a list of {noun}s"),
            Some(self.list_help(format)),
        )
    }

    /// An example of the list, in the front matter's language.
    fn list_help(&self, format: Format) -> String {
        let (noun, key) = (self.noun, self.key);
        let (first, second) = (self.fields[0], self.fields[1]);
        match format {
            Format::Yaml => format!(
                "write each {noun} as `- {first}: …` with `{second}: …` on the line below, indented like `{first}:`"
            ),
            Format::Toml => format!(
                "write each {noun} as a `[[{key}]]` table with `{first} = …` and `{second} = …` on lines of their own"
            ),
        }
    }

    /// How to give `field`, which an entry must have, and why.
    fn required_help(&self, field: &str, format: Format) -> String {
        let assign = match format {
            Format::Yaml => ":",
            Format::Toml => " =",
        };
        match (self.key, field) {
            ("image", _) => {
                let (value, like) = match format {
                    Format::Yaml => ("…", "indented like `src:`"),
                    Format::Toml => ("\"…\"", "like `src`"),
                };
                format!(
                    "add `{field}{assign} {value}` to it, {like}: an image needs its file (`src`) and a text for readers who cannot see it (`alt`)"
                )
            }
            ("corrections", "date") => {
                format!("add `date{assign} 2024-01-04` to it: the day the correction was made")
            }
            ("corrections", _) => {
                let text = match format {
                    Format::Yaml => "An earlier version gave the toll as 30.",
                    Format::Toml => "\"An earlier version gave the toll as 30.\"",
                };
                format!("say what was wrong and what is right: `text{assign} {text}`")
            }
            _ => {
                let value = match format {
                    Format::Yaml => "…",
                    Format::Toml => "\"…\"",
                };
                format!(
                    "add `{field}{assign} {value}` to it: a report names its source (a source id) and where it was published (its URL)"
                )
            }
        }
    }

    /// What a value of `field` must be, in an editor's words.
    fn expected(&self, field: &str) -> &'static str {
        match field {
            "source" | "id" => "an id, like `afp`",
            "url" | "archived" => "a web address, like `https://www.example.com/news/1`",
            _ if self.dates.contains(&field) => {
                "a date such as `2024-01-03` or `2024-01-03T17:20+03:30`"
            }
            _ if self.numbers.contains(&field) => "a whole number of pixels, like `1200`",
            _ => "text; quote it if it looks like a number, list or map",
        }
    }

    /// Checks every item of a list written in `format`, in the document `around`.
    pub(super) fn check<V>(
        &self,
        items: Vec<Item<V>>,
        format: Format,
        around: Around<'_>,
    ) -> ListReading<V> {
        let mut reading = ListReading {
            shape: *self,
            problems: Vec::new(),
            list: List {
                key: self.key.to_owned(),
                entries: Vec::with_capacity(items.len()),
            },
            values: Vec::with_capacity(items.len()),
        };
        let last = items.len().saturating_sub(1);
        for (n, item) in items.into_iter().enumerate() {
            let below = if n == last { around.below } else { &[] };
            let around = Around { below, ..around };
            let (problems, entry, values) = self.check_item(item, format, around);
            reading.problems.extend(problems);
            reading.list.entries.push(entry);
            reading.values.push(values);
        }
        reading
    }

    /// The problems of one entry, where it and its fields are, and its fields that
    /// read.
    fn check_item<V>(
        &self,
        item: Item<V>,
        format: Format,
        around: Around<'_>,
    ) -> (Vec<Problem>, Entry, Vec<(String, V)>) {
        let Around {
            lines_before,
            top_level,
            below,
        } = around;
        let (key, noun) = (self.key, self.noun);
        let mut problems = Vec::new();
        let all_told = || self.fields.iter().map(|f| (*f).to_owned()).collect();
        let Some(fields) = item.fields else {
            // YAML syntax in it has been reported already; anything else is not a map.
            let names = item.unreadable.unwrap_or_else(|| {
                problems.push(Problem::error(
                    item.at.0,
                    item.at.1,
                    format!("each entry of `{key}` must be a {noun} with its own keys"),
                    Some(self.list_help(format)),
                ));
                Vec::new()
            });
            let unread = Unread {
                told: all_told(),
                names,
            };
            let entry = Entry {
                at: item.at,
                fields: Vec::new(),
                unread: Some(unread),
            };
            return (problems, entry, Vec::new());
        };
        let mut told: Vec<String> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut places: Vec<Field> = Vec::with_capacity(fields.len());
        let mut values = Vec::with_capacity(fields.len());
        for field in fields {
            let name = field.name.as_str();
            if let Some(first) = places.iter().find(|f| f.name == name) {
                problems.push(Problem::error(
                    field.key.0,
                    field.key.1,
                    format!(
                        "`{name}` is given twice under `{key}`, on lines {} and {}",
                        first.key.0 + lines_before,
                        field.key.0 + lines_before
                    ),
                    Some("keep one of the two lines".to_owned()),
                ));
                told.push(field.name);
                continue;
            }
            places.push(Field {
                name: field.name.clone(),
                key: field.key,
                value: field.value_at,
            });
            if !self.fields.contains(&name) {
                if top_level.contains(&name) {
                    problems.push(self.misplaced(&field, format));
                    continue;
                }
                let near = crate::suggest::nearest(name, self.fields.iter().copied());
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("{} takes `{}`", self.a_noun(), self.fields.join("`, `")),
                };
                problems.push(Problem::error(
                    field.key.0,
                    field.key.1,
                    format!("unknown field `{name}` under `{key}`"),
                    Some(help),
                ));
                told.extend(near.map(str::to_owned));
                names.extend(field.text);
                continue;
            }
            match self.check_value(&field, format) {
                Ok(true) => {
                    if name == "id" {
                        names.extend(field.text.clone());
                    }
                    values.push((field.name, field.value));
                }
                Ok(false) => {}
                Err(problem) => {
                    problems.push(problem);
                    told.push(field.name);
                }
            }
        }
        for required in &self.fields[..self.required] {
            let written = places.iter().any(|f| f.name == *required);
            if written || told.iter().any(|t| t == required) || below.contains(required) {
                continue;
            }
            let message = match self.list {
                true => format!("this {noun} has no `{required}`"),
                false => format!("`{key}` has no `{required}`"),
            };
            problems.push(Problem::error(
                item.at.0,
                item.at.1,
                message,
                Some(self.required_help(required, format)),
            ));
            told.push((*required).to_owned());
        }
        problems.sort_by_key(|p| (p.line, p.col));
        let unread = (!problems.is_empty()).then_some(Unread { told, names });
        let entry = Entry {
            at: item.at,
            fields: places,
            unread,
        };
        (problems, entry, values)
    }

    /// A key of the document itself written inside an entry: indented under the
    /// list in YAML, after a `[[reports]]` line in TOML, where it belongs to the
    /// table above it.
    fn misplaced<V>(&self, field: &RawField<V>, format: Format) -> Problem {
        let (name, key) = (field.name.as_str(), self.key);
        let (message, help) = match format {
            Format::Yaml => (
                format!("`{name}:` is indented, so YAML reads it as part of `{key}`"),
                format!("start `{name}:` at the beginning of the line, like `{key}:`"),
            ),
            Format::Toml => (
                format!(
                    "`{name}` is written after a `[[{key}]]` line, so TOML reads it as part of that {}",
                    self.noun
                ),
                format!(
                    "move `{name} = …` above the first `[[{key}]]` line, with the other fields of the front matter"
                ),
            ),
        };
        Problem::error(field.key.0, field.key.1, message, Some(help))
    }

    /// The noun with its article: `a report`, `an image`.
    fn a_noun(&self) -> String {
        let article = match self.noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
            true => "an",
            false => "a",
        };
        format!("{article} {}", self.noun)
    }

    /// Whether the fields that read, `values`, are all an entry needs: one without
    /// them cannot be read into the front matter's own structs (an `image` has a
    /// `src` and an `alt`), and is left out; an entry of a list is kept with the
    /// fields it has, for `resolve` to check.
    pub(super) fn complete<V>(&self, values: &[(String, V)]) -> bool {
        self.list
            || (self.fields[..self.required])
                .iter()
                .all(|f| values.iter().any(|(name, _)| name == f))
    }

    /// Whether the value of known `field` reads (`Ok(false)` for no value, which an
    /// optional field may have), or what is wrong with it.
    fn check_value<V>(&self, field: &RawField<V>, format: Format) -> Result<bool, Problem> {
        let name = field.name.as_str();
        let is_date = self.dates.contains(&name);
        let fits = match field.kind {
            Kind::Null => {
                if !self.fields[..self.required].contains(&name) {
                    return Ok(false);
                }
                return Err(Problem::error(
                    field.key.0,
                    field.key.1,
                    format!("the {}'s `{name}` is empty", self.noun),
                    Some(self.required_help(name, format)),
                ));
            }
            Kind::Plain if is_date => {
                let text = field.text.as_deref().unwrap_or_default();
                let (line, col) = field.value_at;
                if let Some(problem) = super::yaml::misread_date(name, text, (line, col)) {
                    return Err(problem);
                }
                true
            }
            _ if self.numbers.contains(&name) => {
                let text = field.text.as_deref().unwrap_or_default();
                matches!(field.kind, Kind::Plain | Kind::Year)
                    && text.parse::<u32>().is_ok_and(|n| n > 0)
            }
            Kind::Text | Kind::Plain => true,
            Kind::Year | Kind::Date => is_date,
            Kind::Other => false,
        };
        if fits {
            return Ok(true);
        }
        let whose = match self.list {
            true => format!("`{name}` of {} under `{}`", self.a_noun(), self.key),
            false => format!("`{name}` under `{}`", self.key),
        };
        Err(Problem::error(
            field.value_at.0,
            field.value_at.1,
            format!("{whose} must be {}", self.expected(name)),
            None,
        ))
    }
}

/// Reads the list under top-level `key` of TOML front matter `matter` entry by
/// entry, its values taken from `table`, the front matter as read (`top_level`
/// lists the document's own keys): `None` when the key is not given or holds no
/// list of entries; `Err` with the problem when its value is not a list. The
/// values of the fields that read are TOML values, as the front matter's own
/// structs take them.
pub(super) fn read_toml(
    matter: &str,
    table: &toml::Table,
    (key, top_level): (&str, &[&str]),
) -> Option<Result<ListReading<toml::Value>, Vec<Problem>>> {
    use toml::de::{DeTable, DeValue};
    let shape = Shape::of(key)?;
    let typed = table.get(key)?;
    let top = DeTable::parse(matter).ok()?;
    let spanned = top.get_ref().get(key)?;
    let at = |offset: usize| crate::diagnostic::line_col(matter, offset);
    let one = std::slice::from_ref(spanned);
    let (spans, typed) = match (spanned.get_ref(), typed) {
        (DeValue::Array(array), toml::Value::Array(typed)) if shape.list => {
            (&array[..], typed.as_slice())
        }
        (DeValue::Table(_), toml::Value::Table(_)) if !shape.list => {
            (one, std::slice::from_ref(typed))
        }
        // A map that is no map is told as for any other key.
        _ if !shape.list => return None,
        _ => {
            let at = at(spanned.span().start);
            return Some(Err(vec![shape.not_a_list(at, Format::Toml)]));
        }
    };
    let items = spans
        .iter()
        .zip(typed)
        .map(|(item, typed)| {
            let fields = match (item.get_ref(), typed) {
                (DeValue::Table(table), toml::Value::Table(values)) => Some(
                    table
                        .iter()
                        .map(|(name, value)| {
                            let typed = values.get(name.get_ref().as_ref());
                            toml_field(name, value, typed, at)
                        })
                        .collect(),
                ),
                _ => None,
            };
            Item {
                at: at(item.span().start),
                fields,
                unreadable: None,
            }
        })
        .collect();
    let around = Around {
        top_level,
        ..Around::default()
    };
    Some(Ok(shape.check(items, Format::Toml, around)))
}

/// A field of a TOML entry: `name = value`, the value as the front matter's table
/// holds it (`typed`).
fn toml_field(
    name: &toml::Spanned<std::borrow::Cow<'_, str>>,
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    typed: Option<&toml::Value>,
    at: impl Fn(usize) -> (usize, usize),
) -> RawField<toml::Value> {
    let typed = typed.cloned().unwrap_or(toml::Value::Boolean(false));
    let kind = match &typed {
        toml::Value::String(_) => Kind::Text,
        toml::Value::Integer(n) if *n >= 0 => Kind::Year,
        toml::Value::Datetime(_) => Kind::Date,
        _ => Kind::Other,
    };
    RawField {
        name: name.get_ref().to_string(),
        key: at(name.span().start),
        value_at: at(value.span().start),
        kind,
        text: match &typed {
            toml::Value::Integer(n) => Some(n.to_string()),
            other => other.as_str().map(str::to_owned),
        },
        value: typed,
    }
}

/// The values that read of a list read entry by entry, as a TOML array of tables
/// for the front matter's own structs to take; of a map (`image`), its table.
/// `None` for a map without a field it must have.
pub(super) fn toml_values(
    shape: Shape,
    values: Vec<Vec<(String, toml::Value)>>,
) -> Option<toml::Value> {
    if !values.iter().all(|fields| shape.complete(fields)) {
        return None;
    }
    let mut tables = values
        .into_iter()
        .map(|fields| toml::Value::Table(fields.into_iter().collect()));
    if shape.list {
        return Some(toml::Value::Array(tables.collect()));
    }
    tables.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of a TOML list, each as (line, column, message, help).
    fn toml_problems(matter: &str, key: &str) -> Vec<(usize, usize, String, Option<String>)> {
        let table: toml::Table = toml::from_str(matter).unwrap();
        let reading = match read_toml(matter, &table, (key, &["title"])).unwrap() {
            Ok(reading) => reading.problems,
            Err(problems) => problems,
        };
        reading
            .into_iter()
            .map(|p| (p.line, p.col, p.message, p.help))
            .collect()
    }

    #[test]
    fn finds_a_character_of_a_value_however_it_is_written() {
        // `text` as read, the byte of its character, and where that is written.
        type Place = (usize, usize);
        let cases: [(&str, Place, &str, usize, Option<Place>); 6] = [
            ("text: One <b>", (1, 7), "One <b>", 4, Some((1, 11))),
            (
                "text: \"\\\"So\\\" \\u00e9 <b>\"",
                (1, 7),
                "\"So\" é <b>",
                8,
                Some((1, 22)),
            ),
            ("text: 'It''s <b>'", (1, 7), "It's <b>", 5, Some((1, 14))),
            (
                "text: |\n  One.\n\n  Two.\n",
                (1, 7),
                "One.\n\nTwo.\n",
                6,
                Some((4, 3)),
            ),
            (
                "text: >\n  One\n  two <b>\n",
                (1, 7),
                "One two <b>\n",
                8,
                Some((3, 7)),
            ),
            (
                "text = \"\"\"\nOne.\\\n   Two\"\"\"",
                (1, 8),
                "One.Two",
                4,
                Some((3, 4)),
            ),
        ];
        for (matter, value, text, offset, expected) in cases {
            assert_eq!(
                place_in_value(matter, value, text, offset),
                expected,
                "{matter}"
            );
        }
        // Text that is not what is written there: not found.
        assert_eq!(place_in_value("text: Other", (1, 7), "One", 1), None);
    }

    #[test]
    fn reads_each_toml_entry_on_its_own() {
        let matter = "title = \"A\"\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://x.example/a\"\npublishd = 2024-01-03\n\n[[reports]]\nid = \"afp-toll\"\nsource = \"afp\"\nurl = 3\n\n[[reports]]\nsource = \"afp\"\nurl = \"https://x.example/c\"\npublished = 2024-01-03T21:05:00+03:30\n";
        let table: toml::Table = toml::from_str(matter).unwrap();
        let reading = read_toml(matter, &table, ("reports", &["title"]))
            .unwrap()
            .unwrap();
        let found: Vec<(usize, usize, &str)> = reading
            .problems
            .iter()
            .map(|p| (p.line, p.col, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (6, 1, "unknown field `publishd` under `reports`"),
                (
                    11,
                    7,
                    "`url` of a report under `reports` must be a web address, like `https://www.example.com/news/1`"
                ),
            ]
        );
        let entries = &reading.list.entries;
        assert_eq!(
            entries.iter().map(|e| e.at).collect::<Vec<_>>(),
            [(3, 1), (8, 1), (13, 1)]
        );
        assert_eq!(
            entries[2].field("published").map(|f| f.value),
            Some((16, 13))
        );
        assert_eq!(
            entries[1].unread,
            Some(Unread {
                told: vec!["url".into()],
                names: vec!["afp-toll".into()]
            })
        );
        assert_eq!(entries[2].unread, None);
        // The fields that read are kept, the wrong ones left out.
        let kept: Vec<Vec<&str>> = reading
            .values
            .iter()
            .map(|fields| fields.iter().map(|(n, _)| n.as_str()).collect())
            .collect();
        assert_eq!(kept[1], ["id", "source"]);
        assert_eq!(kept[2].len(), 3);
    }

    #[test]
    fn points_at_the_key_of_an_inline_table_and_lists_the_keys_it_takes() {
        let matter = "corrections = [ { date = 2024-01-04, txt = \"ok\" }, { date = 2024-01-05, text = \"ok\", note = \"x\" } ]\n";
        let found = toml_problems(matter, "corrections");
        let expected = [
            (
                1,
                38,
                "unknown field `txt` under `corrections`",
                Some("did you mean `text`?"),
            ),
            (
                1,
                86,
                "unknown field `note` under `corrections`",
                Some("a correction takes `date`, `text`"),
            ),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(l, c, m, h)| (l, c, m.to_owned(), h.map(str::to_owned)))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_misspelt_key_is_the_one_error_about_the_key_it_misses() {
        let found = toml_problems("[[reports]]\nsorce = \"afp\"\n", "reports");
        let messages: Vec<&str> = found.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(
            messages,
            [
                "this report has no `url`",
                "unknown field `sorce` under `reports`"
            ]
        );
        assert_eq!(found[1].3.as_deref(), Some("did you mean `source`?"));
        let found = toml_problems("reports = 3\n", "reports");
        assert_eq!(found[0].2, "`reports` must be a list of reports");
        let found = toml_problems("reports = [\"afp\"]\n", "reports");
        assert_eq!(
            (found[0].0, found[0].1, found[0].2.as_str()),
            (
                1,
                12,
                "each entry of `reports` must be a report with its own keys"
            )
        );
    }
}
