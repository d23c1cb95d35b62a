//! YAML front matter, read the way an editor means it.
//!
//! YAML reads some text otherwise than it is written. A ` #` starts a comment (YAML
//! 1.2 §6.6), so `title: Death toll #2 rises` is `Death toll`; an unquoted `0800` is a
//! number, `[Updated] …` a list, `Kerman: the day after` a key; an indented line
//! belongs to the key above it. And a YAML parser stops at its first error. Here the
//! parser's events are walked to find what was cut, read as a number or given twice;
//! each top-level key is read on its own when the whole fails, so that every error of
//! a file is found; and each failure is put in an editor's words: the real cause, at
//! its place, and a fix to type there. Pure functions over the front matter's text;
//! positions are its lines and columns, not the file's.

use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};

use super::frontmatter::{Problem, Reading, expected};
use super::raw::IMAGE_FIELDS;

/// Reads YAML front matter into `T`, each top-level key on its own when the whole
/// does not read, so that one run finds every problem. `known` lists the keys of
/// `T`, the one a document must have first; `lines_before` counts the file's lines
/// before the front matter, for messages that name lines.
pub(super) fn read<T: DeserializeOwned + Default>(
    matter: &str,
    known: &[&str],
    lines_before: usize,
) -> Reading<T> {
    let whole = serde_saphyr::from_str::<T>(matter);
    if let Err(e) = &whole
        && let Some(message) = limit_message(e)
    {
        // Too large or too deep: nothing is read, and nothing more is looked for.
        let (line, col) = location(e);
        return Reading::nothing(Problem::error(line, col, message, None), known);
    }
    let mut walk = walk(matter);
    if walk.shape == Shape::Other {
        let problem = Problem::error(
            1,
            1,
            "the front matter is not `key: value` lines",
            Some(format!(
                "write one field per line, starting with `{}: …`",
                known[0]
            )),
        );
        return Reading::nothing(problem, known);
    }
    let entries = if walk.complete {
        std::mem::take(&mut walk.entries)
    } else {
        line_entries(matter)
    };
    let mut reading = match whole {
        // Nothing to read again: only what was cut is reported.
        Ok(value) if walk.complete && walk.misread_problem().is_none() => {
            let mut reading = Reading::of(value);
            reading
                .problems
                .extend(walk.cuts.iter().filter_map(Cut::problem));
            reading
        }
        _ => read_entries(matter, &entries, known, lines_before),
    };
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    reading.require(&keys, known, ":");
    reading
}

/// Reads each entry on its own: the keys that read make up the value, the others are
/// reported (unknown, given twice, or failing to read) and listed as unread.
fn read_entries<T: DeserializeOwned + Default>(
    matter: &str,
    entries: &[Entry],
    known: &[&str],
    lines_before: usize,
) -> Reading<T> {
    let mut reading = Reading::of(T::default());
    let mut seen: Vec<&Entry> = Vec::new();
    let mut good = String::new();
    for entry in entries {
        if !known.contains(&entry.key.as_str()) {
            reading.problems.push(unknown_key(entry, entries, known));
            continue;
        }
        if let Some(first) = seen.iter().find(|e| e.key == entry.key) {
            reading.problems.push(Problem::error(
                entry.key_line,
                entry.key_col,
                format!(
                    "`{}` is given twice, on lines {} and {}",
                    entry.key,
                    first.key_line + lines_before,
                    entry.key_line + lines_before
                ),
                Some("keep one of the two lines".to_owned()),
            ));
            continue;
        }
        seen.push(entry);
        let text = &matter[entry.start..entry.end];
        let shift = |p: Problem| p.shifted(entry.line - 1);
        match serde_saphyr::from_str::<T>(text) {
            Ok(_) => {
                let walk = walk(text);
                reading
                    .problems
                    .extend(walk.cuts.iter().filter_map(Cut::problem).map(shift));
                if let Some(problem) = walk.misread_problem() {
                    reading.problems.push(shift(problem));
                    reading.unread.push(entry.key.clone());
                } else {
                    good.push_str(text);
                    if !text.ends_with('\n') {
                        good.push('\n');
                    }
                }
            }
            Err(e) => {
                let entry_here = Entry {
                    key_line: entry.key_line - entry.line + 1,
                    ..entry.clone()
                };
                let problem = diagnose(
                    text,
                    &entry_here,
                    &e,
                    (known, lines_before + entry.line - 1),
                );
                // `image` without `alt`, and `alt` at the start of a line below it:
                // that line's own error says to indent it.
                let told_below = entries.iter().any(|below| {
                    below.start > entry.start
                        && problem.message == format!("`{}` has no `{}`", entry.key, below.key)
                });
                if !told_below {
                    reading.problems.push(shift(problem));
                }
                reading.unread.push(entry.key.clone());
            }
        }
    }
    if good.trim().is_empty() {
        return reading;
    }
    match serde_saphyr::from_str::<T>(&good) {
        Ok(value) => reading.value = value,
        Err(e) => {
            // The keys read one by one but not together (an alias to an anchor in a
            // key that failed): nothing is read.
            if !reading.problems.iter().any(|p| !p.warning) {
                let (line, col) = location(&e);
                reading
                    .problems
                    .push(Problem::error(line, col, parser_message(&e), None));
            }
            reading.unread = known.iter().map(|k| (*k).to_owned()).collect();
        }
    }
    reading
}

