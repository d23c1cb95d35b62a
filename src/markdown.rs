//! Markdown dialect: the pulldown-cmark extensions every body is parsed with.
//!
//! Rendering with annotations lives in `resolve::links`; this module only fixes the
//! dialect so that every parse of a body — section finding, rendering — agrees.

use pulldown_cmark::Options;

/// CommonMark plus tables, footnotes, strikethrough, typographic quotes, heading
/// attributes (`{#id .explainer}`) and wikilinks (`[[Name]]`).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}
