//! Part of stage 1, load: YAML front matter, read the way an editor means it.
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

mod explain;
pub(super) mod list;
mod walk;

use serde::de::DeserializeOwned;

use super::frontmatter::{Problem, Reading};
use super::nested::{self, List};
use super::raw::{fields_under, is_list_of_entries};
use explain::diagnose;
pub(super) use walk::misread_date;
use walk::{Cut, Shape, walk};

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
    if whole.is_ok() && !may_hide_text(matter) {
        // Nothing a comment, tag or anchor could cut, no date YAML could misread, and
        // the keys at the start of their lines: the walk would find nothing.
        let entries = line_entries(matter);
        // No entry found by lines (`{title: A, date: 2024}` on one line): the walk
        // reads it.
        if !entries.is_empty()
            && entries.iter().all(|e| e.key_col == 1)
            && let Some(lists) = whole_lists(matter, &entries, known, lines_before)
        {
            let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
            let mut reading = Reading::of(whole.unwrap_or_default());
            reading.lists = lists;
            reading.require(&keys, known, ":");
            return reading;
        }
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
    let lists = match &whole {
        Ok(_) if walk.complete && walk.misread_problem().is_none() => {
            whole_lists(matter, &entries, known, lines_before)
        }
        _ => None,
    };
    let mut reading = match (whole, lists) {
        // Nothing to read again: only what was cut is reported.
        (Ok(value), Some(lists)) => {
            let mut reading = Reading::of(value);
            reading.lists = lists;
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

/// Whether `matter` may hold text YAML drops or reads otherwise without an error:
/// a `#`, `!` or `&` (a comment, tag or anchor), or a date key whose unquoted value
/// is not a year or date that starts with its four digits (`0800`, `0o17`, `true`).
/// Most front matter holds none, and is read without walking it a second time.
fn may_hide_text(matter: &str) -> bool {
    matter.contains(['#', '!', '&'])
        || matter.lines().any(|line| {
            // The key as every other reading finds it (`date:`, `"date":`, `date :`).
            // An entry of `corrections` (`  - date: …`) has a date too.
            let entry = line.trim_start_matches([' ', '\t']);
            let entry = entry.strip_prefix("- ").unwrap_or(entry);
            let Some(key) = key_of_line(entry).filter(|k| ["date", "end", "updated"].contains(k))
            else {
                return false;
            };
            let after_key = line.find(key).map_or(line, |at| &line[at + key.len()..]);
            let Some(value) = after_key.split_once(':').map(|(_, value)| value.trim()) else {
                return false;
            };
            let year = value
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
            let plain_date = year.is_some_and(|y| !y.starts_with('0'))
                && (value.len() == 4 || value[4..].starts_with('-'));
            !(value.is_empty() || value.starts_with(['"', '\'']) || plain_date)
        })
}

/// Where the entries of the lists among the top-level `entries` of `matter` are
/// (see [`List`]), when every entry of each reads whole; `None` when one does not,
/// and the keys are to be read one by one.
fn whole_lists(
    matter: &str,
    entries: &[Entry],
    known: &[&str],
    lines_before: usize,
) -> Option<Vec<List>> {
    let mut lists = Vec::new();
    for entry in entries.iter().filter(|e| is_list_of_entries(&e.key)) {
        let text = &matter[entry.start..entry.end];
        let here = entry.within_its_text();
        let around = nested::Around {
            lines_before: lines_before + entry.line - 1,
            top_level: known,
            below: &[],
        };
        let reading = list::read(text, &here, around)?.ok()?;
        if !reading.problems.is_empty() {
            return None;
        }
        lists.push(reading.list.shifted(entry.line - 1));
    }
    Some(lists)
}

/// Reads each entry on its own: the keys that read make up the value, the others are
/// reported (unknown, given twice, or failing to read) and listed as unread. A list
/// of entries (`reports:`) is read entry by entry: see [`list::read`].
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
        let entry_here = entry.within_its_text();
        // Keys below that are none of the document's, each told to be indented.
        let below: Vec<&str> = (entries.iter())
            .filter(|e| e.start > entry.start && !known.contains(&e.key.as_str()))
            .map(|e| e.key.as_str())
            .collect();
        let around = nested::Around {
            lines_before: lines_before + entry.line - 1,
            top_level: known,
            below: &below,
        };
        let list =
            nested::Shape::of(&entry.key).and_then(|_| list::read(text, &entry_here, around));
        match list {
            Some(Ok(list)) => {
                let cuts = walk(text).cuts;
                reading
                    .problems
                    .extend(cuts.iter().filter_map(Cut::problem).map(shift));
                match list::values_text(&list) {
                    Some(values) => good.push_str(&values),
                    None => reading.unread.push(entry.key.clone()),
                }
                reading
                    .problems
                    .extend(list.problems.into_iter().map(shift));
                reading.lists.push(list.list.shifted(entry.line - 1));
                continue;
            }
            Some(Err(problems)) => {
                reading.problems.extend(problems.into_iter().map(shift));
                reading.unread.push(entry.key.clone());
                continue;
            }
            None => {}
        }
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

/// `unknown field `tag``, with the nearest known key; a key of `image:` or of a
/// report written at the start of a line is told to go under it.
fn unknown_key(entry: &Entry, entries: &[Entry], known: &[&str]) -> Problem {
    // The key above whose value this one may belong to.
    let parent = entries
        .iter()
        .take_while(|e| e.start < entry.start)
        .filter(|e| fields_under(&e.key).is_some_and(|f| f.contains(&entry.key.as_str())))
        .last()
        .map(|e| e.key.as_str());
    let help = if parent == Some("image") {
        Some(format!(
            "to give the image's `{}`, indent the line under `image:`, like its `src:`",
            entry.key
        ))
    } else if parent == Some("reports") {
        Some(format!(
            "to give a report's `{}`, indent the line to start under the `source` of its `- source:`",
            entry.key
        ))
    } else if parent == Some("corrections") {
        Some(format!(
            "to give a correction's `{}`, indent the line under the `- ` that starts its entry",
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

impl Entry {
    /// The entry as its own lines (`start..end`) see it: its key's line counted
    /// from the first of them.
    fn within_its_text(&self) -> Entry {
        Entry {
            key_line: self.key_line - self.line + 1,
            ..self.clone()
        }
    }
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

/// Whether a top-level key takes free text, which may hold spaces and any sign.
fn is_free_text_key(key: &str) -> bool {
    matches!(
        key,
        "title" | "place" | "summary" | "name" | "short" | "country" | "subject"
    )
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
    fn walks_again_only_what_may_hide_text() {
        let plain = "title: Kerman\ndate: 2024-01-03T14:50\nend: 2024\nupdated: \"0800\"\n";
        assert!(!may_hide_text(plain));
        for hiding in [
            "title: Death toll #2",
            "title: !Breaking news",
            "place: &here Kerman",
            "date: 0800",
            "end: 0o17",
            "updated: true",
            "date: 2024.5",
        ] {
            assert!(may_hide_text(hiding), "{hiding}");
        }
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
