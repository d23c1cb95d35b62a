//! The built-in theme's layout in headless Chromium, light and dark, on a desktop
//! and a phone: one reading column, images that break out of it together at one
//! width, captions set apart, citations drawn as citations. See
//! `tests/browser/layout.cjs` for what is measured.
//!
//! Skipped with a note without Node.js, npm or Chromium, unless
//! `DATELINE_REQUIRE_BROWSER` is set (see `node.rs`).

use serde_json::{Value, json};

use super::helpers::{Site, png};
use super::node;
use super::server::Server;

/// An event with a lead image, a figure, a citation in the editor's words and a
/// link to another event.
fn site() -> Site {
    let site = Site::basic();
    site.bytes("static/images/lead.png", &png(1600, 900))
        .bytes("static/images/crowd.png", &png(1200, 800))
        .file(
            "content/events/2024/2024-01-03-kerman-explosions.md",
            "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp, reuters]\nimage:\n  src: images/lead.png\n  alt: Smoke over a road\n  caption: The road to the cemetery\n  credit: Atta Kenare/AFP\n---\nTwo blasts near the grave, four years after [the strike](event:2020-01-03-soleimani-killed) [@afp]. The crowd was large and the road was narrow, and the second blast came some minutes after the first one.\n\n![Mourners carry portraits](images/crowd.png \"Atta Kenare/AFP\")\n\nThe toll rose through the evening, [as Reuters reported](source:reuters).\n",
        );
    site
}

fn measure(modules: &std::path::Path, url: &str, width: u32, scheme: &str) -> Value {
    node::json(modules, "layout.cjs", &[url, &width.to_string(), scheme])
}

#[test]
fn one_reading_column_with_images_breaking_out_together_light_and_dark() {
    let Some(modules) = node::packages("the layout browser test") else {
        return;
    };
    let site = site();
    let server = Server::start(&site, &[]);
    let url = format!("{}2024/01/03/kerman-explosions/", server.url);
    for scheme in ["light", "dark"] {
        // A desktop: a 42rem column (672 px), centred; the lead image and the
        // figure break out of it to one width, 56rem (896 px).
        let wide = measure(&modules, &url, 1280, scheme);
        assert_eq!(wide["overflow"], false, "{wide:#}");
        let column = wide["paragraphs"][0].as_i64().unwrap();
        assert_eq!(column, 672, "{wide:#}");
        assert!(
            wide["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .all(|w| w == column)
        );
        assert_eq!(wide["lead"], json!([896]), "{wide:#}");
        assert_eq!(wide["figures"], json!([896]), "{wide:#}");
        // The header, the title and the body start at one edge.
        assert_eq!(wide["site_title_left"], wide["paragraph_left"], "{wide:#}");
        assert_eq!(wide["title_left"], wide["paragraph_left"], "{wide:#}");
        assert_eq!(wide["paragraph_left"], json!((1280 - 672) / 2), "{wide:#}");
        // The credit on a line of its own under the caption.
        assert_eq!(wide["credit_display"], "block", "{wide:#}");
        // A citation in the editor's words is drawn in the text's colour on the
        // chips' ground, with a rule under it; a link to read on is a link.
        assert_eq!(wide["cite_link_color"], wide["body_color"], "{wide:#}");
        assert_ne!(wide["link_color"], wide["body_color"], "{wide:#}");
        assert_eq!(wide["cite_link_border"], "solid", "{wide:#}");
        assert_eq!(wide["cite_link_decoration"], "none", "{wide:#}");
        assert_eq!(
            wide["cite_link_background"], wide["cite_background"],
            "{wide:#}"
        );
        // "Sources cited": the name underlined, not the chip nor the gap after it.
        assert_eq!(wide["sources_link_decoration"], "none", "{wide:#}");
        assert_eq!(wide["sources_name_decoration"], "underline", "{wide:#}");

        // A phone: everything is the column, 390 - 2 × 20 px, and nothing overflows.
        let phone = measure(&modules, &url, 390, scheme);
        assert_eq!(phone["overflow"], false, "{phone:#}");
        assert_eq!(phone["paragraphs"][0], 350, "{phone:#}");
        assert_eq!(phone["lead"], json!([350]), "{phone:#}");
        assert_eq!(phone["figures"], json!([350]), "{phone:#}");
    }
}
