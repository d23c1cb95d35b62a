//! Annotations in bodies (SPEC §4): citations and claims, explicit links, wikilinks,
//! alias links, inline explainer sections, figures, and their errors.

use crate::helpers::{Site, png};

/// Sources and explainers to annotate against, and no events yet.
fn site() -> Site {
    let site = Site::new();
    site.file("content/sources/afp.md", "---\nname: Agence France-Presse\nshort: AFP\n---\nx\n")
        .file("content/sources/reuters.md", "---\nname: Reuters\n---\nx\n")
        .file("content/sources/irib.md", "---\nname: Islamic Republic of Iran Broadcasting\nshort: State TV\naliases: [Iranian state TV]\n---\nx\n")
        .file("content/explainers/quds-force.md", "---\ntitle: The Quds Force\nsubject: Quds Force\naliases: [Qods Force, نیروی قدس]\n---\nThe foreign arm of the Revolutionary Guards.\n");
    site
}

#[test]
fn resolves_citation_to_source_page_and_records_the_claim() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts were heard near the mosque [@afp].\n\nWaves of crowds block roads, [as per Reuters](source:reuters).\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(page.texts(".body a.cite"), ["AFP"]);
    assert_eq!(page.attrs(".body a.cite", "href"), ["/sources/afp/"]);
    assert_eq!(page.attrs(".body p[id]", "id"), ["claim-1", "claim-2"]);
    assert_eq!(
        page.attrs(".body #claim-2 a", "href"),
        ["/sources/reuters/"]
    );
    assert_eq!(
        page.texts(".sources-cited li a"),
        ["AFP Agence France-Presse", "Reuters"]
    );

    let afp = site.page("/sources/afp/");
    assert_eq!(
        afp.texts(".claim p.excerpt"),
        ["Two blasts were heard near the mosque."]
    );
    assert_eq!(
        afp.attrs(".claim .in-context a", "href"),
        ["/2024/01/03/blasts/#claim-1"]
    );
    let reuters = site.page("/sources/reuters/");
    assert_eq!(
        reuters.texts(".claim p.excerpt"),
        ["Waves of crowds block roads, as per Reuters."]
    );
    assert_eq!(
        site.page("/sources/").texts("tbody td.num"),
        ["1", "0", "1"]
    );
}

#[test]
fn cites_several_sources_at_once_and_counts_each_citation() {
    let site = site();
    site.file(
        "content/events/2024-01-03-toll.md",
        "---\ntitle: Toll\nsources: [irib]\n---\nAt least 20 dead [@irib].\n\nMore than 70 dead [@afp; @irib].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/toll/");
    assert_eq!(page.texts("#claim-2 a.cite"), ["AFP", "State TV"]);
    assert_eq!(page.texts(".sources-cited .count"), ["2 claims"]);
    assert_eq!(site.page("/sources/irib/").count(".claim"), 2);
    // The summary leaves citation markers out.
    assert_eq!(site.page("/").text(".summary"), "At least 20 dead.");
}

#[test]
fn claims_cover_list_items_and_blockquotes() {
    let site = site();
    site.file(
        "content/events/2024-01-03-cause.md",
        "---\ntitle: Cause\n---\nAccounts differ:\n\n- Gas canisters exploded [@reuters].\n- It is not yet clear [@irib].\n\n> A huge explosion was heard [@afp].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/cause/");
    assert_eq!(page.attrs(".body li[id]", "id"), ["claim-1", "claim-2"]);
    assert_eq!(page.attrs(".body blockquote p[id]", "id"), ["claim-3"]);
    assert_eq!(
        site.page("/sources/irib/").texts(".claim p.excerpt"),
        ["It is not yet clear."]
    );
    assert_eq!(site.page("/sources/irib/").count(".claim blockquote"), 0);
    // The editor quoted it: a quotation, not an excerpt in the site's words.
    assert_eq!(
        site.page("/sources/afp/")
            .texts(".claim blockquote.excerpt"),
        ["A huge explosion was heard."]
    );
}

