//! What a reader sees where they look for it: citations that look like citations,
//! when a page was updated, drafts labelled, kinds by name, places on a map, counts
//! that agree from page to page.

use crate::helpers::Site;

/// Sources of each kind, an explainer of a kind with tags, and an event that cites in
/// every way, with coordinates and an update.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Kerman\"\ndescription = \"A sourced timeline.\"\ntimezone = \"Asia/Tehran\"\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\nshort: AFP\nkind: news-agency\n---\nAn agency.\n",
    )
    .file(
        "content/sources/red-crescent.md",
        "---\nname: Kerman Red Crescent\nkind: ngo\n---\nRelief.\n",
    )
    .file(
        "content/sources/sahel.md",
        "---\nname: Sahel TV\nkind: social-media\n---\nA channel. [As it said](source:afp) nothing.\n",
    )
    .file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\nkind: organization\ntags: [Iran, Army]\nupdated: 2024-01-04\n---\nA force.\n",
    )
    .file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\nplace: Kerman, Iran\ncoordinates: [30.28, -57.08]\nupdated: 2024-01-05\ntags: [Iran]\nexplainers: [quds-force]\n---\nTwo blasts [@afp], [as reported by Sahel TV](source:sahel). The [[Kerman Red Crescent]] sent teams.\n",
    )
    .file(
        "content/events/2024-01-04-mourning.md",
        "---\ntitle: Mourning\ntags: [Iran]\nsources: [red-crescent]\n---\nA day of mourning.\n",
    );
    site
}

#[test]
fn a_citation_in_the_editors_words_looks_like_one_and_a_wikilink_does_not() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(page.texts(".body a.cite"), ["AFP"]);
    assert_eq!(page.texts(".body a.cite-link"), ["as reported by Sahel TV"]);
    assert_eq!(page.attrs(".body a.cite-link", "href"), ["/sources/sahel/"]);
    assert_eq!(page.attrs(".body a.cite-link", "title"), ["Sahel TV"]);
    // It is a claim like a marker is.
    assert_eq!(
        site.page("/sources/sahel/").text(".claim .excerpt"),
        "Two blasts, as reported by Sahel TV."
    );
    // A wikilink names a source without citing it: a link like any other.
    assert_eq!(
        page.attrs(".body a[href='/sources/red-crescent/']", "class"),
        Vec::<String>::new()
    );
    // In a source's description too, which records no claims.
    let sahel = site.page("/sources/sahel/");
    assert_eq!(sahel.texts(".body a.cite-link"), ["As it said"]);
    // "Sources cited": the chip, then the name, each in its own element.
    assert_eq!(page.texts(".sources-cited li > a .marker"), ["AFP"]);
    assert_eq!(
        page.texts(".sources-cited li > a .name"),
        ["Agence France-Presse", "Sahel TV"]
    );
}

#[test]
fn updated_stands_by_the_date_and_the_timeline_says_when_it_last_changed() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.text(".event-header .meta"),
        "3 January 2024 · Kerman, Iran · Updated 5 January 2024"
    );
    assert_eq!(
        page.attrs(".event-header .updated time", "datetime"),
        ["2024-01-05"]
    );
    let explainer = site.page("/explainers/quds-force/");
    assert_eq!(
        explainer.text(".explainer header .meta"),
        "Explainers · Organisation · Updated 4 January 2024"
    );
    let home = site.page("/");
    assert_eq!(home.text("p.updated"), "Last updated 5 January 2024");
    assert_eq!(home.attrs("p.updated time", "datetime"), ["2024-01-05"]);
}

#[test]
fn the_site_description_is_said_once_a_page() {
    let site = site();
    site.build(&[]);
    let home = site.page("/");
    assert_eq!(home.texts("main .lede"), ["A sourced timeline."]);
    assert!(
        !home
            .texts(".site-footer p")
            .contains(&"A sourced timeline.".to_owned()),
        "{:?}",
        home.texts(".site-footer p")
    );
    // Elsewhere, with no lede saying it, the footer does.
    assert_eq!(
        site.page("/tags/").texts(".site-footer p")[0],
        "A sourced timeline."
    );
}

#[test]
fn kinds_read_as_words_and_coordinates_lead_to_a_map() {
    let site = site();
    site.build(&[]);
    let sources = site.page("/sources/");
    assert_eq!(
        sources.texts(".sources-table tbody td:nth-child(2)"),
        ["News agency", "NGO", "Social media"]
    );
    assert_eq!(
        site.page("/sources/red-crescent/")
            .text(".source header .meta"),
        "Sources · NGO"
    );
    assert_eq!(
        site.page("/explainers/").text(".card .meta"),
        "Organisation · mentioned in 1 event"
    );
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.text(".facts a.coordinates"),
        "30.28° N, 57.08° W, on OpenStreetMap"
    );
    assert_eq!(
        page.attrs(".facts a.coordinates", "href"),
        ["https://www.openstreetmap.org/?mlat=30.28&mlon=-57.08#map=14/30.28/-57.08"]
    );
}

#[test]
fn explainer_tags_are_labelled_and_the_tags_index_counts_as_tag_pages_do() {
    let site = site();
    site.build(&[]);
    let explainer = site.page("/explainers/quds-force/");
    assert_eq!(explainer.texts(".explainer .facts dt"), ["Tags"]);
    assert_eq!(
        explainer.texts(".explainer .facts .tag-list a"),
        ["Iran", "Army"]
    );
    let tags = site.page("/tags/");
    assert_eq!(
        tags.texts(".tag-cloud li"),
        ["Army 0 events, 1 explainer", "Iran 2 events, 1 explainer"]
    );
    assert_eq!(
        site.page("/tags/iran/").text("p.lede"),
        "2 events, 1 explainer"
    );
}

#[test]
fn drafts_carry_a_draft_label_in_a_drafts_preview() {
    let site = site();
    site.file(
        "content/events/2024-01-06-draft.md",
        "---\ntitle: Still being written\ndraft: true\nexplainers: [draft]\n---\nNot yet.\n",
    )
    .file(
        "content/explainers/draft.md",
        "---\ntitle: A draft explainer\ndraft: true\ntags: [Iran]\n---\nNot yet.\n",
    );
    site.build(&["--drafts"]);
    let page = site.page("/2024/01/06/draft/");
    assert_eq!(page.texts(".event-header .draft-label"), ["Draft"]);
    let home = site.page("/");
    assert_eq!(
        home.texts(".event-item.draft .event-title"),
        ["Still being written"]
    );
    assert_eq!(home.texts(".event-item .draft-label"), ["Draft"]);
    assert_eq!(
        site.page("/explainers/draft/").texts("header .draft-label"),
        ["Draft"]
    );
    assert_eq!(
        site.page("/explainers/").texts(".card.draft h2"),
        ["A draft explainer"]
    );
    // Its cards on an event's Background and on a tag page say so too.
    assert_eq!(
        page.texts(".background .card.draft .draft-label"),
        ["Draft"]
    );
    assert_eq!(
        site.page("/tags/iran/")
            .texts(".tag-explainers .card.draft .draft-label"),
        ["Draft"]
    );
    // Published, nothing is labelled.
    site.build(&[]);
    assert_eq!(site.page("/").count(".draft-label"), 0);
    assert_eq!(site.page("/2024/01/03/blasts/").count(".draft-label"), 0);
}
