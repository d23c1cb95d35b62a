//! Inline explainer sections: `## Who is Qasem Soleimani {#qasem-soleimani .explainer}`.
//!
//! A heading with the class `explainer` and an id opens a section that runs until the
//! next heading of the same or a higher level. The section becomes an explainer of its
//! own; the event page shows a background card in its place. This module only finds
//! the sections (byte ranges in the body); `links` renders them.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
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

/// A heading marked `.explainer` without an id: it cannot be addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingId {
    pub offset: usize,
    pub title: String,
}

/// A heading as found: level, byte range, id, whether marked `.explainer`, text.
struct Heading {
    level: HeadingLevel,
    range: Range<usize>,
    id: Option<String>,
    marked: bool,
    text: String,
}

/// Finds the inline explainer sections of a Markdown body, in order.
pub fn find(body: &str) -> (Vec<Section>, Vec<MissingId>) {
    let mut headings: Vec<Heading> = Vec::new();
    let mut current: Option<Heading> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                current = Some(Heading {
                    level,
                    range,
                    id: id.map(|i| i.to_string()),
                    marked: classes.iter().any(|c| c.as_ref() == "explainer"),
                    text: String::new(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut current {
                    heading.text.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            _ => {}
        }
    }
    let mut sections = Vec::new();
    let mut missing = Vec::new();
    for (n, heading) in headings.iter().enumerate() {
        if !heading.marked {
            continue;
        }
        let (range, title) = (&heading.range, heading.text.trim().to_owned());
        let Some(id) = &heading.id else {
            missing.push(MissingId {
                offset: range.start,
                title,
            });
            continue;
        };
        let end = headings[n + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(body.len(), |h| h.range.start);
        sections.push(Section {
            id: id.clone(),
            title,
            range: range.start..end,
            content: range.end.min(end)..end,
            heading: range.start,
        });
    }
    (sections, missing)
}

/// The subject a title like "Who is Qasem Soleimani" is about, for alias links.
pub fn subject_of(title: &str) -> Option<String> {
    const LEADS: [&str; 8] = [
        "who is ",
        "who was ",
        "who are ",
        "who were ",
        "what is ",
        "what was ",
        "what are ",
        "where is ",
    ];
    let lower = title.to_lowercase();
    let lead = LEADS.iter().find(|lead| lower.starts_with(*lead))?;
    let subject = title.get(lead.len()..)?.trim().trim_end_matches('?').trim();
    (!subject.is_empty()).then(|| subject.to_owned())
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
        let (sections, missing) = find("## Who {.explainer}\n\nx");
        assert!(sections.is_empty());
        assert_eq!(missing[0].title, "Who");
    }

    #[test]
    fn derives_subjects_from_question_titles() {
        assert_eq!(
            subject_of("Who is Qasem Soleimani").as_deref(),
            Some("Qasem Soleimani")
        );
        assert_eq!(
            subject_of("What is the Quds Force?").as_deref(),
            Some("the Quds Force")
        );
        assert_eq!(subject_of("The Quds Force"), None);
    }
}
