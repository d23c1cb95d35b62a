//! What feed readers get of each event: content that stands alone (links absolute
//! to the event's page, no ids repeated from entry to entry, no comments) and the
//! event's image, read with an XML parser, serde and CSS selectors.

use scraper::{Html, Selector};
use serde::Deserialize;

use super::helpers::Site;

const PROJECT: &str = "https://user.github.io/kerman/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const MEDIA: &str = "http://search.yahoo.com/mrss/";

/// Two events whose bodies hold every kind of link and anchor dateline writes,
/// built at `base_url`.
fn site_at(base_url: &str) -> Site {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"{base_url}\"\n"
        ),
    )
    .bytes("static/images/blast.jpg", b"\xff\xd8\xff")
    .bytes("static/images/blast-2x.jpg", b"\xff\xd8\xff")
    .file(
        "content/events/2024/2024-01-03-kerman-explosions.md",
        "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp, reuters]\n---\n\
Two blasts near the grave[^toll] [@afp].\n\n\
See [the 2020 strike](event:2020-01-03-soleimani-killed), [the year](/2024/) and [the claim](#claim-1).\n\n\
![Mourners](images/blast.jpg \"AFP\")\n\n\
<img src=\"/kerman/images/blast.jpg\" srcset=\"../../../../images/blast.jpg 1x, /kerman/images/blast-2x.jpg 2x\" alt=\"\">\n\n\
<!-- Check the toll with the desk before noon. -->\n\n\
[^toll]: At least 84 dead [@reuters].\n",
    )
    .file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\n---\nA day of mourning[^1] <!-- inline note --> is declared [@reuters].\n\n[^1]: Wednesday.\n",
    );
    site.build(&[]);
    site
}

/// Each Atom entry's title and content, in feed order.
fn atom_contents(site: &Site) -> Vec<(String, String)> {
    let xml = site.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let text = |name: &str| {
                entry
                    .children()
                    .find(|n| n.has_tag_name((ATOM, name)))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            (text("title"), text("content"))
        })
        .collect()
}

#[derive(Deserialize)]
struct JsonFeed {
    #[serde(default)]
    authors: Vec<JsonAuthor>,
    items: Vec<JsonItem>,
}

#[derive(Deserialize)]
struct JsonAuthor {
    name: String,
    url: Option<String>,
}

#[derive(Deserialize)]
struct JsonItem {
    title: String,
    content_html: String,
    image: Option<String>,
}

fn json_feed(site: &Site) -> JsonFeed {
    serde_json::from_str(&site.read("public/feed.json")).expect("feed.json is a JSON Feed")
}

/// Every URL in `html`: `href`, `src` and each URL of a `srcset`, in order.
fn urls(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    let selector = Selector::parse("[href], [src], [srcset]").unwrap();
    let mut found = Vec::new();
    for element in fragment.select(&selector) {
        let element = element.value();
        for attribute in ["href", "src"] {
            found.extend(element.attr(attribute).map(str::to_owned));
        }
        if let Some(srcset) = element.attr("srcset") {
            found.extend(
                srcset
                    .split(',')
                    .filter_map(|candidate| candidate.split_whitespace().next())
                    .map(str::to_owned),
            );
        }
    }
    found
}

/// The `id`s and anchor `name`s in `html`.
fn anchors(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    let selector = Selector::parse("[id], a[name]").unwrap();
    fragment
        .select(&selector)
        .flat_map(|e| [e.value().attr("id"), e.value().attr("name")])
        .flatten()
        .map(str::to_owned)
        .collect()
}

