//! Static files whose names hold a space, `%`, `#` or letters outside ASCII: an
//! image path is read as a URL path (percent-decoded) to find the file, and every
//! output that names the file spells it percent-encoded, so browsers, crawlers and
//! feed readers all reach it and the link check passes.

use crate::helpers::{Site, png};

const BASE: &str = "https://example.org/kerman/";

/// A site publishing `photos/crowd scene.png`, `photos/crowd#2.png`,
/// `photos/100%.png` and `photos/کرمان.png`, at [`BASE`].
fn site_with_awkward_names() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\n"),
    )
    .bytes("static/photos/crowd scene.png", &png(4, 3))
    .bytes("static/photos/crowd#2.png", &png(2, 1))
    .bytes("static/photos/100%.png", &png(1, 1))
    .bytes("static/photos/کرمان.png", &png(1, 1));
    site
}

fn meta(page: &crate::helpers::Page, selector: &str) -> Vec<String> {
    page.attrs(selector, "content")
}

fn json_ld_image(page: &crate::helpers::Page) -> serde_json::Value {
    let json = page.texts("script[type='application/ld+json']");
    let ld: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    ld["image"].clone()
}

#[test]
fn a_body_image_written_percent_encoded_as_on_github_finds_its_file() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-crowd.md",
        "---\ntitle: Crowd\n---\nIntro.\n\n![Crowd](photos/crowd%20scene.png)\n\nInline ![second](/photos/crowd%232.png) and ![third](photos/%DA%A9%D8%B1%D9%85%D8%A7%D9%86.png).\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/crowd/");
    assert_eq!(
        page.attrs(".body img", "src"),
        [
            "/kerman/photos/crowd%20scene.png",
            "/kerman/photos/crowd%232.png",
            "/kerman/photos/%DA%A9%D8%B1%D9%85%D8%A7%D9%86.png",
        ]
    );
    assert_eq!(page.text(".body figure figcaption"), "Crowd");
}

#[test]
fn a_front_matter_image_with_a_hash_is_encoded_everywhere_and_passes_the_link_check() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-crowd.md",
        "---\ntitle: Crowd\nimage:\n  src: \"photos/crowd#2.png\"\n  alt: The crowd\n---\nIntro.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/crowd/");
    let url = format!("{BASE}photos/crowd%232.png");
    assert_eq!(
        page.attrs("img[alt='The crowd']", "src"),
        ["/kerman/photos/crowd%232.png"]
    );
    assert_eq!(meta(&page, "meta[property='og:image']"), [url.as_str()]);
    assert_eq!(meta(&page, "meta[name='twitter:image']"), [url.as_str()]);
    assert_eq!(json_ld_image(&page), serde_json::json!([url]));
    let feed: serde_json::Value = serde_json::from_str(&site.read("public/feed.json")).unwrap();
    assert_eq!(feed["items"][0]["image"], url.as_str());
    // The file itself is published under its own name.
    assert_eq!(
        std::fs::read(site.path("public/photos/crowd#2.png")).unwrap(),
        png(2, 1)
    );
}

#[test]
fn a_plain_space_builds_and_no_output_carries_it_raw() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-crowd.md",
        "---\ntitle: Crowd\nimage:\n  src: photos/crowd scene.png\n  alt: The crowd\n---\nIntro.\n\n![Crowd](<photos/crowd scene.png>)\n",
    )
    .file(
        "content/explainers/kerman.md",
        "---\ntitle: Kerman\nimage:\n  src: /photos/crowd scene.png\n  alt: Kerman\n---\nA city.\n",
    )
    .file(
        "content/events/2024-01-04-later.md",
        "---\ntitle: Later\nexplainers: [kerman]\n---\nLater.\n",
    );
    site.build(&[]);
    let url = format!("{BASE}photos/crowd%20scene.png");
    let page = site.page("/2024/01/03/crowd/");
    assert_eq!(
        page.attrs("img", "src"),
        [
            "/kerman/photos/crowd%20scene.png",
            "/kerman/photos/crowd%20scene.png"
        ]
    );
    assert_eq!(meta(&page, "meta[property='og:image']"), [url.as_str()]);
    assert_eq!(meta(&page, "meta[name='twitter:image']"), [url.as_str()]);
    assert_eq!(json_ld_image(&page), serde_json::json!([url]));

    let explainer = site.page("/explainers/kerman/");
    assert_eq!(
        explainer.attrs("img[alt='Kerman']", "src"),
        ["/kerman/photos/crowd%20scene.png"]
    );
    assert_eq!(
        meta(&explainer, "meta[property='og:image']"),
        [url.as_str()]
    );

    let feed: serde_json::Value = serde_json::from_str(&site.read("public/feed.json")).unwrap();
    let crowd = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["title"] == "Crowd")
        .unwrap();
    assert_eq!(crowd["image"], url.as_str());
    assert!(
        crowd["content_html"].as_str().unwrap().contains(&format!(
            "<img src=\"{url}\" alt=\"Crowd\" width=\"4\" height=\"3\" loading=\"lazy\""
        )),
        "{crowd}"
    );
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains(&format!(
            "&lt;img src=&quot;{url}&quot; alt=&quot;Crowd&quot; width=&quot;4&quot;"
        )),
        "{atom}"
    );
    for file in ["public/feed.json", "public/atom.xml", "public/sitemap.xml"] {
        assert!(!site.read(file).contains("crowd scene"), "{file}");
    }
}

