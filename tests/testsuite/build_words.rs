//! The words dateline's own code writes into pages (SPEC §11) — page titles, the
//! site menu, the overview, figure values — come from the site language's
//! translation table, numbers in its digits.

use crate::helpers::Site;

/// The figures fixture in language `tag`.
fn site_in(tag: &str) -> Site {
    let site = crate::figures::site();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Figures\"\ntimezone = \"Asia/Tehran\"\nlanguage = \"{tag}\"\n\n[figures.killed]\nlabel = \"Killed\"\n\n[figures.injured]\nlabel = \"Injured\"\nunit = \"people\"\n"
        ),
    );
    site.build(&[]);
    site
}

#[test]
fn a_french_site_reads_the_build_words_in_french() {
    let site = site_in("fr");
    assert_eq!(site.page("/figures/").text("title"), "Chiffres · Figures");
    assert_eq!(site.page("/tags/").text("title"), "Étiquettes · Figures");
    let nav = site.page("/").texts(".site-nav a");
    assert_eq!(nav.first().map(String::as_str), Some("Chronologie"));
    assert!(nav.contains(&"Repères".to_owned()), "{nav:?}");
    assert!(nav.contains(&"Chiffres".to_owned()), "{nav:?}");
    assert_eq!(nav.last().map(String::as_str), Some("Recherche"));
    assert_eq!(
        site.page("/").text("#overview-title"),
        "Vue d’ensemble de la chronologie"
    );
    assert_eq!(
        site.page("/figures/killed/")
            .text(".current-figure strong.value"),
        "plus de 70"
    );
}

#[test]
fn a_persian_site_reads_the_build_words_in_persian_with_its_digits() {
    let site = site_in("fa");
    assert_eq!(site.page("/tags/").text("title"), "برچسب‌ها · Figures");
    let nav = site.page("/").texts(".site-nav a");
    assert_eq!(nav.first().map(String::as_str), Some("گاه‌شمار"));
    assert_eq!(site.page("/").text("#overview-title"), "نمای کلی گاه‌شمار");
    assert_eq!(
        site.page("/figures/killed/")
            .text(".current-figure strong.value"),
        "بیش از ۷۰"
    );
}

/// A site in language `tag` whose event has an image with a credit, an inline
/// explainer, a figure, an open question and two corrections, and a second event
/// known only to its month; both events in `language` when given.
fn words_site(tag: &str, language: Option<&str>) -> Site {
    let own = language.map_or_else(String::new, |l| format!("language: {l}\n"));
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Kerman\"\ntimezone = \"Asia/Tehran\"\nlanguage = \"{tag}\"\n\n[figures.killed]\nlabel = \"Killed\"\n"
        ),
    )
    .bytes("static/images/crowd.png", &crate::helpers::png(1200, 800))
    .file("content/sources/irib.md", "---\nname: IRIB\n---\nState broadcaster.\n")
    .file("content/sources/afp.md", "---\nname: AFP\n---\nNews agency.\n")
    .file(
        "content/events/2024-01-03-blasts.md",
        &"---\ntitle: Twin blasts\ndate: 2024-01-03T15:00\nfigures:\n  killed:\n    - { value: at least 20, source: irib, at: 2024-01-03T16:30 }\nquestions:\n  cause:\n    ask: What caused it?\n    accounts:\n      - { says: Gas canisters, source: afp, status: disputed }\ncorrections:\n  - date: 2024-01-05\n    text: The mosque was misnamed.\n  - date: 2024-01-04\n    text: The toll was wrong.\n---\nTwo blasts [@irib].\n\n![Mourners](images/crowd.png \"Atta Kenare/AFP\")\n\n## The Quds Force {#quds-force .explainer}\n\nIran's foreign arm.\n"
            .replace("figures:", &format!("{own}figures:")),
    )
    .file(
        "content/events/2024-02-mourning.md",
        &format!("---\ntitle: Mourning\ndate: 2024-02\n{own}---\nA month of mourning.\n"),
    );
    site.build(&[]);
    site
}