#[test]
fn feed_content_links_are_absolute_to_the_event_page() {
    let site = site_at(PROJECT);
    let kerman = format!("{PROJECT}2024/01/03/kerman-explosions/");
    let expected = [
        format!("{kerman}#fn-1"),
        format!("{PROJECT}sources/afp/"),
        format!("{PROJECT}2020/01/03/soleimani-killed/"),
        format!("{PROJECT}2024/"),
        format!("{kerman}#claim-1"),
        format!("{PROJECT}images/blast.jpg"),
        format!("{PROJECT}images/blast.jpg"),
        format!("{PROJECT}images/blast.jpg"),
        format!("{PROJECT}images/blast-2x.jpg"),
        format!("{PROJECT}sources/reuters/"),
    ];
    let atom = atom_contents(&site);
    assert_eq!(atom[1].0, "Kerman explosions");
    assert_eq!(urls(&atom[1].1), expected);
    let json = json_feed(&site);
    assert_eq!(json.items[1].title, "Kerman explosions");
    assert_eq!(urls(&json.items[1].content_html), expected);

    let mourning = format!("{PROJECT}2024/01/04/mourning/");
    let expected = [
        format!("{mourning}#fn-1"),
        format!("{PROJECT}sources/reuters/"),
    ];
    assert_eq!(atom[0].0, "Day of mourning");
    assert_eq!(urls(&atom[0].1), expected);
    assert_eq!(urls(&json.items[0].content_html), expected);

    // The page itself keeps its links root-relative and its anchors.
    let page = site.page("/2024/01/03/kerman-explosions/");
    assert_eq!(
        page.attrs("sup.footnote-reference a", "href"),
        ["#fn-1"],
        "the page's own footnote link"
    );
    assert_eq!(page.attrs("p[id^='claim-']", "id"), ["claim-1", "claim-2"]);
}

#[test]
fn feed_content_links_stay_root_relative_when_the_base_url_is_a_path() {
    let site = site_at("/kerman/");
    let atom = atom_contents(&site);
    assert_eq!(
        urls(&atom[0].1),
        [
            "/kerman/2024/01/04/mourning/#fn-1",
            "/kerman/sources/reuters/"
        ]
    );
    assert_eq!(
        urls(&json_feed(&site).items[1].content_html)[..4],
        [
            "/kerman/2024/01/03/kerman-explosions/#fn-1",
            "/kerman/sources/afp/",
            "/kerman/2020/01/03/soleimani-killed/",
            "/kerman/2024/",
        ]
    );
}

#[test]
fn feed_entries_repeat_no_ids() {
    let site = site_at(PROJECT);
    // On the pages, each event has its claim and footnote anchors.
    assert_eq!(
        site.page("/2024/01/04/mourning/")
            .attrs("[id='fn-1']", "id"),
        ["fn-1"]
    );
    for (title, content) in atom_contents(&site) {
        assert_eq!(anchors(&content), Vec::<String>::new(), "{title}");
    }
    for item in json_feed(&site).items {
        assert_eq!(
            anchors(&item.content_html),
            Vec::<String>::new(),
            "{}",
            item.title
        );
    }
}

#[test]
fn feeds_carry_no_html_comments() {
    let site = site_at(PROJECT);
    for feed in ["atom.xml", "feed.json", "search.json"] {
        let text = site.read(&format!("public/{feed}"));
        for comment in ["<!--", "&lt;!--", "Check the toll", "inline note"] {
            assert!(!text.contains(comment), "{comment} in {feed}:\n{text}");
        }
    }
    let (_, content) = &atom_contents(&site)[0];
    assert!(
        content.starts_with("<p dir=\"auto\">A day of mourning<sup class=\"footnote-reference\">"),
        "{content}"
    );
    assert!(content.contains("</sup>  is declared"), "{content}");
    // Pages keep comments as CommonMark passes them through: invisible there.
    let html = site.read("public/2024/01/03/kerman-explosions/index.html");
    assert!(
        html.contains("<!-- Check the toll with the desk before noon. -->"),
        "{html}"
    );
}

/// What an Atom entry says of its image: the enclosure link, and Media RSS.
#[derive(Debug, Default, PartialEq)]
struct EntryImage<'a> {
    enclosure: Option<&'a str>,
    enclosure_type: Option<&'a str>,
    media: Option<&'a str>,
    media_type: Option<&'a str>,
    medium: Option<&'a str>,
    alt: Option<&'a str>,
}

