//! What link previews, search engines and readers are told about each page: a
//! description on every page kind, an image with its text alternative, who wrote
//! and published the site, and counts in the right number.

use super::helpers::{Page, Site};

const PROJECT: &str = "https://user.github.io/kerman/";

/// The basic site at the project address, with `extra` added to `dateline.toml`.
fn site_with(extra: &str) -> Site {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"{PROJECT}\"\n{extra}"
        ),
    )
    .bytes("static/images/card.png", b"\x89PNG")
    .bytes("static/images/logo.png", b"\x89PNG")
    .bytes("static/images/blast.jpg", b"\xff\xd8\xff");
    site
}

fn meta(page: &Page, selector: &str) -> Vec<String> {
    page.attrs(selector, "content")
}

fn json_ld(page: &Page) -> serde_json::Value {
    let raw = page.texts("script[type='application/ld+json']");
    assert_eq!(raw.len(), 1);
    serde_json::from_str(&raw[0]).unwrap()
}

#[test]
fn pages_without_an_image_show_the_site_image_with_its_alt() {
    let site = site_with("image = { src = \"images/card.png\", alt = \"The Kerman timeline\" }\n");
    site.file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\nimage: { src: images/blast.jpg, alt: Mourners in Kerman }\n---\nA national day of mourning.\n",
    );
    site.build(&[]);
    let card = format!("{PROJECT}images/card.png");
    for url in [
        "/",
        "/2024/01/03/kerman-explosions/",
        "/sources/afp/",
        "/tags/",
        "/2024/",
    ] {
        let page = site.page(url);
        assert_eq!(
            meta(&page, "meta[property='og:image']"),
            [card.as_str()],
            "{url}"
        );
        assert_eq!(
            meta(&page, "meta[property='og:image:alt']"),
            ["The Kerman timeline"],
            "{url}"
        );
        assert_eq!(
            meta(&page, "meta[name='twitter:image']"),
            [card.as_str()],
            "{url}"
        );
        assert_eq!(
            meta(&page, "meta[name='twitter:image:alt']"),
            ["The Kerman timeline"],
            "{url}"
        );
        // The site's image is a picture of the site, not of the page: a small card.
        assert_eq!(
            meta(&page, "meta[name='twitter:card']"),
            ["summary"],
            "{url}"
        );
    }
    let kerman = json_ld(&site.page("/2024/01/03/kerman-explosions/"));
    assert_eq!(kerman["image"], serde_json::json!([card]));

    let mourning = site.page("/2024/01/04/mourning/");
    let blast = format!("{PROJECT}images/blast.jpg");
    assert_eq!(
        meta(&mourning, "meta[property='og:image']"),
        [blast.as_str()]
    );
    assert_eq!(
        meta(&mourning, "meta[property='og:image:alt']"),
        ["Mourners in Kerman"]
    );
    assert_eq!(
        meta(&mourning, "meta[name='twitter:card']"),
        ["summary_large_image"]
    );
    assert_eq!(json_ld(&mourning)["image"], serde_json::json!([blast]));
}

#[test]
fn an_image_without_alt_text_has_no_alt_tag() {
    let site = site_with("");
    site.file(
        "content/explainers/qasem-soleimani.md",
        "---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\naliases: [Soleimani]\nimage: { src: images/blast.jpg, alt: \" \" }\n---\nHe led the Quds Force.\n",
    );
    site.build(&[]);
    let page = site.page("/explainers/qasem-soleimani/");
    assert_eq!(
        meta(&page, "meta[property='og:image']"),
        [format!("{PROJECT}images/blast.jpg")]
    );
    assert_eq!(page.count("meta[property='og:image:alt']"), 0);
    assert_eq!(page.count("meta[name='twitter:image:alt']"), 0);
    // Without a site image, a page without its own has none.
    let home = site.page("/");
    assert_eq!(home.count("meta[property='og:image']"), 0);
    assert_eq!(meta(&home, "meta[name='twitter:card']"), ["summary"]);
}

