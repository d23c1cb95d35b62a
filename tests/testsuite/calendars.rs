//! Dates in the site's language and calendar (SPEC §3, §11): `calendar = "persian"`
//! and `"islamic"` show dates in that calendar with the Gregorian date beside them,
//! in the language's digits and month names; other languages keep the Gregorian
//! calendar in their own words; machine formats (`datetime` attributes, feeds,
//! JSON) stay ISO 8601 Gregorian whatever the site shows; an unknown calendar is a
//! configuration error.
//!
//! The expected dates are facts checked apart from the formatter: 3 January 2024 is
//! 13 Dey 1402 (1 Dey 1402 fell on 22 December 2023, Nowruz 1403 on 20 March
//! 2024); 3 January 2020 is 13 Dey 1398; in Umm al-Qura, 1 Shawwal 1445 (Eid
//! al-Fitr) was 10 April 2024 and 1 Muharram 1446 was 7 July 2024; and 3 January 2024
//! is 21 Jumada al-Akhirah 1445 in the arithmetic calendar as well as in Umm al-Qura.

use crate::helpers::Site;

/// A site in `language` and `calendar` (none: the default) with events at every
/// precision: two days in January 2024 (so the month has a heading of its own), a
/// day in 2020, January 2024, the year 2024, and a span from 30 January to
/// 2 February 2024.
fn site(language: &str, calendar: Option<&str>) -> Site {
    let site = Site::new();
    let calendar = calendar.map_or_else(String::new, |c| format!("calendar = \"{c}\"\n"));
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Timeline\"\nlanguage = \"{language}\"\n{calendar}timezone = \"Asia/Tehran\"\n"
        ),
    )
    .file(
        "content/events/2024-01-03-kerman-explosions.md",
        "---\ntitle: Kerman explosions\n---\nTwo blasts.\n",
    )
    .file(
        "content/events/2024-01-04-mourning.md",
        "---\ntitle: Day of mourning\n---\nA national day of mourning.\n",
    )
    .file(
        "content/events/2020-01-03-soleimani-killed.md",
        "---\ntitle: Soleimani killed\n---\nA drone strike.\n",
    )
    .file(
        "content/events/2024-01-sanctions.md",
        "---\ntitle: Sanctions\ndate: 2024-01\n---\nNew sanctions.\n",
    )
    .file(
        "content/events/2024-elections.md",
        "---\ntitle: Elections\ndate: \"2024\"\n---\nA year of elections.\n",
    )
    .file(
        "content/events/2024-01-30-funerals.md",
        "---\ntitle: Funerals\nend: 2024-02-02\n---\nFour days of funerals.\n",
    );
    site
}

/// The event pages of [`site`]: URL, the header's date, and its `datetime`.
const EVENT_PAGES: [&str; 5] = [
    "/2024/01/03/kerman-explosions/",
    "/2020/01/03/soleimani-killed/",
    "/2024/01/sanctions/",
    "/2024/elections/",
    "/2024/01/30/funerals/",
];

/// The header date of each page of [`EVENT_PAGES`], with its `datetime`.
fn header_dates(site: &Site) -> Vec<(String, Vec<String>)> {
    EVENT_PAGES
        .iter()
        .map(|url| {
            let page = site.page(url);
            (
                page.text(".event-header time"),
                page.attrs(".event-header time", "datetime"),
            )
        })
        .collect()
}

/// The ISO 8601 `datetime` of each page of [`EVENT_PAGES`], whatever the calendar.
const MACHINE: [&str; 5] = ["2024-01-03", "2020-01-03", "2024-01", "2024", "2024-01-30"];

fn assert_headers(site: &Site, shown: [&str; 5]) {
    let expected: Vec<(String, Vec<String>)> = shown
        .iter()
        .zip(MACHINE)
        .map(|(s, m)| ((*s).to_owned(), vec![m.to_owned()]))
        .collect();
    assert_eq!(header_dates(site), expected);
}

#[test]
fn persian_calendar_in_persian_with_the_gregorian_date_beside() {
    let site = site("fa", Some("persian"));
    site.build(&[]);
    assert_headers(
        &site,
        [
            "۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)",
            "۱۳ دی ۱۳۹۸ (۳ ژانویه ۲۰۲۰)",
            // January 2024 runs from 11 Dey to 11 Bahman 1402.
            "۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)",
            // 2024 runs from 11 Dey 1402 to 10 Dey 1403.
            "۱۴۰۲–۱۴۰۳ (۲۰۲۴)",
            "۱۰ بهمن ۱۴۰۲ (۳۰ ژانویه ۲۰۲۴) – ۱۳ بهمن ۱۴۰۲ (۲ فوریه ۲۰۲۴)",
        ],
    );
    // A span's two ends, each with its own ISO date.
    let funerals = site.page("/2024/01/30/funerals/");
    assert_eq!(
        funerals.texts(".facts time"),
        [
            "۱۰ بهمن ۱۴۰۲ (۳۰ ژانویه ۲۰۲۴)",
            "۱۳ بهمن ۱۴۰۲ (۲ فوریه ۲۰۲۴)"
        ]
    );
    assert_eq!(
        funerals.attrs(".facts time", "datetime"),
        ["2024-01-30", "2024-02-02"]
    );
}