#[test]
fn lists_claims_chronologically_across_events() {
    let site = site();
    site.file(
        "content/events/2024-01-05-later.md",
        "---\ntitle: Later\n---\nLater [@afp].\n",
    )
    .file(
        "content/events/2020-01-03-earlier.md",
        "---\ntitle: Earlier\n---\nEarlier [@afp].\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/sources/afp/").texts(".claim .meta a"),
        ["Earlier", "Later"]
    );
}

#[test]
fn links_events_explainers_and_sources_by_id() {
    let site = site();
    site.file("content/events/2020-01-03-strike.md", "---\ntitle: Strike\n---\nA strike.\n")
        .file(
            "content/events/2024-01-03-blasts.md",
            "---\ntitle: Blasts\n---\nOn the anniversary of [the strike](event:2020-01-03-strike) the [force](explainer:quds-force) mourned.\n",
        );
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.attrs(".body a", "href"),
        ["/2020/01/03/strike/", "/explainers/quds-force/"]
    );
    let strike = site.page("/2020/01/03/strike/");
    assert_eq!(strike.texts(".referenced-by .event-title"), ["Blasts"]);
    assert_eq!(
        site.page("/explainers/quds-force/")
            .texts(".mentioned-in .event-title"),
        ["Blasts"]
    );
}

#[test]
fn resolves_wikilinks_by_id_title_subject_name_short_and_alias() {
    let site = site();
    site.file("content/events/2020-01-03-strike.md", "---\ntitle: US strike kills Soleimani\n---\nA strike.\n")
        .file(
            "content/events/2024-01-03-blasts.md",
            "---\ntitle: Blasts\nautolink: false\n---\n[[US strike kills Soleimani]], [[2020-01-03-strike|the strike]], [[Qods Force]], [[Agence France-Presse]], [[State TV]], [[iranian state tv|state television]].\n",
        );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("unknown field `autolink`"), "{stderr}");
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\n[[US strike kills Soleimani]], [[2020-01-03-strike|the strike]], [[Qods Force]], [[Agence France-Presse]], [[State TV]], [[iranian state tv|state television]].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.attrs(".body a", "href"),
        [
            "/2020/01/03/strike/",
            "/2020/01/03/strike/",
            "/explainers/quds-force/",
            "/sources/afp/",
            "/sources/irib/",
            "/sources/irib/"
        ]
    );
    assert_eq!(
        page.texts(".body a"),
        [
            "US strike kills Soleimani",
            "the strike",
            "Qods Force",
            "Agence France-Presse",
            "State TV",
            "state television"
        ]
    );
}

#[test]
fn errors_on_a_wikilink_that_matches_two_things_listing_both() {
    let site = site();
    site.file(
        "content/explainers/afp-history.md",
        "---\ntitle: AFP history\naliases: [AFP]\n---\nx\n",
    )
    .file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nSee\n[[AFP]].\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("`[[AFP]]` matches 2 things"), "{stderr}");
    assert!(
        stderr.contains("the explainer `afp-history`") && stderr.contains("the source `afp`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/events/2024-01-03-x.md:5:1"),
        "{stderr}"
    );
    assert!(stderr.contains("[AFP](explainer:afp-history)"), "{stderr}");
}