/// `unknown field `tag``, with the nearest known key; a key of `image:` written at
/// the start of a line is told to go under it.
fn unknown_key(entry: &Entry, entries: &[Entry], known: &[&str]) -> Problem {
    let image_above = entries
        .iter()
        .take_while(|e| e.start < entry.start)
        .any(|e| e.key == "image");
    let help = if image_above && IMAGE_FIELDS.contains(&entry.key.as_str()) {
        Some(format!(
            "to give the image's `{}`, indent the line under `image:`, like its `src:`",
            entry.key
        ))
    } else {
        super::frontmatter::unknown_field_help(&format!("unknown field `{}`", entry.key), known)
    };
    Problem::error(
        entry.key_line,
        entry.key_col,
        format!("unknown field `{}`", entry.key),
        help,
    )
}

/// One top-level `key: value` of the front matter: its key, where it is, and the
/// lines it spans (from the start of its line, or of the front matter for the
/// first, to the start of the next key's line).
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub key: String,
    /// 1-based line and column of the key.
    pub key_line: usize,
    pub key_col: usize,
    /// Byte range of its lines, and the 1-based line the range starts on.
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

#[derive(Debug, Default, PartialEq, Eq)]
enum Shape {
    /// A mapping, or nothing at all (only comments).
    #[default]
    Map,
    /// A list or a lone value.
    Other,
}

/// What a walk over the parser's events found.
#[derive(Debug, Default)]
struct Walk {
    entries: Vec<Entry>,
    cuts: Vec<Cut>,
    duplicates: Vec<Duplicate>,
    /// Unquoted values of date keys, as written, with their line and column.
    dates: Vec<(String, String, usize, usize)>,
    shape: Shape,
    /// Whether the parser read the whole text.
    complete: bool,
}

/// Text that YAML syntax takes out of a free-text value: a comment after it, or a
/// tag or anchor before it.
#[derive(Debug)]
struct Cut {
    /// The keys leading to the value (`image`, `caption`), and whether it is an item
    /// of a list under them.
    path: Vec<String>,
    item: bool,
    /// The value YAML reads, and the text it leaves out.
    value: String,
    dropped: String,
    kind: CutKind,
    /// 1-based line and column of the dropped text; the line as written, and the
    /// column its value starts at, when the value is on one line.
    line: usize,
    col: usize,
    written: Option<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CutKind {
    Comment,
    Tag,
    Anchor,
}

#[derive(Debug)]
struct Duplicate {
    path: Vec<String>,
    key: String,
    first_line: usize,
    line: usize,
    col: usize,
}

impl Walk {
    /// An unquoted date value YAML reads as something else than the date written.
    fn misread_problem(&self) -> Option<Problem> {
        self.dates
            .iter()
            .find_map(|(key, text, line, col)| misread_date(key, text, (*line, *col)))
    }
}

impl Cut {
    /// A warning for a cut in a free-text value; `None` for a value whose text cannot
    /// hold what was dropped (ids, dates, zones, numbers).
    fn problem(&self) -> Option<Problem> {
        if !is_free_text(&self.path, &self.value) {
            return None;
        }
        let field = match (self.path.as_slice(), self.item) {
            (path, false) => format!("`{}`", path.join(".")),
            (path, true) => format!("this item of `{}`", path.join(".")),
        };
        let (dropped, value) = (code(&self.dropped), code(&self.value));
        let message = match self.kind {
            CutKind::Comment => {
                format!("YAML reads {dropped} as a comment, so {field} is only {value}")
            }
            CutKind::Tag => {
                format!("YAML reads {dropped} as a tag and drops it, so {field} is only {value}")
            }
            CutKind::Anchor => format!(
                "YAML reads {dropped} as an anchor and drops it, so {field} is only {value}"
            ),
        };
        let help = match &self.written {
            Some((line, col)) => {
                let at = line
                    .char_indices()
                    .nth(col - 1)
                    .map_or(line.len(), |(i, _)| i);
                let fixed = format!(
                    "{}{}",
                    line[..at].trim_start(),
                    quote(line[at..].trim_end())
                );
                format!("quote the value to keep all of it: {}", code(&fixed))
            }
            None => "put the whole value in double quotes to keep all of it".to_owned(),
        };
        let width = self.dropped.chars().count();
        Some(
            Problem::error(self.line, self.col, message, Some(help))
                .with_width(width)
                .warning(),
        )
    }
}

/// Values that are free text, which ` #`, `!` or `&` could belong to: titles, names,
/// places, summaries, tags, aliases, the image's text and path, and text under
/// `extra:`. Ids, zones, slugs, kinds, addresses, dates and flags never hold a space,
/// so text after one cannot be theirs.
fn is_free_text(path: &[String], value: &str) -> bool {
    match path {
        [key] => is_free_text_key(key) || matches!(key.as_str(), "tags" | "aliases"),
        [image, field] if image == "image" => IMAGE_FIELDS.contains(&field.as_str()),
        [extra, ..] if extra == "extra" => {
            // Free-form: text as YAML reads it, not a number or a flag.
            matches!(
                serde_saphyr::from_str::<serde_json::Value>(value),
                Ok(serde_json::Value::String(_))
            )
        }
        _ => false,
    }
}

/// An unquoted date value YAML reads as something else than the date written, at
/// `line` and `col`: said, with the fix — quoting it when the text is a date.
fn misread_date(key: &str, text: &str, (line, col): (usize, usize)) -> Option<Problem> {
    let reading = date_misread(text)?;
    let help = if crate::date::Moment::parse(text, None, None).is_ok() {
        format!("quote it: `{key}: \"{text}\"`")
    } else {
        format!("write a date, like `{key}: 2024-01-03`")
    };
    Some(Problem::error(
        line,
        col,
        format!("YAML reads the unquoted `{text}` as {reading}, not as a date"),
        Some(help),
    ))
}

/// How YAML reads an unquoted date value when not as the text written: `0800` as the
/// number 800, `0o17` as 15, `2024.5` as a number, `yes` as true. `None` for text
/// and for a year it reads as the same digits (`2024`).
fn date_misread(text: &str) -> Option<String> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') {
        return None;
    }
    match serde_saphyr::from_str::<serde_json::Value>(text).ok()? {
        serde_json::Value::Number(n) if n.to_string() == text && n.is_u64() => None,
        serde_json::Value::Number(n) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("the number {}", f as i64),
            _ => format!("the number {n}"),
        }),
        serde_json::Value::Bool(b) => Some(format!("`{b}`")),
        _ => None,
    }
}