#[test]
fn json_ld_names_the_author_and_the_publisher_with_its_logo() {
    let site = site_with("");
    site.build(&[]);
    let ld = json_ld(&site.page("/2024/01/03/kerman-explosions/"));
    let site_itself = serde_json::json!({
        "@type": "Organization",
        "name": "Test timeline",
        "url": PROJECT,
    });
    assert_eq!(ld["publisher"], site_itself);
    assert_eq!(ld["author"], site_itself, "no author: the publisher");
    assert_eq!(site.page("/").count("meta[name=author]"), 0);

    let site = site_with(
        "\n[author]\nname = \"Kerman desk\"\nurl = \"https://news.example.org/desk/\"\n\n[publisher]\nname = \"Example News\"\nurl = \"https://news.example.org/\"\nlogo = \"images/logo.png\"\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    let ld = json_ld(&page);
    assert_eq!(
        ld["author"],
        serde_json::json!({
            "@type": "Person",
            "name": "Kerman desk",
            "url": "https://news.example.org/desk/",
        })
    );
    assert_eq!(
        ld["publisher"],
        serde_json::json!({
            "@type": "Organization",
            "logo": { "@type": "ImageObject", "url": format!("{PROJECT}images/logo.png") },
            "name": "Example News",
            "url": "https://news.example.org/",
        })
    );
    assert_eq!(meta(&page, "meta[name=author]"), ["Kerman desk"]);
    // Sorted keys, as before.
    let keys: Vec<&str> = ld.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
}

#[test]
fn every_page_kind_has_a_description() {
    let site = site_with("");
    let lede = "Two explosions go off in quick succession near the grave of Qasem Soleimani in Kerman, killing at least 84 people and wounding hundreds more who had gathered for the anniversary of his death.";
    let summary = "Twin explosions kill at least 84 people near the grave of Qasem Soleimani in Kerman, on the fourth anniversary of his killing by a US drone strike in Baghdad, the deadliest attack in Iran since 1979.";
    site.file(
        "content/events/2024/2024-01-03-kerman-explosions.md",
        &format!("---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp]\ntags: [Attacks]\n---\n{lede}\n\nMore.\n"),
    )
    .file(
        "content/events/2024/2024-01-04-mourning.md",
        &format!("---\ntitle: Day of mourning\nsummary: {summary}\nsources: [reuters]\n---\nA national day of mourning.\n"),
    )
    .file(
        "content/events/2024/2024-01-05-list.md",
        "---\ntitle: Statements\nplace: Tehran\nsources: [reuters]\n---\n- One.\n- Two.\n",
    )
    .file(
        "content/explainers/quds-force.md",
        "---\ntitle: What is the Quds Force\nsubject: Quds Force\n---\n## Origins\n\n- 1988\n",
    );
    site.build(&[]);
    let description = |url: &str| {
        let page = site.page(url);
        let found = meta(&page, "meta[name=description]");
        assert_eq!(
            meta(&page, "meta[property='og:description']"),
            found,
            "{url}"
        );
        assert_eq!(found.len(), 1, "{url}: {found:?}");
        found[0].clone()
    };
    let cases = [
        ("/", "A timeline of 4 events, citing 2 sources"),
        // The first paragraph, cut at a word to 160 characters.
        (
            "/2024/01/03/kerman-explosions/",
            "Two explosions go off in quick succession near the grave of Qasem Soleimani in Kerman, killing at least 84 people and wounding hundreds more who had gathered…",
        ),
        // A summary the editor wrote, in full.
        ("/2024/01/04/mourning/", summary),
        // No paragraph at all: what the page is.
        ("/2024/01/05/list/", "Statements: 5 January 2024, Tehran"),
        ("/explainers/qasem-soleimani/", "He led the Quds Force."),
        ("/explainers/quds-force/", "Background on Quds Force"),
        (
            "/explainers/",
            "Background on the people, places and organisations in the timeline",
        ),
        ("/sources/afp/", "What Agence France-Presse reported"),
        (
            "/sources/",
            "Every news source cited, with what it reported",
        ),
        ("/tags/", "Every tag in the timeline, with its events"),
        ("/tags/attacks/", "Events tagged Attacks"),
        ("/2024/", "Events of 2024"),
        ("/2024/01/", "Events of January 2024"),
        (
            "/on-this-day/01-03/",
            "What happened on 3 January across the years",
        ),
    ];
    for (url, expected) in cases {
        assert_eq!(description(url), expected, "{url}");
    }
    assert!(cases[1].1.chars().count() <= 160);
    let not_found = Page(scraper::Html::parse_document(&site.read("public/404.html")));
    assert_eq!(
        meta(&not_found, "meta[name=description]"),
        ["There is no page at this address"]
    );

    // The site's description, when it has one, describes the home page.
    let site = site_with("description = \"Sourced events\"\n");
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(meta(&home, "meta[name=description]"), ["Sourced events"]);
}

#[test]
fn counts_take_the_singular_for_one() {
    let site = Site::new();
    site.file("dateline.toml", "title = \"One of each\"\n")
        .file("content/sources/afp.md", "---\nname: AFP\n---\nAn agency.\n")
        .file(
            "content/explainers/kerman.md",
            "---\ntitle: Kerman\ntags: [Iran]\n---\nA city.\n",
        )
        .file(
            "content/events/2024-01-03-blasts.md",
            "---\ntitle: Blasts\ntags: [Iran]\nexplainers: [kerman]\n---\nTwo blasts [@afp] and more [@afp].\n\nA third [@afp].\n",
        );
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(
        home.text("footer.site-footer p"),
        "1 event · 1 source · 1 explainer"
    );
    assert_eq!(site.page("/2024/").text("p.lede"), "1 event");
    assert_eq!(site.page("/2024/01/").text("p.lede"), "1 event");
    assert_eq!(
        site.page("/tags/iran/").text("p.lede"),
        "1 event, 1 explainer"
    );
    assert_eq!(
        site.page("/explainers/").text("main .meta"),
        "mentioned in 1 event"
    );
    assert_eq!(
        site.page("/2024/01/03/blasts/")
            .text(".sources-cited .count"),
        "2 claims"
    );

    site.file(
        "content/events/2024-01-04-mourning.md",
        "---\ntitle: Mourning\ntags: [Iran]\nexplainers: [kerman]\nsources: [afp]\n---\nMourning.\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/").text("footer.site-footer p"),
        "2 events · 1 source · 1 explainer"
    );
    assert_eq!(site.page("/2024/01/").text("p.lede"), "2 events");
    assert_eq!(
        site.page("/tags/iran/").text("p.lede"),
        "2 events, 1 explainer"
    );
    assert_eq!(
        site.page("/explainers/").text("main .meta"),
        "mentioned in 2 events"
    );
}