#[test]
fn errors_on_unknown_ids_and_wikilinks_with_positions_and_suggestions() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nFirst line [@afpp].\n\nSecond: [the force](explainer:quds-forse) and [[Quds Forse]].\n\n  See [y](event:nowhere).\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("unknown source `afpp`")
            && stderr.contains("content/events/2024-01-03-x.md:4:13"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `afp`?"), "{stderr}");
    assert!(
        stderr.contains("unknown explainer `quds-forse`") && stderr.contains("2024-01-03-x.md:6:9"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `quds-force`?"), "{stderr}");
    assert!(
        stderr.contains("unknown wikilink `[[Quds Forse]]`")
            && stderr.contains("2024-01-03-x.md:6:47"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown event `nowhere`") && stderr.contains("2024-01-03-x.md:8:7"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 4 errors"), "{stderr}");
}

#[test]
fn autolinks_the_first_whole_word_alias_outside_links_code_and_headings() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\n## The Quds Force today\n\nThe `Quds Force` in code. [Quds Force](https://example.org) in a link.\n\nThe Quds Forces are plural; then the Quds Force acts. Later the Quds Force again.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.texts(".body a.alias"), ["Quds Force"]);
    let paragraph = page.texts(".body p")[1].clone();
    assert!(
        paragraph.starts_with("The Quds Forces are plural; then the Quds Force acts."),
        "{paragraph}"
    );
    assert_eq!(page.count(".body p:nth-of-type(2) a.alias"), 1);
    assert_eq!(page.count(".body h2 a"), 0);
    assert_eq!(page.count(".body code a"), 0);
    assert_eq!(
        site.page("/explainers/quds-force/")
            .texts(".mentioned-in .event-title"),
        ["X"]
    );
}

#[test]
fn autolinks_persian_aliases_on_word_boundaries() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nفرمانده نیروی قدسی نبود. فرمانده نیروی قدس بود.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.texts(".body a.alias"), ["نیروی قدس"]);
    let html = site.read("public/2024/01/03/x/index.html");
    assert!(
        html.contains("نیروی قدسی نبود"),
        "the longer word stays unlinked"
    );
}

#[test]
fn autolinks_an_alias_a_hard_wrapped_file_breaks_over_two_lines() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nThe strike was claimed by no one, and the Quds\nForce said nothing.\n",
    )
    .file(
        "content/events/2024-01-04-y.md",
        "---\ntitle: Y\n---\n- Sources close to the Qods\n  Force spoke.\n",
    )
    .file(
        "content/events/2024-01-05-z.md",
        "---\ntitle: Z\n---\nThe Quds\tForce and the Quds&nbsp;Force; *Quds* Force is styled apart.\n",
    );
    site.build(&[]);
    let x = site.read("public/2024/01/03/x/index.html");
    assert!(
        x.contains("the <a class=\"alias\" href=\"/explainers/quds-force/\">Quds\nForce</a> said"),
        "{x}"
    );
    assert_eq!(
        site.page("/2024/01/04/y/").texts(".body a.alias"),
        ["Qods Force"]
    );
    assert_eq!(
        site.page("/2024/01/05/z/").texts(".body a.alias"),
        ["Quds Force"]
    );
    assert_eq!(
        site.page("/explainers/quds-force/")
            .texts(".mentioned-in .event-title"),
        ["X", "Y", "Z"]
    );
    assert_eq!(
        site.page("/explainers/").texts(".card .meta"),
        ["mentioned in 3 events"]
    );
}

#[test]
fn does_not_autolink_when_turned_off_or_already_linked() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\nThe Quds Force, then [[Quds Force|the force]].\n",
    )
    .file(
        "content/events/2024-01-04-y.md",
        "---\ntitle: Y\n---\nThe Quds Force.\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/2024/01/03/x/").count(".body a.alias"), 0);
    assert_eq!(site.page("/2024/01/04/y/").count(".body a.alias"), 1);
    site.file("dateline.toml", "autolink = false\n");
    site.build(&[]);
    assert_eq!(site.page("/2024/01/04/y/").count(".body a.alias"), 0);
}