/// The text of every element matching `selector`, exactly as written (narrow
/// no-break spaces kept).
fn exact_texts(page: &crate::helpers::Page, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    (page.0.select(&selector))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// An attribute of every element matching `selector`.
fn attributes(page: &crate::helpers::Page, selector: &str, name: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    (page.0.select(&selector))
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

/// The JSON feed's entry for the blasts, its content parsed as HTML.
fn feed_entry(site: &Site) -> crate::helpers::Page {
    let feed = site.json("feed.json");
    let item = (feed["items"].as_array().unwrap().iter())
        .find(|item| item["title"] == "Twin blasts")
        .expect("the blasts have an entry");
    crate::helpers::Page(scraper::Html::parse_fragment(
        item["content_html"].as_str().unwrap(),
    ))
}

/// The description in the structured data of the page of the figure `killed`.
fn dataset_description(site: &Site) -> String {
    let page = site.page("/figures/killed/");
    let script = exact_texts(&page, "script[type=\"application/ld+json\"]");
    let json: serde_json::Value = serde_json::from_str(&script[0]).unwrap();
    json["description"].as_str().unwrap().to_owned()
}

/// The TimelineJS slides: the title slide's text, and each event's by title with
/// its start date's `display_date` and text.
fn slides(site: &Site) -> (String, Vec<(String, Option<String>, String)>) {
    let timeline = site.json("timeline.json");
    let title = timeline["title"]["text"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    let events = (timeline["events"].as_array().unwrap().iter())
        .map(|slide| {
            (
                slide["text"]["headline"].as_str().unwrap().to_owned(),
                slide["start_date"]["display_date"]
                    .as_str()
                    .map(str::to_owned),
                slide["text"]["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (title, events)
}

#[test]
fn an_english_site_keeps_its_words_in_bodies_feeds_and_timeline_json() {
    let site = words_site("en", None);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        attributes(&page, "aside.explainer-card", "aria-label"),
        ["Background"]
    );
    assert_eq!(
        exact_texts(&page, ".explainer-card .more a"),
        ["Read the explainer"]
    );
    assert_eq!(
        exact_texts(&page, "figure .credit"),
        ["Photo: Atta Kenare/AFP"]
    );
    let entry = feed_entry(&site);
    assert_eq!(
        exact_texts(&entry, "li"),
        [
            "Killed: at least 20 — IRIB, 3 January 2024, 16:30 IRST (reported, current)",
            "Gas canisters — AFP (disputed)"
        ]
    );
    assert_eq!(
        exact_texts(&entry, ".correction-notice a"),
        ["See all 2 corrections"]
    );
    let (title, events) = slides(&site);
    assert_eq!(
        title,
        "<p><a href=\"/\">The full timeline, with sources</a></p>"
    );
    assert_eq!(events[1].1.as_deref(), Some("February 2024"));
    assert!(
        events[1].2.ends_with(">Full story and sources</a></p>"),
        "{events:?}"
    );
}

#[test]
fn a_french_site_writes_cards_credits_feeds_and_timeline_json_in_french() {
    let site = words_site("fr", None);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        attributes(&page, "aside.explainer-card", "aria-label"),
        ["Contexte"]
    );
    assert_eq!(
        exact_texts(&page, ".explainer-card .card-kicker"),
        ["Contexte"]
    );
    assert_eq!(
        exact_texts(&page, ".explainer-card .more a"),
        ["Lire la fiche"]
    );
    assert_eq!(
        exact_texts(&page, "figure .credit"),
        ["Photo\u{202f}: Atta Kenare/AFP"]
    );
    let entry = feed_entry(&site);
    // The body's card, then the figures and questions after it.
    assert_eq!(
        exact_texts(&entry, "h2"),
        ["The Quds Force", "Chiffres", "Questions ouvertes"]
    );
    assert_eq!(
        exact_texts(&entry, ".explainer-card .more a"),
        ["Lire la fiche"]
    );
    assert_eq!(
        exact_texts(&entry, "li"),
        [
            "Killed : au moins 20 — IRIB, 3 janvier 2024 à 16:30 IRST (rapporté, actuel)",
            "Gas canisters — AFP (contesté)"
        ]
    );
    assert_eq!(
        exact_texts(&entry, ".correction-notice strong"),
        ["Corrigé le 5 janvier 2024:"]
    );
    assert_eq!(
        exact_texts(&entry, ".correction-notice a"),
        ["Voir les 2 corrections"]
    );
    assert_eq!(
        dataset_description(&site),
        "1 relevé du chiffre « Killed », avec sa source et son heure"
    );
    let (title, events) = slides(&site);
    assert_eq!(
        title,
        "<p><a href=\"/\">La chronologie complète, avec ses sources</a></p>"
    );
    assert_eq!(events[1].0, "Mourning");
    assert_eq!(events[1].1.as_deref(), Some("février 2024"));
    assert!(
        events[1]
            .2
            .ends_with(">Le récit complet et ses sources</a></p>"),
        "{events:?}"
    );
}

#[test]
fn a_persian_site_writes_cards_credits_feeds_and_timeline_json_in_persian() {
    let site = words_site("fa", None);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        attributes(&page, "aside.explainer-card", "aria-label"),
        ["پیشینه"]
    );
    assert_eq!(
        exact_texts(&page, ".explainer-card .more a"),
        ["خواندن توضیح‌نامه"]
    );
    assert_eq!(
        exact_texts(&page, "figure .credit"),
        ["عکس: Atta Kenare/AFP"]
    );
    let entry = feed_entry(&site);
    assert_eq!(
        exact_texts(&entry, "h2"),
        ["The Quds Force", "آمار و ارقام", "پرسش‌های باز"]
    );
    assert_eq!(
        exact_texts(&entry, "li"),
        [
            "Killed: دست‌کم ۲۰ — IRIB، ۳ ژانویه ۲۰۲۴ ساعت ۱۶:۳۰ IRST (گزارش‌شده، کنونی)",
            "Gas canisters — AFP (مورد مناقشه)"
        ]
    );
    assert_eq!(
        exact_texts(&entry, ".correction-notice a"),
        ["دیدن هر ۲ اصلاحیه"]
    );
    let (title, events) = slides(&site);
    assert_eq!(title, "<p><a href=\"/\">گاه‌شمار کامل، با منابع</a></p>");
    assert_eq!(events[1].1.as_deref(), Some("فوریه ۲۰۲۴"));
    assert!(
        events[1].2.ends_with(">شرح کامل و منابع</a></p>"),
        "{events:?}"
    );
}

#[test]
fn a_persian_event_on_an_english_site_has_its_words_in_persian() {
    let site = words_site("en", Some("fa"));
    let page = site.page("/2024/01/03/blasts/");
    // The figures box gives the reading's time in the page's language too.
    assert_eq!(
        exact_texts(&page, ".reading-detail time"),
        ["۳ ژانویه ۲۰۲۴ ساعت ۱۶:۳۰ IRST"]
    );
    assert_eq!(
        exact_texts(&page, ".explainer-card .card-kicker"),
        ["پیشینه"]
    );
    assert_eq!(
        exact_texts(&page, "figure .credit"),
        ["عکس: Atta Kenare/AFP"]
    );
    let entry = feed_entry(&site);
    assert_eq!(
        exact_texts(&entry, ".correction-notice a"),
        ["دیدن هر ۲ اصلاحیه"]
    );
    let (title, events) = slides(&site);
    // The title slide is the site's, in English.
    assert_eq!(
        title,
        "<p><a href=\"/\">The full timeline, with sources</a></p>"
    );
    assert_eq!(events[1].1.as_deref(), Some("فوریه ۲۰۲۴"));
    assert!(
        events[1].2.ends_with(">شرح کامل و منابع</a></p>"),
        "{events:?}"
    );
}

#[test]
fn a_lead_image_credit_label_is_in_the_page_language() {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Kerman\"\ntimezone = \"Asia/Tehran\"\nlanguage = \"fr\"\n",
    )
    .bytes("static/images/crowd.png", &crate::helpers::png(1200, 800))
    // A theme that prints the label itself.
    .file(
        "templates/partials/lead_image.html",
        "{% if image %}<p class=\"label\">{{ image.credit_label }}</p>{% endif %}",
    )
    .file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Twin blasts\nimage:\n  src: images/crowd.png\n  alt: Mourners\n  credit: Atta Kenare/AFP\n---\nTwo blasts.\n",
    )
    .file(
        "content/events/2024-01-04-mourning.md",
        "---\ntitle: Mourning\nlanguage: de\nimage:\n  src: images/crowd.png\n  alt: Mourners\n  credit: AFP\n---\nMourning.\n",
    );
    site.build(&[]);
    assert_eq!(
        exact_texts(&site.page("/2024/01/03/blasts/"), "p.label"),
        ["Photo"]
    );
    assert_eq!(
        exact_texts(&site.page("/2024/01/04/mourning/"), "p.label"),
        ["Foto"]
    );
}