#[test]
fn a_percent_sign_in_a_file_name_is_found_written_plainly_or_encoded() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-full.md",
        "---\ntitle: Full\nimage:\n  src: photos/100%.png\n  alt: Full\n---\nIntro ![plain](photos/100%.png) ![encoded](photos/100%25.png).\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/full/");
    assert_eq!(
        page.attrs("img", "src"),
        [
            "/kerman/photos/100%25.png",
            "/kerman/photos/100%25.png",
            "/kerman/photos/100%25.png"
        ]
    );
}

#[test]
fn a_file_named_with_a_literal_escape_is_found_when_no_decoded_name_is_published() {
    let site = Site::new();
    site.bytes("static/a%20b.png", b"png").file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nIntro ![odd](a%20b.png).\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").attrs("img", "src"),
        ["/a%2520b.png"]
    );
    // With both published, the decoded name wins: the link means what it says.
    site.bytes("static/a b.png", b"png");
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").attrs("img", "src"),
        ["/a%20b.png"]
    );
}

#[test]
fn an_absolute_image_url_keeps_its_spelling_but_not_a_raw_space() {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\n"),
    )
    .file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\nimage:\n  src: https://cdn.example.com/a b.jpg?w=1#top\n  alt: Far\n---\nIntro ![far](<https://cdn.example.com/c d.jpg>) ![kept](https://cdn.example.com/e%20f.jpg).\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(
        page.attrs("img", "src"),
        [
            "https://cdn.example.com/a%20b.jpg?w=1#top",
            "https://cdn.example.com/c%20d.jpg",
            "https://cdn.example.com/e%20f.jpg"
        ]
    );
    assert_eq!(
        meta(&page, "meta[property='og:image']"),
        ["https://cdn.example.com/a%20b.jpg?w=1#top"]
    );
}

#[test]
fn a_missing_encoded_image_is_an_error_with_its_spelling_at_its_line() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nIntro.\n\n![Crowd](photos/crowd%20scen.png)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: image `photos/crowd%20scen.png` not found\n --> content/events/2024-01-03-x.md:6:1\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("broken link"), "{stderr}");
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
}

#[test]
fn an_encoded_name_of_a_hidden_file_says_how_to_publish_it_by_its_real_name() {
    let site = Site::new();
    site.bytes("static/.private/my logo.png", b"png").file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nIntro.\n\n![Logo](.private/my%20logo.png)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: image `.private/my%20logo.png` is not published: hidden files and folders under static/ stay private\n --> content/events/2024-01-03-x.md:6:1\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: to publish it, list it in dateline.toml: publish_hidden = [\".private/my logo.png\"]"
        ),
        "{stderr}"
    );
}

#[test]
fn check_passes_the_same_awkward_names_build_passes() {
    let site = site_with_awkward_names();
    site.file(
        "content/sources/afp.md",
        "---\nname: AFP\n---\nAn agency.\n",
    )
    .file(
        "content/events/2024-01-03-crowd.md",
        "---\ntitle: Crowd\nsources: [afp]\nimage:\n  src: \"photos/crowd#2.png\"\n  alt: x\n---\nIntro.\n\n![Crowd](photos/crowd%20scene.png)\n\n![c](<photos/crowd scene.png>) ![d](photos/100%.png)\n",
    );
    let output = site.run(&["check", "--strict"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_body_image_path_with_a_plain_space_is_written_in_angle_brackets() {
    let site = site_with_awkward_names();
    site.file(
        "content/events/2024-01-03-crowd.md",
        "---\ntitle: Crowd\n---\nIntro.\n\n![Crowd](<photos/crowd scene.png>)\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/crowd/");
    assert_eq!(
        page.attrs(".body img", "src"),
        ["/kerman/photos/crowd%20scene.png"]
    );
}
