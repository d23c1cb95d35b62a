//! What the site publishes for GitHub Pages, feed readers, search engines and link
//! previews: checked with a real XML parser, serde and CSS selectors.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::DateTime;
use serde::Deserialize;

use super::helpers::{Page, Site, snapshot, walk};

const PROJECT: &str = "https://user.github.io/kerman/";

/// The basic site with an image on one event, built for `base_url`.
fn site_at(base_url: &str) -> Site {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Test timeline\"\ndescription = \"Sourced events\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"{base_url}\"\ncname = \"timeline.example.org\"\n"
        ),
    )
    .bytes("static/images/blast.jpg", b"\xff\xd8\xff")
    .file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nupdated: 2024-01-05T09:00\nsources: [reuters]\ntags: [Attacks]\nimage:\n  src: images/blast.jpg\n  alt: Mourners\n---\nA national day of mourning.\n",
    );
    site.build(&[]);
    site
}

fn text(site: &Site, rel: &str) -> String {
    site.read(&format!("public/{rel}"))
}

/// Every output HTML file, as (output path, page).
fn html_pages(site: &Site) -> Vec<(String, Page)> {
    let public = site.path("public");
    walk(&public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let rel = p
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let html = std::fs::read_to_string(&p).unwrap();
            (rel, Page(scraper::Html::parse_document(&html)))
        })
        .collect()
}