#[test]
fn turns_an_inline_section_into_an_explainer_with_a_card() {
    let site = site();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\n---\nTwo blasts near the grave of Qasem Soleimani [@afp].\n\n## Who is Qasem Soleimani {#qasem-soleimani .explainer}\n\nHe commanded the [[Quds Force]].\n\n### Legacy\n\nRevered in Iran.\n\n## Aftermath\n\nMourning follows.\n",
    )
    .file("content/events/2020-01-03-strike.md", "---\ntitle: Strike\n---\nQasem Soleimani is killed.\n");
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.texts(".body .explainer-card .card-title"),
        ["Who is Qasem Soleimani"]
    );
    assert_eq!(
        page.attrs(".body .explainer-card .card-title a", "href"),
        ["/explainers/qasem-soleimani/"]
    );
    assert_eq!(
        page.text(".body .explainer-card p[dir]"),
        "He commanded the Quds Force."
    );
    assert_eq!(
        page.texts(".body > h2"),
        ["Aftermath"],
        "the section is replaced by the card"
    );
    assert!(!page.texts(".body p").iter().any(|t| t.contains("Revered")));
    assert_eq!(
        page.count(".body a.alias"),
        0,
        "the card links the explainer already"
    );

    let explainer = site.page("/explainers/qasem-soleimani/");
    assert_eq!(explainer.text("h1"), "Who is Qasem Soleimani");
    assert_eq!(explainer.texts(".body h3"), ["Legacy"]);
    assert_eq!(
        explainer.attrs(".body a", "href"),
        ["/explainers/quds-force/"]
    );
    assert_eq!(
        explainer.attrs(".defined-in a", "href"),
        ["/2024/01/03/blasts/"]
    );
    // "Who is Qasem Soleimani" is about Qasem Soleimani: other events link the name.
    assert_eq!(
        site.page("/2020/01/03/strike/").texts(".body a.alias"),
        ["Qasem Soleimani"]
    );
    assert_eq!(
        explainer.texts(".mentioned-in .event-title"),
        ["Strike", "Blasts"]
    );
}

#[test]
fn errors_on_an_explainer_defined_twice_naming_both_places() {
    let site = site();
    site.file(
        "content/events/2024-01-03-a.md",
        "---\ntitle: A\n---\nx\n\n## The force {#quds-force .explainer}\n\ny\n",
    )
    .file(
        "content/events/2024-01-04-b.md",
        "---\ntitle: B\n---\n## One {#twice .explainer}\n\nx\n",
    )
    .file(
        "content/events/2024-01-05-c.md",
        "---\ntitle: C\n---\nx\n\n## Two {#twice .explainer}\n\ny\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("the explainer `quds-force` is defined twice"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/events/2024-01-03-a.md:6:1")
            && stderr.contains("content/explainers/quds-force.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the explainer `twice` is defined twice"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/events/2024-01-04-b.md:4:1")
            && stderr.contains("content/events/2024-01-05-c.md:6:1"),
        "{stderr}"
    );
}

#[test]
fn turns_a_lone_image_into_a_figure_with_caption_and_credit() {
    let site = site();
    site.bytes("static/kerman.jpg", &png(1200, 800))
        .file("content/events/2024-01-03-x.md", "---\ntitle: X\n---\n![Mourners in Kerman](kerman.jpg \"ATTA KENARE / AFP\")\n\nText with ![inline](kerman.jpg) image.\n");
    site.build(&["--base-url", "/kerman/"]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(
        page.attrs(".body figure img", "src"),
        ["/kerman/kerman.jpg"]
    );
    assert_eq!(
        page.attrs(".body figure img", "alt"),
        ["Mourners in Kerman"]
    );
    // The caption, then the credit set apart, labelled as newsrooms do.
    assert_eq!(page.text(".body figcaption .caption"), "Mourners in Kerman");
    assert_eq!(
        page.text(".body figcaption .credit"),
        "Photo: ATTA KENARE / AFP"
    );
    // The caption is the alt text: screen readers read it once, from the image.
    assert_eq!(
        page.attrs(".body figcaption .caption", "aria-hidden"),
        ["true"]
    );
    assert_eq!(page.attrs(".body p img", "src"), ["/kerman/kerman.jpg"]);
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\n---\n![Missing](nowhere.jpg)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("image `nowhere.jpg` not found") && stderr.contains("2024-01-03-x.md:4:1"),
        "{stderr}"
    );
}