enum Frame {
    /// A mapping: the key whose value is being read (`None` between entries), and
    /// the keys met so far with their lines.
    Map {
        key: Option<String>,
        keys: Vec<(String, usize)>,
    },
    Seq,
}

/// Walks the parser's events over `text`: the top-level entries, duplicate keys at
/// any depth, cut values, and the unquoted values of date keys. Stops at the first
/// syntax error, with `complete` unset.
fn walk(text: &str) -> Walk {
    let mut walk = Walk::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = true;
    for next in Parser::new_from_str(text) {
        let Ok((event, span)) = next else {
            return walk;
        };
        let (at, end) = (byte(text, &span.start), byte(text, &span.end));
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) if root => {
                root = false;
                if matches!(event, Event::SequenceStart(..)) {
                    walk.shape = Shape::Other;
                    return walk;
                }
                stack.push(Frame::Map {
                    key: None,
                    keys: Vec::new(),
                });
            }
            Event::Scalar(..) | Event::Alias(..) if root => {
                walk.shape = Shape::Other;
                return walk;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let (line, col) = (span.start.line(), span.start.col() + 1);
                let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                if is_key {
                    walk.key(text, &mut stack, value.into_owned(), (at, line, col));
                    continue;
                }
                if style == ScalarStyle::Plain {
                    let found = Found {
                        path: path(&stack),
                        item: matches!(stack.last(), Some(Frame::Seq)),
                        value: value.into_owned(),
                        line,
                        col,
                    };
                    if let [key] = found.path.as_slice()
                        && matches!(key.as_str(), "date" | "end" | "updated")
                        && !found.item
                    {
                        walk.dates
                            .push((key.clone(), found.value.clone(), line, col));
                    }
                    if anchor != 0 || tag.is_some() {
                        walk.cuts
                            .extend(prefix_before(text, &found, at, tag.is_some()));
                    }
                    walk.cuts.extend(comment_after(text, found, (at, end)));
                }
                value_done(&mut stack);
            }
            Event::Alias(_) => value_done(&mut stack),
            Event::MappingStart(..) => stack.push(Frame::Map {
                key: None,
                keys: Vec::new(),
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                // The node that ended was a key (a complex one) or a value.
                if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                    *key = if key.is_none() {
                        Some(String::new())
                    } else {
                        None
                    };
                }
            }
            Event::StreamEnd => walk.complete = true,
            _ => {}
        }
    }
    if let Some(first) = walk.entries.first_mut() {
        (first.start, first.line) = (0, 1);
    }
    let ends: Vec<usize> = walk.entries.iter().skip(1).map(|e| e.start).collect();
    for (entry, end) in walk
        .entries
        .iter_mut()
        .zip(ends.into_iter().chain([text.len()]))
    {
        entry.end = end;
    }
    walk
}