impl<'a> EntryImage<'a> {
    fn of(entry: roxmltree::Node<'a, 'a>) -> EntryImage<'a> {
        let enclosure = entry
            .children()
            .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("enclosure"));
        let media = entry
            .children()
            .find(|n| n.has_tag_name((MEDIA, "content")));
        EntryImage {
            enclosure: enclosure.and_then(|l| l.attribute("href")),
            enclosure_type: enclosure.and_then(|l| l.attribute("type")),
            media: media.and_then(|m| m.attribute("url")),
            media_type: media.and_then(|m| m.attribute("type")),
            medium: media.and_then(|m| m.attribute("medium")),
            alt: media
                .and_then(|m| {
                    m.children()
                        .find(|n| n.has_tag_name((MEDIA, "description")))
                })
                .and_then(|d| d.text()),
        }
    }
}

#[test]
fn atom_entries_carry_the_event_image_as_an_enclosure() {
    let site = Site::basic();
    site.file(
        "dateline.toml",
        &format!("title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"{PROJECT}\"\n"),
    )
    .bytes("static/images/Blast.PNG", b"\x89PNG")
    .file(
        "content/events/2024/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\nsources: [reuters]\nimage:\n  src: images/Blast.PNG\n  alt: Mourners in \"Kerman\" & beyond\n---\nA national day of mourning.\n",
    )
    .file(
        "content/events/2020-01-03-soleimani-killed.md",
        "---\ntitle: Soleimani killed\nsources: [afp]\nimage: { src: \"https://cdn.example.org/photo?id=3\", alt: \"\" }\n---\nA US drone strike kills him.\n",
    );
    site.build(&[]);
    let xml = site.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
    let entries: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let images: Vec<EntryImage> = entries.iter().map(|e| EntryImage::of(*e)).collect();
    let png = format!("{PROJECT}images/Blast.PNG");
    let cdn = "https://cdn.example.org/photo?id=3";
    assert_eq!(
        images,
        [
            EntryImage {
                enclosure: Some(&png),
                enclosure_type: Some("image/png"),
                media: Some(&png),
                media_type: Some("image/png"),
                medium: Some("image"),
                alt: Some("Mourners in \"Kerman\" & beyond"),
            },
            EntryImage::default(),
            EntryImage {
                enclosure: Some(cdn),
                media: Some(cdn),
                medium: Some("image"),
                ..EntryImage::default()
            },
        ],
        "newest first: mourning, Kerman (no image), Soleimani (type unknown)"
    );

    // JSON Feed has the same image, absolute.
    let images: Vec<Option<String>> = json_feed(&site)
        .items
        .into_iter()
        .map(|i| i.image)
        .collect();
    assert_eq!(
        images,
        [
            Some(png.clone()),
            None,
            Some("https://cdn.example.org/photo?id=3".to_owned())
        ]
    );
}

#[test]
fn feeds_name_the_author_else_the_publisher() {
    let site = site_at(PROJECT);
    let author = |site: &Site| {
        let xml = site.read("public/atom.xml");
        let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
        let authors: Vec<(String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ATOM, "author")))
            .map(|a| {
                let text = |name: &str| {
                    a.children()
                        .find(|n| n.has_tag_name((ATOM, name)))
                        .and_then(|n| n.text())
                        .unwrap_or_default()
                        .to_owned()
                };
                (text("name"), text("uri"))
            })
            .collect();
        let json: Vec<(String, Option<String>)> = json_feed(site)
            .authors
            .into_iter()
            .map(|a| (a.name, a.url))
            .collect();
        (authors, json)
    };
    let (atom, json) = author(&site);
    let site_itself = ("Test timeline".to_owned(), PROJECT.to_owned());
    assert_eq!(atom, vec![site_itself.clone(); 3]);
    assert_eq!(json, [(site_itself.0, Some(site_itself.1))]);

    site.file(
        "dateline.toml",
        &format!(
            "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\nbase_url = \"{PROJECT}\"\n\n[author]\nname = \"Kerman desk\"\nurl = \"https://news.example.org/desk/\"\n\n[publisher]\nname = \"Example News\"\n"
        ),
    );
    site.build(&[]);
    let (atom, json) = author(&site);
    let desk = (
        "Kerman desk".to_owned(),
        "https://news.example.org/desk/".to_owned(),
    );
    assert_eq!(atom, vec![desk.clone(); 3]);
    assert_eq!(json, [(desk.0, Some(desk.1))]);
}
