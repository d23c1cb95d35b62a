//! Inline explainer sections: `## Who is Qasem Soleimani {#qasem-soleimani .explainer}`.
//!
//! A heading with the class `explainer` and an id opens a section that runs until the
//! next heading of the same or a higher level. The section becomes an explainer of its
//! own; the event page shows a background card in its place. This module only finds
//! the sections (byte ranges in the body); `links` renders them.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// An inline explainer section of an event body, by byte ranges of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's `{#id}`: `qasem-soleimani`, the explainer's id.
    pub id: String,
    /// The heading text.
    pub title: String,
    /// The whole section, heading included, in body bytes.
    pub range: Range<usize>,
    /// The section's content after the heading.
    pub content: Range<usize>,
    /// Where the heading starts, for error messages.
    pub heading: usize,
}

/// A heading marked `.explainer` that cannot open a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misplaced {
    /// Byte offset of the heading in the body.
    pub offset: usize,
    /// What is wrong: ``the explainer section `Who` has no id``.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// A top-level heading, or (with `level: None`) a footnote definition, which also
/// ends a section: notes at the end of a file belong to the event.
struct Boundary {
    level: Option<HeadingLevel>,
    range: Range<usize>,
    id: Option<String>,
    marked: bool,
    text: String,
}

/// Finds the inline explainer sections of a Markdown body, in order.
pub fn find(body: &str) -> (Vec<Section>, Vec<Misplaced>) {
    // Only a heading with the class can open a section or be misplaced, and the
    // class is always written `.explainer`: most bodies need no Markdown parse here.
    if !body.contains(".explainer") {
        return (Vec::new(), Vec::new());
    }
    let mut boundaries: Vec<Boundary> = Vec::new();
    let mut misplaced = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<Boundary> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let marked = classes.iter().any(|c| c.as_ref() == "explainer");
                if depth > 0 {
                    if marked {
                        misplaced.push(Misplaced {
                            offset: range.start,
                            message: "an explainer section must start with a top-level heading"
                                .to_owned(),
                            help: "move the heading out of the list or quote it is in".to_owned(),
                        });
                    }
                } else {
                    heading = Some(Boundary {
                        level: Some(level),
                        range,
                        id: id.map(|i| i.to_string()),
                        marked,
                        text: String::new(),
                    });
                }
                depth += 1;
            }
            Event::Start(Tag::FootnoteDefinition(_)) if depth == 0 => {
                boundaries.push(Boundary {
                    level: None,
                    range,
                    id: None,
                    marked: false,
                    text: String::new(),
                });
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut heading {
                    heading.text.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                depth = depth.saturating_sub(1);
                boundaries.extend(heading.take());
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut sections: Vec<Section> = Vec::new();
    for (n, boundary) in boundaries.iter().enumerate() {
        let Some(level) = boundary.level.filter(|_| boundary.marked) else {
            continue;
        };
        let (range, title) = (&boundary.range, boundary.text.trim().to_owned());
        let Some(id) = &boundary.id else {
            misplaced.push(Misplaced {
                offset: range.start,
                message: format!("the explainer section `{title}` has no id"),
                help: format!(
                    "give it one: `## {title} {{#{} .explainer}}`",
                    crate::slug::slugify(&title)
                ),
            });
            continue;
        };
        if sections
            .last()
            .is_some_and(|s| s.range.contains(&range.start))
        {
            misplaced.push(Misplaced {
                offset: range.start,
                message: format!("the explainer section `{id}` is inside another one"),
                help: "end the first section with a heading of its own level, or drop one `.explainer`".to_owned(),
            });
            continue;
        }
        let end = boundaries[n + 1..]
            .iter()
            .find(|b| b.level.is_none_or(|l| l <= level))
            .map_or(body.len(), |b| b.range.start);
        sections.push(Section {
            id: id.clone(),
            title,
            range: range.start..end,
            content: range.end.min(end)..end,
            heading: range.start,
        });
    }
    (sections, misplaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_section_up_to_the_next_heading_of_its_level() {
        let body = "Intro.\n\n## Who is Qasem Soleimani {#qasem-soleimani .explainer}\n\nHe led the force.\n\n### Early life\n\nBorn in Kerman.\n\n## Aftermath\n\nMore.\n";
        let (sections, missing) = find(body);
        assert!(missing.is_empty());
        assert_eq!(sections.len(), 1);
        let s = &sections[0];
        assert_eq!(s.id, "qasem-soleimani");
        assert_eq!(s.title, "Who is Qasem Soleimani");
        assert!(body[s.range.clone()].starts_with("## Who is"));
        assert!(body[s.range.clone()].ends_with("Born in Kerman.\n\n"));
        assert!(
            body[s.content.clone()]
                .trim()
                .starts_with("He led the force.")
        );
    }

    #[test]
    fn runs_to_the_end_without_a_following_heading() {
        let body = "# Only {#x .explainer}\n\nText.";
        let (sections, _) = find(body);
        assert_eq!(sections[0].range, 0..body.len());
    }

    #[test]
    fn reports_a_marked_heading_without_id() {
        let (sections, misplaced) = find("## Who {.explainer}\n\nx");
        assert!(sections.is_empty());
        assert!(misplaced[0].message.contains("`Who` has no id"));
    }

    #[test]
    fn only_top_level_headings_open_sections_and_notes_end_them() {
        let body = "- ## In a list {#a .explainer}\n  x\n- b\n\n## Top {#top .explainer}\n\nText.[^1]\n\n[^1]: A note.\n";
        let (sections, misplaced) = find(body);
        assert_eq!(misplaced.len(), 1);
        assert!(misplaced[0].message.contains("top-level"));
        assert_eq!(sections.len(), 1);
        assert!(!body[sections[0].range.clone()].contains("A note"));
    }

    #[test]
    fn refuses_a_section_inside_another() {
        let (sections, misplaced) =
            find("## A {#a .explainer}\n\nx\n\n### B {#b .explainer}\n\ny\n");
        assert_eq!(sections.len(), 1);
        assert!(misplaced[0].message.contains("inside another"));
    }
}