impl Walk {
    /// A key met in the mapping on top of `stack`, at byte `at`, 1-based `line` and
    /// `col`: checked against the keys before it, and a new entry at the top level.
    fn key(
        &mut self,
        text: &str,
        stack: &mut [Frame],
        key: String,
        (at, line, col): (usize, usize, usize),
    ) {
        let depth = stack.len();
        let parents = path(&stack[..depth - 1]);
        let Some(Frame::Map { key: current, keys }) = stack.last_mut() else {
            return;
        };
        if let Some((_, first_line)) = keys.iter().find(|(k, _)| *k == key) {
            self.duplicates.push(Duplicate {
                path: parents,
                key: key.clone(),
                first_line: *first_line,
                line,
                col,
            });
        } else {
            keys.push((key.clone(), line));
        }
        if depth == 1 {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            self.entries.push(Entry {
                key: key.clone(),
                key_line: line,
                key_col: col,
                start,
                end: text.len(),
                line,
            });
        }
        *current = Some(key);
    }
}

/// The keys leading to the node on top of `stack`.
fn path(stack: &[Frame]) -> Vec<String> {
    stack
        .iter()
        .filter_map(|f| match f {
            Frame::Map { key: Some(k), .. } => Some(k.clone()),
            _ => None,
        })
        .collect()
}

/// A value was read: the mapping it belongs to waits for its next key.
fn value_done(stack: &mut [Frame]) {
    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
        *key = None;
    }
}

/// The byte offset of a parser marker in `text`.
fn byte(text: &str, marker: &Marker) -> usize {
    marker.byte_offset().unwrap_or_else(|| {
        text.char_indices()
            .nth(marker.index())
            .map_or(text.len(), |(i, _)| i)
    })
}

/// A plain value met in the walk: the keys leading to it, whether it is a list
/// item, its text as YAML reads it, and the 1-based line and column it starts at.
struct Found {
    path: Vec<String>,
    item: bool,
    value: String,
    line: usize,
    col: usize,
}

/// A comment after the plain value at bytes `at..end`, on its last line: the value
/// has ended where the writer may have meant it to go on.
fn comment_after(text: &str, found: Found, (at, end): (usize, usize)) -> Option<Cut> {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = &text[end..line_end];
    let comment = rest.trim_start_matches([' ', '\t']);
    if comment.len() == rest.len() || !comment.starts_with('#') {
        return None;
    }
    let (line, col) = crate::diagnostic::line_col(text, line_end - comment.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let one_line = !text[at..end].contains('\n');
    Some(Cut {
        path: found.path,
        item: found.item,
        value: found.value,
        dropped: comment.trim_end().to_owned(),
        kind: CutKind::Comment,
        line,
        col,
        written: one_line.then(|| (text[line_start..line_end].to_owned(), found.col)),
    })
}

/// A tag (`!Breaking`) or anchor (`&Kerman`) written before the plain value at byte
/// `at`, on the same line: YAML drops it from the text.
fn prefix_before(text: &str, found: &Found, at: usize, tag: bool) -> Option<Cut> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let mark = before.rfind(if tag { '!' } else { '&' })?;
    // The token starts at the mark, after a separator.
    let start = before[..mark]
        .rfind([' ', '\t', '[', ','])
        .map_or(0, |s| s + 1);
    let dropped = before[start..].trim_end();
    if start != mark || dropped.is_empty() {
        return None;
    }
    let col = before[..start].chars().count() + 1;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Some(Cut {
        path: found.path.clone(),
        item: found.item,
        value: found.value.clone(),
        dropped: dropped.to_owned(),
        kind: if tag { CutKind::Tag } else { CutKind::Anchor },
        line: found.line,
        col,
        written: Some((text[line_start..line_end].to_owned(), col)),
    })
}

/// Top-level entries found line by line, for text the parser cannot read: a line
/// that starts with `key:` at its first column starts one (the first one may be
/// indented), and the lines after it belong to it.
fn line_entries(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(key) = key_of_line(line)
            && (indent == 0 || entries.is_empty())
        {
            if let Some(last) = entries.last_mut() {
                last.end = offset;
            }
            entries.push(Entry {
                key: key.to_owned(),
                key_line: i + 1,
                key_col: line[..indent].chars().count() + 1,
                start: if entries.is_empty() { 0 } else { offset },
                end: text.len(),
                line: if entries.is_empty() { 1 } else { i + 1 },
            });
        }
        offset += line.len();
    }
    entries
}

/// The key of a `key: value` line, without its quotes.
fn key_of_line(line: &str) -> Option<&str> {
    let content = line.trim_start_matches([' ', '\t']).trim_end();
    if content.starts_with(['#', '-', '[', '{', ']', '}', ',', '|', '>', '&', '*', '!']) {
        return None;
    }
    let colon = content
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| content[i + 1..].is_empty() || content[i + 1..].starts_with([' ', '\t']))?;
    let key = content[..colon]
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(" #")).then_some(key)
}