/// Whether site path `url` (root-relative, with the base path) is published.
fn published(public: &Path, base_path: &str, url: &str) -> bool {
    let url = url.split(['#', '?']).next().unwrap();
    let Some(rest) = url.strip_prefix(base_path) else {
        return false;
    };
    let rest = percent_decode(rest);
    if rest.is_empty() || rest.ends_with('/') {
        public.join(format!("{rest}index.html")).is_file()
    } else {
        public.join(&rest).is_file() || public.join(&rest).join("index.html").is_file()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len() + 1
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Checks every `href` and `src` of every page: internal links carry the base path
/// and lead to a published file; absolute links to the site itself too.
fn assert_links_resolve(site: &Site, base_url: &str, base_path: &str) {
    let public = site.path("public");
    let mut checked = 0;
    for (rel, page) in html_pages(site) {
        let mut urls = page.attrs("[href]", "href");
        urls.extend(page.attrs("[src]", "src"));
        for url in urls {
            let internal = if let Some(rest) = url.strip_prefix(base_url.trim_end_matches('/')) {
                Some(format!("{}{}", base_path.trim_end_matches('/'), rest))
            } else if url.starts_with('/') && !url.starts_with("//") {
                Some(url.clone())
            } else {
                assert!(
                    url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with('#')
                        || url.starts_with("mailto:"),
                    "{rel}: relative link `{url}` breaks on the 404 page and under other depths"
                );
                None
            };
            if let Some(path) = internal {
                assert!(
                    published(&public, base_path, &path),
                    "{rel}: `{url}` is not published under {base_path}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn every_internal_link_resolves_at_a_sub_path_and_at_the_root() {
    let project = site_at(PROJECT);
    assert_links_resolve(&project, PROJECT, "/kerman/");
    let root = site_at("https://timeline.example.org/");
    assert_links_resolve(&root, "https://timeline.example.org/", "/");
    // --base-url overrides the configuration, as the deploy workflow does.
    project.build(&["--base-url", "https://other.github.io/moved/"]);
    assert_links_resolve(&project, "https://other.github.io/moved/", "/moved/");
}

#[test]
fn github_pages_files_are_written() {
    let site = site_at(PROJECT);
    assert!(site.path("public/.nojekyll").is_file());
    assert_eq!(text(&site, "CNAME"), "timeline.example.org\n");
    // GitHub serves 404.html for a missing path at any depth: every link in it must
    // be root-relative with the base path.
    let page = site.page("/404.html");
    let links = page.attrs("a[href], link[href]", "href");
    assert!(!links.is_empty());
    for link in links {
        assert!(
            link.starts_with("/kerman/") || link.starts_with(PROJECT) || link.starts_with('#'),
            "404.html links to {link}"
        );
    }
}

/// The first child element of `node` named `name` in the Atom namespace.
fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> roxmltree::Node<'a, 'input> {
    node.children()
        .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

fn rfc3339(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("`{text}`: {e}"))
}

#[test]
fn the_atom_feed_is_valid_with_absolute_urls() {
    let site = site_at(PROJECT);
    let xml = text(&site, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(child(feed, "title").text(), Some("Test timeline"));
    assert_eq!(child(feed, "id").text(), Some(PROJECT));
    let links: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "link")))
        .collect();
    let own = links
        .iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(own.attribute("href"), Some(&*format!("{PROJECT}atom.xml")));

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 3);
    let titles: Vec<_> = entries
        .iter()
        .map(|e| child(*e, "title").text().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Day of mourning", "Kerman explosions", "Soleimani killed"],
        "newest first"
    );
    for entry in &entries {
        let id = child(*entry, "id").text().unwrap();
        assert!(id.starts_with(PROJECT), "{id}");
        let link = child(*entry, "link").attribute("href").unwrap();
        assert_eq!(link, id);
        rfc3339(child(*entry, "updated").text().unwrap());
        rfc3339(child(*entry, "published").text().unwrap());
        let content = child(*entry, "content").text().unwrap_or_default();
        assert!(
            !content.contains("href=\"/kerman/"),
            "relative link in {content}"
        );
    }
    // Timestamps come from the content: `updated` of the mourning event.
    assert_eq!(
        child(entries[0], "updated").text(),
        Some("2024-01-05T09:00:00+03:30")
    );
    assert_eq!(
        child(feed, "updated").text(),
        Some("2024-01-05T09:00:00+03:30")
    );
    assert_eq!(
        child(entries[1], "published").text(),
        Some("2024-01-03T14:50:00+03:30")
    );
}

#[derive(Deserialize)]
struct JsonFeed {
    version: String,
    title: String,
    home_page_url: String,
    feed_url: String,
    items: Vec<JsonItem>,
}

#[derive(Deserialize)]
struct JsonItem {
    id: String,
    url: String,
    title: String,
    content_html: String,
    date_published: String,
    date_modified: String,
    image: Option<String>,
    tags: Vec<String>,
}

#[test]
fn the_json_feed_is_valid_with_absolute_urls() {
    let site = site_at(PROJECT);
    let feed: JsonFeed = serde_json::from_str(&text(&site, "feed.json")).expect("JSON Feed");
    assert_eq!(feed.version, "https://jsonfeed.org/version/1.1");
    assert_eq!(feed.title, "Test timeline");
    assert_eq!(feed.home_page_url, PROJECT);
    assert_eq!(feed.feed_url, format!("{PROJECT}feed.json"));
    assert_eq!(feed.items.len(), 3);
    let first = &feed.items[0];
    assert_eq!(first.title, "Day of mourning");
    assert_eq!(first.id, first.url);
    assert_eq!(first.url, format!("{PROJECT}2024/01/04/mourning/"));
    assert_eq!(
        first.image.as_deref(),
        Some(&*format!("{PROJECT}images/blast.jpg"))
    );
    assert_eq!(first.tags, ["Attacks"]);
    assert!(first.content_html.contains("national day of mourning"));
    for item in &feed.items {
        rfc3339(&item.date_published);
        rfc3339(&item.date_modified);
        assert!(item.url.starts_with(PROJECT));
    }
    // Every page head points at both feeds.
    let home = site.page("/");
    assert_eq!(
        home.attrs("link[rel=alternate]", "href"),
        ["/kerman/atom.xml", "/kerman/feed.json"]
    );
}

#[test]
fn the_sitemap_lists_every_page_and_robots_points_to_it() {
    let site = site_at(PROJECT);
    let xml = text(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    let pages: BTreeSet<String> = html_pages(&site)
        .into_iter()
        .filter(|(rel, _)| rel != "404.html")
        .map(|(rel, _)| format!("{PROJECT}{}", rel.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    let mourning = doc
        .descendants()
        .find(|n| n.text() == Some(&*format!("{PROJECT}2024/01/04/mourning/")))
        .unwrap();
    let lastmod = mourning.next_sibling_element().unwrap();
    assert_eq!(lastmod.text(), Some("2024-01-05T09:00:00+03:30"));

    assert_eq!(
        text(&site, "robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {PROJECT}sitemap.xml\n")
    );
}

#[derive(Deserialize)]
struct SearchIndex {
    version: u32,
    sources: std::collections::BTreeMap<String, String>,
    events: Vec<SearchEvent>,
}

#[derive(Deserialize)]
struct SearchEvent {
    id: String,
    url: String,
    title: String,
    date: String,
    date_text: String,
    place: Option<String>,
    summary: String,
    tags: Vec<String>,
    sources: Vec<String>,
}

#[test]
fn the_search_index_has_every_event() {
    let site = site_at(PROJECT);
    let raw = text(&site, "search.json");
    assert!(!raw.contains("\n  "), "search.json is compact");
    let index: SearchIndex = serde_json::from_str(&raw).unwrap();
    assert_eq!(index.version, 1);
    assert_eq!(index.sources["afp"], "Agence France-Presse");
    let ids: Vec<_> = index.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2020-01-03-soleimani-killed",
            "2024-01-03-kerman-explosions",
            "2024-01-04-mourning"
        ]
    );
    let kerman = &index.events[1];
    assert_eq!(kerman.url, "/kerman/2024/01/03/kerman-explosions/");
    assert_eq!(kerman.title, "Kerman explosions");
    assert_eq!(kerman.date, "2024-01-03T14:50+03:30");
    assert!(kerman.date_text.starts_with("3 January 2024, 14:50"));
    assert_eq!(kerman.place.as_deref(), Some("Kerman, Iran"));
    assert_eq!(kerman.summary, "Two blasts near the grave.");
    assert_eq!(kerman.tags, ["Soleimani", "Attacks"]);
    assert_eq!(kerman.sources, ["afp", "reuters"]);
    for event in &index.events {
        assert!(
            published(&site.path("public"), "/kerman/", &event.url),
            "{}",
            event.url
        );
    }
}

#[test]
fn pages_carry_canonical_open_graph_and_json_ld() {
    let site = site_at(PROJECT);
    let page = site.page("/2024/01/04/mourning/");
    let url = format!("{PROJECT}2024/01/04/mourning/");
    assert_eq!(page.attrs("link[rel=canonical]", "href"), [url.as_str()]);
    let meta = |selector: &str| page.attrs(selector, "content");
    assert_eq!(
        meta("meta[name=description]"),
        ["A national day of mourning."]
    );
    assert_eq!(meta("meta[property='og:type']"), ["article"]);
    assert_eq!(meta("meta[property='og:title']"), ["Day of mourning"]);
    assert_eq!(meta("meta[property='og:url']"), [url.as_str()]);
    assert_eq!(meta("meta[property='og:site_name']"), ["Test timeline"]);
    assert_eq!(
        meta("meta[property='og:image']"),
        [format!("{PROJECT}images/blast.jpg")]
    );
    assert_eq!(meta("meta[name='twitter:card']"), ["summary_large_image"]);

    let json = page.texts("script[type='application/ld+json']");
    assert_eq!(json.len(), 1);
    let ld: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Day of mourning");
    assert_eq!(ld["url"], url.as_str());
    assert_eq!(ld["dateModified"], "2024-01-05T09:00:00+03:30");
    assert_eq!(ld["about"]["@type"], "Event");
    assert_eq!(ld["about"]["startDate"], "2024-01-04");
    assert_eq!(ld["citation"][0]["publisher"]["name"], "Reuters");
    assert_eq!(
        ld["image"][0],
        format!("{PROJECT}images/blast.jpg").as_str()
    );

    let kerman = site.page("/2024/01/03/kerman-explosions/");
    let ld: serde_json::Value =
        serde_json::from_str(&kerman.texts("script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(ld["about"]["location"]["name"], "Kerman, Iran");
    let cited: Vec<_> = ld["citation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(cited, ["Agence France-Presse", "Reuters"]);
    assert_eq!(
        kerman.attrs("meta[name='twitter:card']", "content"),
        ["summary"],
        "no image, no large card"
    );
    let home = site.page("/");
    assert_eq!(
        home.attrs("meta[property='og:type']", "content"),
        ["website"]
    );
    assert_eq!(home.count("script[type='application/ld+json']"), 0);
}

#[test]
fn json_ld_carries_spans_coordinates_and_keywords_and_cannot_close_its_script() {
    let site = site_at(PROJECT);
    site.file(
        "content/events/2020/2020-01-04-procession.md",
        "---\ntitle: \"Procession </script><!-- & more\"\nend: 2020-01-07\nplace: Ahvaz, Iran\ncoordinates: [31.32, 48.67]\nsources: [afp]\ntags: [Mourning, Soleimani]\n---\nCrowds follow the coffin.\n",
    );
    site.build(&[]);
    let page = site.page("/2020/01/04/procession/");
    let raw = page.texts("script[type='application/ld+json']");
    assert_eq!(raw.len(), 1);
    assert!(!raw[0].contains('<') && !raw[0].contains('&'), "{}", raw[0]);
    let ld: serde_json::Value = serde_json::from_str(&raw[0]).unwrap();
    assert_eq!(ld["headline"], "Procession </script><!-- & more");
    assert_eq!(ld["about"]["startDate"], "2020-01-04");
    assert_eq!(ld["about"]["endDate"], "2020-01-07");
    assert_eq!(ld["about"]["location"]["name"], "Ahvaz, Iran");
    assert_eq!(ld["about"]["location"]["geo"]["@type"], "GeoCoordinates");
    assert_eq!(ld["about"]["location"]["geo"]["latitude"], 31.32);
    assert_eq!(ld["about"]["location"]["geo"]["longitude"], 48.67);
    assert_eq!(ld["keywords"], serde_json::json!(["Mourning", "Soleimani"]));
    assert_eq!(ld["description"], "Crowds follow the coffin.");
    assert_eq!(
        ld["citation"][0]["publisher"]["url"],
        "https://www.afp.com/"
    );
    assert_eq!(ld["publisher"]["url"], PROJECT);
    assert!(ld.get("image").is_none(), "no image, no `image`");
    // The same keys in the same order in every build: sorted, as they print.
    let keys: Vec<&str> = ld.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
}

#[test]
fn publishing_output_is_byte_identical_across_builds() {
    let site = site_at(PROJECT);
    let first = snapshot(&site.path("public"));
    site.build(&[]);
    let second = snapshot(&site.path("public"));
    for file in [
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "search.json",
        "robots.txt",
    ] {
        assert!(first.contains_key(Path::new(file)), "{file} missing");
    }
    assert_eq!(first, second);
}

/// The built-in base template with its stylesheet link hard-coded from the server
/// root, as themes for other generators often have it.
fn hard_coded_stylesheet(site: &Site) -> usize {
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"))
            .unwrap();
    let line = base
        .lines()
        .position(|l| l.contains("{{ site.base_path }}style.css"))
        .expect("the base template links the stylesheet")
        + 1;
    site.file(
        "templates/base.html",
        &base.replace("{{ site.base_path }}style.css", "/style.css"),
    );
    line
}

#[test]
fn a_template_link_from_the_server_root_fails_at_a_sub_path() {
    let site = site_at(PROJECT);
    let before = snapshot(&site.path("public"));
    let line = hard_coded_stylesheet(&site);
    for command in ["build", "check"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("--> templates/base.html:{line}:")),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("`/style.css`"), "{stderr}");
        assert!(
            stderr.contains("leaves the base path `/kerman/`"),
            "{stderr}"
        );
        assert!(stderr.contains("{{ site.base_path }}style.css"), "{stderr}");
        assert_eq!(
            stderr.matches("/style.css` on").count(),
            1,
            "reported once: {stderr}"
        );
    }
    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "nothing was written"
    );

    // The same template is right for a site at the root of its domain.
    site.file(
        "dateline.toml",
        "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"https://timeline.example.org/\"\n",
    );
    site.build(&[]);
}

#[test]
fn a_broken_link_in_content_names_its_file() {
    let site = site_at(PROJECT);
    site.file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\n---\nSee [the photos](photos/).\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("broken link `photos/`"), "{stderr}");
    assert!(
        stderr.contains("--> content/events/2024/2024-01-04-mourning.md"),
        "{stderr}"
    );
}

#[test]
fn a_raw_html_link_from_the_server_root_gets_a_fix_that_can_be_typed_in_markdown() {
    let site = site_at(PROJECT);
    site.file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\n---\nSee <a href=\"/2024/\">the year</a> and [the month](/2024/01/).\n",
    );
    for command in ["build", "check"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--> content/events/2024/2024-01-04-mourning.md"),
            "{stderr}"
        );
        // Only the raw HTML link: a Markdown link is published under the base path.
        assert_eq!(
            stderr.matches("leaves the base path").count(),
            1,
            "{stderr}"
        );
        assert!(
            stderr.contains(
                "help: in Markdown, write it as a Markdown link, `[…](/2024/)`, which is published under the base path, or write the path with it, `/kerman/2024/`; in a template, write `{{ site.base_path }}2024/`"
            ),
            "{stderr}"
        );
    }
    // Either fix builds.
    site.file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\n---\nSee [the year](/2024/) and <a href=\"/kerman/2024/01/\">the month</a>.\n",
    );
    site.build(&[]);
}