#[test]
fn persian_calendar_headings_show_every_period_a_gregorian_one_overlaps() {
    let site = site("fa", Some("persian"));
    site.build(&[]);
    let year = site.page("/2024/");
    assert_eq!(year.text("h1.page-title"), "۱۴۰۲–۱۴۰۳ (۲۰۲۴)");
    // Under a Gregorian year, a month heading keeps its Solar Hijri year.
    assert_eq!(year.texts(".month-title"), ["۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)"]);
    let month = site.page("/2024/01/");
    assert_eq!(month.text("h1.page-title"), "۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)");
    // Entries under Gregorian headings keep their full date.
    assert!(
        month
            .texts(".event-item .when")
            .contains(&"۱۳ دی ۱۴۰۲ (۳ ژانویه ۲۰۲۴)".to_owned()),
        "{:?}",
        month.texts(".event-item .when")
    );
    assert_eq!(
        site.page("/").texts(".timeline .month-title"),
        ["۱۴۰۲ دی–بهمن (ژانویه ۲۰۲۴)"]
    );
}

#[test]
fn machine_dates_stay_iso_gregorian_in_another_calendar() {
    let site = site("fa", Some("persian"));
    site.build(&[]);
    let search = site.json("search.json");
    let dates: Vec<(&str, &str)> = search["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            ("2020-01-03-soleimani-killed", "2020-01-03"),
            ("2024-elections", "2024"),
            ("2024-01-sanctions", "2024-01"),
            ("2024-01-03-kerman-explosions", "2024-01-03"),
            ("2024-01-04-mourning", "2024-01-04"),
            ("2024-01-30-funerals", "2024-01-30"),
        ]
    );
    // A date without a time is its day's midnight UTC in feeds, as on every site.
    let atom = site.atom();
    // (In the feeds' own order, which is not the calendar's concern here.)
    let mut published: Vec<(&str, &str)> = atom
        .entries
        .iter()
        .map(|e| (e.title.as_str(), e.published.as_str()))
        .collect();
    published.sort_unstable();
    assert_eq!(
        published,
        [
            ("Day of mourning", "2024-01-04T00:00:00Z"),
            ("Elections", "2024-01-01T00:00:00Z"),
            ("Funerals", "2024-01-30T00:00:00Z"),
            ("Kerman explosions", "2024-01-03T00:00:00Z"),
            ("Sanctions", "2024-01-01T00:00:00Z"),
            ("Soleimani killed", "2020-01-03T00:00:00Z"),
        ]
    );
    let feed = site.json("feed.json");
    let mut items: Vec<(&str, &str)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["title"].as_str().unwrap(),
                i["date_published"].as_str().unwrap(),
            )
        })
        .collect();
    items.sort_unstable();
    assert_eq!(items, published);
}

#[test]
fn islamic_calendar_in_arabic_with_arabic_indic_digits() {
    let site = site("ar", Some("islamic"));
    site.file(
        "content/events/2024-04-10-eid-al-fitr.md",
        "---\ntitle: Eid al-Fitr\n---\nThe first of Shawwal.\n",
    )
    .file(
        "content/events/2024-07-07-new-year.md",
        "---\ntitle: Hijri new year\n---\nThe first of Muharram.\n",
    );
    site.build(&[]);
    assert_headers(
        &site,
        [
            "٢١ جمادى الآخرة ١٤٤٥ هـ (٣ يناير ٢٠٢٤)",
            "٨ جمادى الأولى ١٤٤١ هـ (٣ يناير ٢٠٢٠)",
            "جمادى الآخرة–رجب ١٤٤٥ هـ (يناير ٢٠٢٤)",
            "١٤٤٥ هـ–١٤٤٦ هـ (٢٠٢٤)",
            "١٨ رجب ١٤٤٥ هـ (٣٠ يناير ٢٠٢٤) – ٢١ رجب ١٤٤٥ هـ (٢ فبراير ٢٠٢٤)",
        ],
    );
    let eid = site.page("/2024/04/10/eid-al-fitr/");
    assert_eq!(
        eid.text(".event-header time"),
        "١ شوال ١٤٤٥ هـ (١٠ أبريل ٢٠٢٤)"
    );
    let new_year = site.page("/2024/07/07/new-year/");
    assert_eq!(
        new_year.text(".event-header time"),
        "١ محرم ١٤٤٦ هـ (٧ يوليو ٢٠٢٤)"
    );
    assert_eq!(
        new_year.attrs(".event-header time", "datetime"),
        ["2024-07-07"]
    );
    // July 2024 holds the end of 1445 and the start of 1446.
    assert_eq!(
        site.page("/2024/07/").text("h1.page-title"),
        "ذو الحجة ١٤٤٥ هـ – محرم ١٤٤٦ هـ (يوليو ٢٠٢٤)"
    );
    assert_eq!(
        site.page("/2024/").text("h1.page-title"),
        "١٤٤٥ هـ–١٤٤٦ هـ (٢٠٢٤)"
    );
}