/// `text` shown as code in a message: in backquotes, or in double ones with spaces
/// when it holds a backquote itself (as Markdown writes it).
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// `text` as a YAML quoted value: in double quotes, or in single quotes when it holds
/// a double quote and no single one.
pub(super) fn quote(text: &str) -> String {
    if text.contains('"') && !text.contains('\'') {
        return format!("'{text}'");
    }
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// 1-based line and column of a parser error, or the front matter's start.
fn location(e: &serde_saphyr::Error) -> (usize, usize) {
    e.without_snippet()
        .location()
        .map_or((1, 1), |l| (l.line() as usize, l.column() as usize))
}

/// The parser's message, without its position (a diagnostic shows it).
fn parser_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::MessageFormatter;
    serde_saphyr::DefaultMessageFormatter
        .format_message(e.without_snippet())
        .into_owned()
}

/// A resource limit in an editor's words, or `None` for any other error.
fn limit_message(e: &serde_saphyr::Error) -> Option<String> {
    let inner = e.without_snippet();
    match inner {
        serde_saphyr::Error::Budget { breach, .. } => Some(budget_message(breach)),
        _ if inner.to_string().contains("recursion limit") => {
            Some("the front matter is nested too deeply".to_owned())
        }
        _ => None,
    }
}

/// A YAML resource limit in an editor's words (the parser's own message is Rust's
/// debug text: `budget breached: Nodes { nodes: 250001 }`).
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    // The counts are taken at the breach, one past the limit.
    let over = |n: usize| thousands(n.saturating_sub(1));
    match breach {
        B::Nodes { nodes: n } | B::Events { events: n } => format!(
            "the front matter is too large or too deeply nested: more than {} nodes",
            over(*n)
        ),
        B::Depth { depth } => format!(
            "the front matter is nested too deeply: more than {} levels",
            over(*depth)
        ),
        B::ScalarBytes {
            total_scalar_bytes: n,
        }
        | B::InputBytes { input_bytes: n } => format!(
            "the front matter is too large: more than {} bytes of text",
            over(*n)
        ),
        B::Documents { .. } => {
            "the front matter holds more than one YAML document (a `---` line inside it)".to_owned()
        }
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::MergeKeys { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => {
            "the front matter repeats YAML anchors (`&name`) and aliases (`*name`) too often"
                .to_owned()
        }
        _ => "the front matter is too large or too complex to read".to_owned(),
    }
}

/// `250000` as `250,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What went wrong with one entry that does not read, `text` holding its lines: the
/// real cause, in this order — a line indented with a tab or indented under the wrong
/// key, a key given twice, a value YAML reads as syntax or as the wrong type — each
/// at its place with a fix. `lines_before` counts the file's lines before `text`.
fn diagnose(
    text: &str,
    entry: &Entry,
    e: &serde_saphyr::Error,
    (known, lines_before): (&[&str], usize),
) -> Problem {
    if let Some(problem) = indentation(text, entry, known) {
        return problem;
    }
    let message = parser_message(e);
    let (line, col) = location(e);
    if message.starts_with("duplicate mapping key")
        && let Some(d) = walk(text).duplicates.into_iter().next()
    {
        let under = match d.path.as_slice() {
            [] => String::new(),
            path => format!(" under `{}`", path.join(".")),
        };
        return Problem::error(
            d.line,
            d.col,
            format!(
                "`{}` is given twice{under}, on lines {} and {}",
                d.key,
                d.first_line + lines_before,
                d.line + lines_before
            ),
            Some("keep one of the two lines".to_owned()),
        );
    }
    let key = entry.key.as_str();
    let value = Value::on_key_line(text, entry);
    syntax(key, &value, &message, (line, col))
        .or_else(|| wrong_type(text, (key, key == known[0]), &value, &message, (line, col)))
        .unwrap_or_else(|| {
            let help =
                (takes_text(key) && !value.text.is_empty()).then(|| text_fix(key, value.text));
            Problem::error(
                line,
                col,
                format!("YAML cannot read the value of `{key}`: {message}"),
                help,
            )
        })
}

/// The value written on an entry's key line, after `key:`, and its 1-based column.
struct Value<'a> {
    text: &'a str,
    line: usize,
    col: usize,
}