#[test]
fn related_events_are_listed_by_date_each_saying_what_it_shares() {
    let site = site();
    site.file(
        "content/events/2024-01-01-a.md",
        "---\ntitle: A\ntags: [t]\n---\nThe Quds Force.\n",
    )
    .file(
        "content/events/2024-01-02-b.md",
        "---\ntitle: B\ntags: [t, u]\n---\nSee [D](event:2024-01-03-d).\n",
    )
    .file(
        "content/events/2010-01-01-c.md",
        "---\ntitle: C\n---\nThe Quds Force.\n",
    )
    .file(
        "content/events/2024-01-03-d.md",
        "---\ntitle: D\ntags: [u, t]\n---\nThe Quds Force, after [A](event:2024-01-01-a).\n",
    )
    .file(
        "content/events/e.md",
        "---\ntitle: E\ndate: \"2024\"\ntags: [u]\n---\nSome time in 2024.\n",
    );
    site.build(&[]);
    // D shares the explainer (by alias link) with A and C, the tags with A, B and E,
    // and links with A (D links to it) and B (it links to D): listed by date, not
    // rank, and E, known only to its year, heads 2024.
    let page = site.page("/2024/01/03/d/");
    assert_eq!(page.texts(".related .event-title"), ["C", "E", "A", "B"]);
    assert_eq!(
        page.texts(".related .reasons"),
        [
            "Shared background: The Quds Force",
            "Shared tag: u",
            "Shared background: The Quds Force · Shared tag: t · Linked from this event",
            "Shared tags: u, t · Links to this event",
        ]
    );
    // The site's `order` orders them too, as the home page: 2024 still headed by E.
    site.file("dateline.toml", "order = \"newest-first\"\n");
    site.build(&[]);
    let page = site.page("/2024/01/03/d/");
    assert_eq!(page.texts(".related .event-title"), ["E", "B", "A", "C"]);
    assert_eq!(
        site.page("/").texts(".event-title"),
        ["E", "D", "B", "A", "C"]
    );
    // Other lists of an event page stay as they were.
    assert_eq!(
        site.page("/2024/01/01/a/").texts(".referenced-by .reasons"),
        Vec::<String>::new()
    );
}

#[test]
fn related_entries_give_templates_their_reasons() {
    let site = site();
    site.file(
        "content/events/2024-01-01-a.md",
        "---\ntitle: A\ntags: [Attacks]\nexplainers: [quds-force]\n---\nx\n",
    )
    .file(
        "content/events/2024-01-03-d.md",
        "---\ntitle: D\ntags: [Attacks]\nexplainers: [quds-force]\n---\nAfter [A](event:2024-01-01-a).\n",
    )
    .file(
        "templates/event.html",
        "{% extends \"base.html\" %}{% block content %}<ul class=\"mine\">{% for entry in event.related %}<li>{{ entry.item.title }}:{% for x in entry.reasons.explainers %} explainer={{ x.id }}@{{ x.url }}{% endfor %}{% for tag in entry.reasons.tags %} tag={{ tag.name }}@{{ tag.url }}{% endfor %} {{ entry.reasons.referenced }} {{ entry.reasons.references }}</li>{% endfor %}</ul><ol>{% for entry in event.related %}{{ entry.item.compact_html }}{% endfor %}</ol><ol class=\"why\">{% for entry in event.related %}{{ entry.related_html }}{% endfor %}</ol>{% endblock content %}",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/d/");
    assert_eq!(
        page.texts("ul.mine li"),
        ["A: explainer=quds-force@/explainers/quds-force/ tag=Attacks@/tags/attacks/ true false"]
    );
    // The entry's own HTML has no reasons, which belong to this page; its
    // `related_html` has them inside.
    assert_eq!(page.texts("ol:not(.why) .event-title"), ["A"]);
    assert_eq!(page.count("ol:not(.why) .reasons"), 0);
    assert_eq!(
        page.texts("ol.why li.event-item > .reasons"),
        ["Shared background: The Quds Force · Shared tag: Attacks · Linked from this event"]
    );
}