#[test]
fn other_languages_keep_the_gregorian_calendar_in_their_own_words() {
    // (language, day, month, year, span, the month under its year)
    let cases = [
        (
            "fr",
            "3 janvier 2024",
            "janvier 2024",
            "2024",
            "30 janvier – 2 février 2024",
            "janvier",
        ),
        (
            "de",
            "3. Januar 2024",
            "Januar 2024",
            "2024",
            "30. Januar – 2. Februar 2024",
            "Januar",
        ),
        (
            "es",
            "3 de enero de 2024",
            "enero de 2024",
            "2024",
            "30 de enero – 2 de febrero de 2024",
            "enero",
        ),
    ];
    for (language, day, month, year, span, month_name) in cases {
        let site = site(language, None);
        site.build(&[]);
        let in_2020 = day.replace("2024", "2020");
        assert_headers(&site, [day, &in_2020, month, year, span]);
        assert_eq!(
            site.page("/2024/").text("h1.page-title"),
            year,
            "{language}"
        );
        assert_eq!(
            site.page("/2024/").texts(".month-title"),
            [month_name],
            "{language}"
        );
        assert_eq!(
            site.page("/2024/01/").text("h1.page-title"),
            month,
            "{language}"
        );
        assert_eq!(
            site.page("/").texts(".timeline .month-title"),
            [month_name],
            "{language}"
        );
    }
}

#[test]
fn english_with_the_gregorian_calendar_reads_as_it_always_has() {
    for calendar in [None, Some("gregorian")] {
        let site = site("en", calendar);
        site.build(&[]);
        assert_headers(
            &site,
            [
                "3 January 2024",
                "3 January 2020",
                "January 2024",
                "2024",
                "30 January – 2 February 2024",
            ],
        );
        assert_eq!(site.page("/2024/").text("h1.page-title"), "2024");
        assert_eq!(site.page("/2024/").texts(".month-title"), ["January"]);
        assert_eq!(site.page("/2024/01/").text("h1.page-title"), "January 2024");
    }
}

#[test]
fn errors_on_an_unknown_calendar_naming_the_file_key_value_and_choices() {
    let site = site("en", Some("mayan"));
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors = crate::helpers::errors(&stderr);
        assert_eq!(
            errors,
            [(
                "dateline.toml:3:1".to_owned(),
                "unknown calendar `mayan`".to_owned(),
                Some(
                    "use `gregorian`, `persian` (Solar Hijri), `islamic` (Umm al-Qura), \
                     `islamic-umalqura` or `islamic-civil`"
                        .to_owned()
                ),
            )],
            "{command}: {stderr}"
        );
        assert!(stderr.contains("calendar = \"mayan\""), "{stderr}");
        assert!(!site.path("public").exists(), "{command} wrote output");
    }
}

/// Each label of the overview reads in the direction of its own text: Persian month
/// names right to left, years in Persian digits (no letters) and English names left
/// to right, whatever the page's direction.
#[test]
fn overview_labels_read_in_their_own_direction() {
    let site = site("fa", Some("persian"));
    site.build(&[]);
    let year = site.page("/2024/");
    let labels: Vec<(String, String)> = year
        .texts(".overview-axis text.overview-wide")
        .into_iter()
        .zip(year.attrs(".overview-axis text.overview-wide", "direction"))
        .take(3)
        .collect();
    assert_eq!(
        labels,
        [
            ("ژانویه".to_owned(), "rtl".to_owned()),
            ("فوریه".to_owned(), "rtl".to_owned()),
            ("مارس".to_owned(), "rtl".to_owned()),
        ]
    );
    let home = site.page("/");
    assert_eq!(home.texts(".overview-axis text")[0], "۲۰۲۰");
    assert!(
        home.attrs(".overview-axis text", "direction")
            .iter()
            .all(|d| d == "ltr")
    );
    let english = self::site("en", None);
    english.build(&[]);
    let year = english.page("/2024/");
    assert_eq!(year.texts(".overview-axis text.overview-wide")[0], "Jan");
    let directions = year.attrs("svg text", "direction");
    assert_eq!(directions.len(), year.count("svg text"));
    assert!(directions.iter().all(|d| d == "ltr"), "{directions:?}");
}