impl<'a> Value<'a> {
    fn on_key_line(text: &'a str, entry: &Entry) -> Value<'a> {
        let line = text.lines().nth(entry.key_line - 1).unwrap_or("");
        let after = line
            .match_indices(':')
            .map(|(i, _)| i + 1)
            .find(|&i| line[i..].is_empty() || line[i..].starts_with([' ', '\t']))
            .unwrap_or(line.len());
        let rest = &line[after..];
        let value = rest.trim();
        let start = after + (rest.len() - rest.trim_start().len());
        Value {
            text: value,
            line: entry.key_line,
            col: line[..start].chars().count() + 1,
        }
    }

    /// `null`, `Null`, `NULL` or `~`: YAML's words for no value.
    fn is_null_word(&self) -> bool {
        matches!(self.text, "null" | "Null" | "NULL" | "~")
    }
}

/// Whether a top-level key takes free text, which may hold spaces and any sign.
fn is_free_text_key(key: &str) -> bool {
    matches!(
        key,
        "title" | "place" | "summary" | "name" | "short" | "country" | "subject"
    )
}

/// How to write the value `v` of text key `key` so that YAML reads it as text:
/// free text quoted as it is; a name, id or address as the kind of text it is.
fn text_fix(key: &str, v: &str) -> String {
    let example = match key {
        "slug" => "kerman-explosions",
        "timezone" => "Asia/Tehran",
        "url" => "https://www.afp.com/",
        "language" => "fa",
        "kind" => "other",
        _ => return format!("quote it: {}", code(&format!("{key}: {}", quote(v)))),
    };
    format!("write it as text, like `{key}: {example}`")
}

/// Whether a key takes a line of text.
fn takes_text(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "place"
            | "summary"
            | "slug"
            | "timezone"
            | "name"
            | "short"
            | "kind"
            | "url"
            | "country"
            | "language"
            | "subject"
    )
}

/// A line of the entry indented with a tab, or a known key indented under one that
/// cannot hold it: YAML then reads it as part of the key above, and the parser's
/// message speaks of that key.
fn indentation(text: &str, entry: &Entry, known: &[&str]) -> Option<Problem> {
    let parent = entry.key.as_str();
    for (i, line) in text.lines().enumerate().skip(entry.key_line) {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - content.len()];
        if indent.is_empty() || content.is_empty() || content.starts_with('#') {
            continue;
        }
        let misplaced = key_of_line(content).filter(|k| {
            known.contains(k)
                && parent != "extra"
                && !(parent == "image" && IMAGE_FIELDS.contains(k))
        });
        if let Some(tab) = indent.find('\t') {
            let help = match misplaced {
                Some(k) => format!("start `{k}:` at the beginning of the line, without the tab"),
                None => "indent it with spaces instead".to_owned(),
            };
            return Some(
                Problem::error(
                    i + 1,
                    indent[..tab].chars().count() + 1,
                    "a tab indents this line, and YAML indents with spaces only",
                    Some(help),
                )
                .with_width(indent.chars().count()),
            );
        }
        if let Some(k) = misplaced {
            return Some(Problem::error(
                i + 1,
                indent.chars().count() + 1,
                format!("`{k}:` is indented, so YAML reads it as part of `{parent}`"),
                Some(format!(
                    "start `{k}:` at the beginning of the line, like `{parent}:`"
                )),
            ));
        }
    }
    None
}

/// A value the parser stopped at because of YAML syntax in it: said in words, with
/// the value quoted (or closed) as the fix.
fn syntax(
    key: &str,
    value: &Value<'_>,
    message: &str,
    (line, col): (usize, usize),
) -> Option<Problem> {
    let v = value.text;
    let on_key_line = line == value.line;
    let quoted = || text_fix(key, v);
    let problem =
        |message: String, help: String| Some(Problem::error(line, col, message, Some(help)));
    if message.starts_with("mapping values are not allowed") && on_key_line && v.contains(": ") {
        return problem(
            format!("the `: ` inside the value of `{key}` starts a new key in YAML"),
            quoted(),
        );
    }
    if message.starts_with("unexpected character") && v.starts_with(['@', '`', '%']) {
        return problem(
            format!(
                "YAML does not allow an unquoted value to start with {}",
                code(&v[..1])
            ),
            quoted(),
        );
    }
    if message.contains("unknown anchor") && v.starts_with('*') {
        let name = v.split_whitespace().next().unwrap_or(v);
        return problem(
            format!(
                "YAML reads {} at the start of a value as a reference to an anchor",
                code(name)
            ),
            quoted(),
        );
    }
    if message.starts_with("invalid trailing content after") && v.starts_with(['"', '\'']) {
        let mark = &v[..1];
        let close = v[1..].find(mark).map_or(v.len(), |i| i + 2);
        let whole = if v.len() > 1 && v.ends_with(mark) && v[1..v.len() - 1].contains(mark) {
            &v[1..v.len() - 1]
        } else {
            v
        };
        return problem(
            format!(
                "the quotes around {} end before the value of `{key}` does",
                code(&v[..close])
            ),
            format!(
                "quote the whole value: {}",
                code(&format!("{key}: {}", quote(whole)))
            ),
        );
    }
    if message.starts_with("unclosed quote") && v.starts_with(['"', '\'']) {
        return problem(
            format!("the quote that opens the value of `{key}` is never closed"),
            format!(
                "end the value with {}: {}",
                code(&v[..1]),
                code(&format!("{key}: {v}{}", &v[..1]))
            ),
        );
    }
    if message.starts_with("unclosed bracket") && v.starts_with(['[', '{']) {
        let (open, close) = if v.starts_with('[') {
            ('[', ']')
        } else {
            ('{', '}')
        };
        if takes_text(key) {
            let shape = if open == '[' { "a list" } else { "a map" };
            return problem(
                format!(
                    "`{key}` must be text, but YAML reads a value that starts with `{open}` as {shape}"
                ),
                text_fix(key, v),
            );
        }
        if v.contains(" #") && open == '[' {
            let inner = v[1..].trim_end_matches(']');
            let items: Vec<String> = inner
                .split(',')
                .map(|item| {
                    let item = item.trim();
                    if item.contains(" #") {
                        quote(item)
                    } else {
                        item.to_owned()
                    }
                })
                .collect();
            return problem(
                format!(
                    "a ` #` inside `{open}…{close}` starts a comment, which hides the rest of the line, `{close}` included"
                ),
                format!(
                    "quote the item: {}",
                    code(&format!("{key}: [{}]", items.join(", ")))
                ),
            );
        }
        return problem(
            format!("the `{open}` that opens the value of `{key}` is never closed"),
            format!(
                "end it with `{close}`: {}",
                code(&format!("{key}: {v}{close}"))
            ),
        );
    }
    if message.starts_with("block sequence entries are not allowed") && v.starts_with('-') {
        let help = if takes_text(key) {
            quoted()
        } else {
            format!(
                "write the list as {}",
                code(&format!("{key}: [{}]", v[1..].trim()))
            )
        };
        return problem(
            format!(
                "YAML reads the `-` after `{key}:` as a list item, which must start a line of its own"
            ),
            help,
        );
    }
    None
}