#[test]
fn templates_count_with_the_plural_filter() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"n\">{{ tags | length | plural(one=\"tag\", other=\"tags\") }}, {{ 1 | plural(one=\"entry\", other=\"entries\") }}, {{ 0 | plural(one=\"entry\", other=\"entries\") }}</p>{% endblock content %}",
    );
    site.build(&[]);
    assert_eq!(site.page("/tags/").text("#n"), "2 tags, 1 entry, 0 entries");

    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{% set n = 0 - 1 %}{{ n | plural(one=\"tag\", other=\"tags\") }}{% endblock content %}",
    );
    let err = site.build_fails(&[]);
    assert!(
        err.contains("the `plural` filter counts whole numbers from 0, not `-1`"),
        "{err}"
    );
}

#[test]
fn errors_on_site_images_that_are_not_published_and_on_bad_addresses() {
    let site = site_with(
        "image = { src = \"images/missing.png\", alt = \"x\" }\n\n[publisher]\nlogo = \"images/nope.svg\"\n",
    );
    let err = site.build_fails(&[]);
    assert!(
        err.contains("error: `image` in dateline.toml: image `images/missing.png` not found\n --> dateline.toml"),
        "{err}"
    );
    assert!(
        err.contains("error: `publisher` in dateline.toml: image `images/nope.svg` not found"),
        "{err}"
    );

    let site = site_with("\n[author]\nname = \"Desk\"\nurl = \"news.example.org\"\n");
    let err = site.build_fails(&[]);
    assert!(
        err.contains("error: the `url` of `author` is not a web address: `news.example.org`\n --> dateline.toml:7:1"),
        "{err}"
    );

    let site = site_with("\n[author]\nnmae = \"Desk\"\n");
    let err = site.build_fails(&[]);
    assert!(err.contains("unknown field `nmae`"), "{err}");
    assert!(err.contains("help: did you mean `name`?"), "{err}");
}

#[test]
fn the_site_image_and_logo_are_found_and_printed_like_event_images() {
    // A space and a `#` in the file names, the logo written as GitHub writes it.
    let site = site_with(
        "image = { src = \"images/site card#2.png\", alt = \"Card\" }\n\n[publisher]\nlogo = \"images/our%20logo.png\"\n",
    );
    site.bytes("static/images/site card#2.png", b"\x89PNG")
        .bytes("static/images/our logo.png", b"\x89PNG");
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    assert_eq!(
        meta(&page, "meta[property='og:image']"),
        [format!("{PROJECT}images/site%20card%232.png")]
    );
    assert_eq!(
        json_ld(&page)["publisher"]["logo"]["url"],
        serde_json::json!(format!("{PROJECT}images/our%20logo.png"))
    );
}
