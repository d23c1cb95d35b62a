//! Markdown bodies to HTML, with pulldown-cmark.
//!
//! Rendering is pure: text in, HTML and the first paragraph's plain text out. Link
//! targets are written as they are; resolving annotations is the caller's concern.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text, for default summaries.
    pub first_paragraph: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

pub fn render(body: &str) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
    let first_paragraph = first_paragraph_text(&events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        first_paragraph,
    }
}

/// The first paragraph of `body` as plain text, without rendering it.
pub fn first_paragraph(body: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
    first_paragraph_text(&events)
}

/// The text of the first top-level paragraph, whitespace collapsed.
pub fn first_paragraph_text<'e, 'a: 'e>(events: impl IntoIterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside && depth == 0 => break,
            Event::Start(_) if !inside => depth += 1,
            Event::End(_) if !inside => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_html_and_first_paragraph() {
        let r = render("# Heading\n\n> quoted\n\nTwo *blasts* struck\nthe crowd.\n\nMore.");
        assert!(r.html.contains("<em>blasts</em>"));
        assert_eq!(r.first_paragraph, "Two blasts struck the crowd.");
    }

    #[test]
    fn uses_typographic_quotes() {
        assert!(
            render("\"Huge explosion\"")
                .html
                .contains("“Huge explosion”")
        );
    }
}