/// A value YAML reads, but as the wrong type for its key: a list or map where text
/// goes, no value (`null`), a number where a date goes.
fn wrong_type(
    text: &str,
    (key, required): (&str, bool),
    value: &Value<'_>,
    message: &str,
    (line, col): (usize, usize),
) -> Option<Problem> {
    let v = value.text;
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        return Some(Problem::error(
            line,
            col,
            format!("`{key}` has no `{field}`"),
            Some(format!(
                "add `{field}: …` on a line indented under `{key}:`"
            )),
        ));
    }
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split('`').next())
    {
        let help = crate::suggest::did_you_mean(field, IMAGE_FIELDS.iter().copied())
            .unwrap_or_else(|| format!("`{key}` takes `{}`", IMAGE_FIELDS.join("`, `")));
        return Some(Problem::error(
            line,
            col,
            format!("unknown field `{field}` under `{key}`"),
            Some(help),
        ));
    }
    let no_value = (v.is_empty() && !has_block_value(text, value)) || value.is_null_word();
    if message.contains("null") || (no_value && line == value.line) {
        return Some(null_value(text, key, value, (line, col), required));
    }
    if matches!(key, "date" | "end" | "updated")
        && let Some(problem) = misread_date(key, v, (value.line, value.col))
    {
        return Some(problem);
    }
    let expected = expected(key)?;
    let shape = if v.starts_with('[') || (v.is_empty() && next_line_is_item(text, value)) {
        Some("a list")
    } else if v.starts_with('{') || v.is_empty() {
        Some("a map")
    } else {
        None
    };
    if takes_text(key)
        && let Some(shape) = shape
    {
        return Some(if v.is_empty() {
            Problem::error(
                line,
                col,
                format!("`{key}` must be text, but the lines under it make it {shape}"),
                Some(format!("write the text on the `{key}:` line")),
            )
        } else {
            Problem::error(
                value.line,
                value.col,
                format!(
                    "`{key}` must be text, but YAML reads a value that starts with `{}` as {shape}",
                    &v[..1]
                ),
                Some(text_fix(key, v)),
            )
        });
    }
    let help = match key {
        "sources" | "explainers" | "tags" | "aliases"
            if !v.is_empty() && !v.starts_with(['[', '{']) =>
        {
            Some(format!("write {}", code(&format!("{key}: [{v}]"))))
        }
        _ => None,
    };
    Some(Problem::error(
        line,
        col,
        format!("`{key}` must be {expected}"),
        help,
    ))
}

/// Whether lines under the key line hold its value: indented, or list items.
fn has_block_value(text: &str, value: &Value<'_>) -> bool {
    text.lines()
        .skip(value.line)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(|l| l.starts_with([' ', '\t', '-']))
}

/// Whether the first line under the key line is a `- ` list item.
fn next_line_is_item(text: &str, value: &Value<'_>) -> bool {
    text.lines()
        .skip(value.line)
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with('-'))
}

