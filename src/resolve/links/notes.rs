//! The text of a citation's brackets (SPEC §9.2): `@afp; @reuters, quoting
//! @kerman-red-crescent` is two citations, AFP's without a note and Reuters' with the
//! attribution note `quoting @kerman-red-crescent`, whose `@id` names a second source.
//!
//! Here the text is taken apart and a note resolved; `citations.rs` writes the
//! markers and records the claims.

use super::writer::Writer;
use crate::site::Named;

/// One citation of a bracket: `@id`, and the attribution note after its comma, each
/// with its byte offset in the bracket's text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Written<'c> {
    /// As written, `@` included (`@afp`); may be malformed.
    pub(super) id: &'c str,
    /// The byte offset of `id` in the bracket's text.
    pub(super) id_at: usize,
    /// The note as written, trimmed, without the comma; `None` when there is none.
    pub(super) note: Option<&'c str>,
    /// The byte offset of `note` in the bracket's text (0 without a note).
    pub(super) note_at: usize,
}

/// Whether `c` separates citations in a bracket: `;`, or the Arabic semicolon.
fn is_semicolon(c: char) -> bool {
    matches!(c, ';' | '؛')
}

/// The citations of a bracket's text (`@afp; @reuters, quoting @kerman-red-crescent`).
/// A semicolon followed by `@`, another semicolon or nothing starts the next
/// citation, unless it ends a character reference (`&amp;`); in a citation, the
/// first comma (`,` or the Arabic `،`) starts its note. So a note may hold
/// semicolons ("citing local media; later confirmed") but not `; @`. Empty
/// citations are skipped.
pub(super) fn split_citations(text: &str) -> Vec<Written<'_>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let rest = text[i + c.len_utf8()..].trim_start();
        // `&amp;`, `&#39;`: a reference the HTML decoder reads, not `AT&T;`.
        let ends_reference = || {
            text[..i].rfind('&').is_some_and(|amp| {
                let reference = &text[amp..i + c.len_utf8()];
                crate::html::char_refs::decode_char_refs(reference) != reference
            })
        };
        if is_semicolon(c)
            && (rest.is_empty() || rest.starts_with('@') || rest.starts_with(is_semicolon))
            && !ends_reference()
        {
            parts.push(start..i);
            start = i + c.len_utf8();
        }
    }
    parts.push(start..text.len());
    parts
        .into_iter()
        .filter_map(|range| {
            let part = &text[range.clone()];
            let (id, note) = match part.find([',', '،']) {
                Some(comma) => {
                    let after = comma + part[comma..].chars().next().map_or(1, char::len_utf8);
                    (&part[..comma], Some((after, &part[after..])))
                }
                None => (part, None),
            };
            fn trimmed(at: usize, s: &str) -> (usize, &str) {
                (at + (s.len() - s.trim_start().len()), s.trim())
            }
            let (id_at, id) = trimmed(range.start, id);
            let note = note
                .map(|(at, n)| {
                    let n_start = n.len() - n.trim_start_matches([',', '،', ' ', '\t', '\n']).len();
                    trimmed(range.start + at + n_start, &n[n_start..])
                })
                .filter(|(_, n)| !n.is_empty());
            (!id.is_empty() || note.is_some()).then(|| Written {
                id,
                id_at,
                note: note.map(|(_, n)| n),
                note_at: note.map_or(0, |(at, _)| at),
            })
        })
        .collect()
}

/// The `@`s of an attribution note that name something, with their byte offsets:
/// an `@` that does not follow a letter or digit (as an e-mail address's does),
/// then letters, digits, `-`, `_` and `.`, less a final `.` or `-`. An `@` that
/// names nothing comes with an empty id.
pub(super) fn note_ids(note: &str) -> Vec<(usize, &str)> {
    let is_id_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut ids = Vec::new();
    for (at, _) in note.match_indices('@') {
        let before = &note[..at];
        let escapes = before.len() - before.trim_end_matches('\\').len();
        if before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || escapes % 2 == 1
        {
            continue;
        }
        let rest = &note[at + 1..];
        let end = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
        ids.push((at, rest[..end].trim_end_matches(['.', '-'])));
    }
    ids
}

/// Text of a note as a reader sees it: Markdown's backslash escapes undone (`R\&D`)
/// and character references decoded (`&amp;`). Nothing else of Markdown is read in a
/// note: it is plain text.
fn shown(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                text.push(next);
                chars.next();
            }
            _ => text.push(c),
        }
    }
    crate::html::char_refs::decode_char_refs(&text).into_owned()
}