/// No value where one is needed: the key's own (`title:`, `title: null`) or an item
/// of its list (`tags: [a, null]`).
fn null_value(
    text: &str,
    key: &str,
    value: &Value<'_>,
    (line, col): (usize, usize),
    required: bool,
) -> Problem {
    let at_key = line == value.line && (value.text.is_empty() || value.is_null_word());
    let or_remove = if required { "" } else { ", or remove the line" };
    if at_key && value.is_null_word() && takes_text(key) {
        let word = value.text;
        return Problem::error(
            value.line,
            value.col,
            format!("YAML reads `{word}` as no value, so `{key}` is empty"),
            Some(format!(
                "to keep `{word}` as text, quote it: `{key}: \"{word}\"`{or_remove}"
            )),
        );
    }
    if at_key && value.is_null_word() {
        let word = value.text;
        return Problem::error(
            value.line,
            value.col,
            format!("YAML reads `{word}` as no value, so `{key}` is empty"),
            Some(format!("write its value after `{key}:`{or_remove}")),
        );
    }
    if at_key {
        return Problem::error(
            value.line,
            value.col.saturating_sub(1).max(1),
            format!("`{key}` is empty"),
            Some(format!("write its value after `{key}:`{or_remove}")),
        );
    }
    let word = text
        .lines()
        .nth(line - 1)
        .and_then(|l| {
            let start = l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i);
            l[start..]
                .split(|c: char| c.is_whitespace() || ",]}".contains(c))
                .next()
        })
        .filter(|w| matches!(*w, "null" | "Null" | "NULL" | "~"));
    match word {
        Some(word) => Problem::error(
            line,
            col,
            format!("YAML reads `{word}` as no value, so an item of `{key}` is empty"),
            Some(format!(
                "to keep `{word}` as text, quote it: `\"{word}\"`; or remove the item"
            )),
        ),
        None => Problem::error(
            line,
            col,
            format!("an item of `{key}` is empty"),
            Some("write the item, or remove it".to_owned()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_entries_with_their_lines() {
        let matter = "# note\ntitle: A\ntags:\n  - x\n  - y\ndate: 2024\n";
        let walk = walk(matter);
        assert!(walk.complete);
        let keys: Vec<(&str, usize, usize)> = walk
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.key_line, e.start))
            .collect();
        assert_eq!(keys, [("title", 2, 0), ("tags", 3, 16), ("date", 6, 34)]);
        assert_eq!(&matter[16..34], "tags:\n  - x\n  - y\n");
        let lines = line_entries(matter);
        let by_lines: Vec<(&str, usize, usize)> = lines
            .iter()
            .map(|e| (e.key.as_str(), e.key_line, e.start))
            .collect();
        assert_eq!(by_lines, keys);
    }

    #[test]
    fn finds_comments_that_cut_plain_values_only() {
        let matter = "title: Death toll #2 rises\nplace: \"Kerman #1\" # quoted\nsources: [afp] # main wire\ntags:\n  - Kerman #1\n# own line\ndate: 2024-01-03 # day\n";
        let walk = walk(matter);
        let cuts: Vec<(Vec<String>, bool, &str, &str, usize, usize)> = walk
            .cuts
            .iter()
            .map(|c| {
                (
                    c.path.clone(),
                    c.item,
                    c.value.as_str(),
                    c.dropped.as_str(),
                    c.line,
                    c.col,
                )
            })
            .collect();
        assert_eq!(
            cuts,
            [
                (vec!["title".into()], false, "Death toll", "#2 rises", 1, 19),
                (vec!["tags".into()], true, "Kerman", "#1", 5, 12),
                (vec!["date".into()], false, "2024-01-03", "# day", 7, 18),
            ]
        );
        // The date's comment cuts nothing a date could hold.
        let problems: Vec<Problem> = walk.cuts.iter().filter_map(Cut::problem).collect();
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].message,
            "YAML reads `#2 rises` as a comment, so `title` is only `Death toll`"
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("quote the value to keep all of it: `title: \"Death toll #2 rises\"`")
        );
        assert_eq!(
            problems[1].help.as_deref(),
            Some("quote the value to keep all of it: `- \"Kerman #1\"`")
        );
    }

    #[test]
    fn finds_keys_given_twice_at_any_depth() {
        let walk = walk("title: A\nimage:\n  src: a.jpg\n  alt: x\n  alt: y\ntitle: B\n");
        let found: Vec<(Vec<String>, &str, usize, usize)> = walk
            .duplicates
            .iter()
            .map(|d| (d.path.clone(), d.key.as_str(), d.first_line, d.line))
            .collect();
        assert_eq!(
            found,
            [(vec!["image".into()], "alt", 4, 5), (vec![], "title", 1, 6)]
        );
    }

    #[test]
    fn tells_numbers_from_years_in_dates() {
        assert_eq!(date_misread("2024"), None);
        assert_eq!(date_misread("2024-01-03"), None);
        assert_eq!(date_misread("800"), None);
        assert_eq!(date_misread("0800").as_deref(), Some("the number 800"));
        assert_eq!(date_misread("0o17").as_deref(), Some("the number 15"));
        assert_eq!(date_misread("true").as_deref(), Some("`true`"));
        assert_eq!(date_misread("2024.5").as_deref(), Some("the number 2024.5"));
    }

    #[test]
    fn quotes_so_yaml_reads_the_text_back() {
        for text in [
            "Death toll #2 rises",
            "\"Death toll\" rises",
            "a\\b \"c\" it's",
        ] {
            let yaml = format!("k: {}\n", quote(text));
            let read: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(read["k"], text, "{yaml}");
        }
    }
}