/// An attribution note resolved: its text with each `@id` written as the source's
/// name, the sources it names, and the report of each (by its id, or a source's
/// only report in the event).
pub(super) struct Note {
    pub(super) text: String,
    pub(super) named: Vec<(Named, Option<usize>)>,
}

impl Writer<'_, '_, '_> {
    /// Resolves an attribution note written at byte `at` of the body: each `@id` in
    /// it must name a source (or a report of the event) and is written as the
    /// source's name. `None` when something in it is wrong (reported; the citation
    /// is written without its note).
    pub(super) fn note(&mut self, note: &str, at: usize) -> Option<Note> {
        let mut text = String::with_capacity(note.len());
        let mut named = Vec::new();
        let mut from = 0;
        let mut broken = false;
        let ids = note_ids(note);
        for &(offset, id) in &ids {
            text.push_str(&shown(&note[from..offset]));
            from = offset + 1 + id.len();
            if id.is_empty() {
                broken = true;
                self.problem(
                    at + offset,
                    "`@` in an attribution note names no source".to_owned(),
                    Some(
                        "write the source's id after it (`quoting @irna`), or leave the `@` out"
                            .to_owned(),
                    ),
                );
                continue;
            }
            let id_nfc = crate::slug::nfc(id);
            match self.citation_name(&id_nfc) {
                Some((s, report)) => {
                    let name = &self.targets.sources[s].title;
                    let start = text.len();
                    text.push_str(name);
                    let named_source = Named {
                        source: s,
                        name: start..text.len(),
                    };
                    named.push((named_source, report));
                }
                None => {
                    broken = true;
                    if !self.targets.is_broken_id(&id_nfc) {
                        let (message, help) = self.unknown_citation(id);
                        self.problem(at + offset, message, Some(help));
                    }
                }
            }
        }
        text.push_str(&shown(&note[from..]));
        let words_left = {
            let mut rest = text.clone();
            for (n, _) in named.iter().rev() {
                rest.replace_range(n.name.clone(), "");
            }
            rest.chars().any(char::is_alphanumeric)
        };
        if !ids.is_empty() && !words_left && !broken {
            broken = true;
            self.problem(
                at,
                format!("`{note}` after a comma is an attribution note, not another citation"),
                Some(
                    "separate citations with `;` (`[@afp; @reuters]`); a note says how the source \
                     had it (`[@afp, quoting @reuters]`)"
                        .to_owned(),
                ),
            );
        }
        (!broken).then_some(Note { text, named })
    }
}

#[cfg(test)]
mod tests {
    use super::{Written, note_ids, shown, split_citations};

    #[test]
    fn splits_citations_and_their_notes_with_offsets() {
        assert_eq!(
            split_citations("@afp; @reuters, quoting @krc; later ; "),
            [
                Written {
                    id: "@afp",
                    id_at: 0,
                    note: None,
                    note_at: 0
                },
                Written {
                    id: "@reuters",
                    id_at: 6,
                    note: Some("quoting @krc; later"),
                    note_at: 16
                },
            ]
        );
        // An entity's `;` does not split, even before an `@`; `,,` is one comma.
        let parts = split_citations("@afp,, citing Le Monde &amp; Libération");
        assert_eq!(parts[0].note, Some("citing Le Monde &amp; Libération"));
        let parts = split_citations("@x, R&D &amp; @krc");
        assert_eq!(parts.len(), 1);
        assert_eq!(split_citations("@x, citing AT&T; @krc").len(), 2);
        assert_eq!(parts[0].note, Some("R&D &amp; @krc"));
        // An empty citation between two semicolons is skipped.
        let ids: Vec<&str> = split_citations("@afp; ; @reuters")
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, ["@afp", "@reuters"]);
        // Arabic punctuation separates too.
        let parts = split_citations("@irna، به نقل از @krc؛ @afp");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].id, "@irna");
        assert_eq!(parts[0].note, Some("به نقل از @krc"));
        assert_eq!(parts[1].id, "@afp");
    }

    #[test]
    fn finds_the_ids_a_note_names_but_not_e_mail_addresses() {
        assert_eq!(
            note_ids("quoting @kerman-red-crescent. Mail desk@afp.com, and @irna. @"),
            [(8, "kerman-red-crescent"), (53, "irna"), (60, "")]
        );
        assert!(note_ids(r"mail \@desk").is_empty());
        assert_eq!(note_ids(r"mail \\@desk"), [(7, "desk")]);
    }

    #[test]
    fn a_note_is_plain_text_with_escapes_and_references_read() {
        assert_eq!(
            shown(r"citing R\&D &amp; *Le Monde*"),
            "citing R&D & *Le Monde*"
        );
    }
}
