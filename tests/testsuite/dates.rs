//! Dates at every precision, time zones, ordering, and dates from file names.

use crate::helpers::Site;

fn precision_site() -> Site {
    let site = Site::new();
    site.file(
        "content/events/1962-alder-dam-completed.md",
        "---\ntitle: Dam completed\ndate: \"1962\"\n---\nx\n",
    )
    .file(
        "content/events/1963-05-floods.md",
        "---\ntitle: Floods\ndate: 1963-05\n---\nx\n",
    )
    .file(
        "content/events/1963-05-04-visit.md",
        "---\ntitle: Visit\n---\nx\n",
    )
    .file(
        "content/events/speech.md",
        "---\ntitle: Speech\ndate: 1963-05-04T09:15\ntimezone: Asia/Tehran\n---\nx\n",
    )
    .file(
        "content/events/cable.md",
        "---\ntitle: Cable\ndate: 1963-05-04T10:00+03:30\n---\nx\n",
    )
    .file(
        "content/events/1963.md",
        "---\ntitle: A year\ndate: 1963\n---\nx\n",
    );
    site
}

#[test]
fn shows_each_precision_as_written_at_its_url() {
    let site = precision_site();
    site.build(&[]);
    let cases = [
        ("/1962/alder-dam-completed/", "1962", "1962"),
        ("/1963/05/floods/", "May 1963", "1963-05"),
        ("/1963/05/04/visit/", "4 May 1963", "1963-05-04"),
        (
            "/1963/05/04/speech/",
            "4 May 1963, 09:15 IRST",
            "1963-05-04T09:15+03:30",
        ),
        (
            "/1963/05/04/cable/",
            "4 May 1963, 10:00 (+03:30)",
            "1963-05-04T10:00+03:30",
        ),
    ];
    for (url, shown, machine) in cases {
        let page = site.page(url);
        assert_eq!(page.text(".event-header time"), shown, "{url}");
        assert_eq!(
            page.attrs(".event-header time", "datetime"),
            [machine],
            "{url}"
        );
    }
}

#[test]
fn orders_by_instant_then_coarser_precision_then_id() {
    let site = precision_site();
    site.build(&[]);
    // 1963 (year) and 1963-05 (month) sort at their first instant, ahead of finer dates;
    // on 4 May the day-precision event sorts at 00:00 UTC, the speech at 05:45 UTC,
    // the cable at 06:30 UTC.
    assert_eq!(
        site.page("/").texts(".event-title"),
        [
            "Dam completed",
            "A year",
            "Floods",
            "Visit",
            "Speech",
            "Cable"
        ]
    );
    // The events known only to 1963 need no heading under the year's; May's do.
    let index = site.page("/");
    assert_eq!(index.texts("#y1963 .month-title"), ["May"]);
    assert_eq!(
        index.texts("#y1963 .event-item time"),
        ["4", "4, 09:15 IRST", "4, 10:00 (+03:30)"]
    );
}

#[test]
fn orders_times_across_zones_by_instant_and_labels_both_sides_of_a_dst_change() {
    let site = Site::new();
    site.file(
        "content/events/tehran.md",
        "---\ntitle: Tehran\ndate: 2024-03-31T04:50\ntimezone: Asia/Tehran\n---\nx\n",
    )
    .file(
        "content/events/london-before.md",
        "---\ntitle: London before\ndate: 2024-03-31T00:30\ntimezone: Europe/London\n---\nx\n",
    )
    .file(
        "content/events/london-after.md",
        "---\ntitle: London after\ndate: 2024-03-31T02:30\ntimezone: Europe/London\n---\nx\n",
    )
    .file(
        "content/events/new-york.md",
        "---\ntitle: New York\ndate: 2024-03-30T21:00\ntimezone: America/New_York\n---\nx\n",
    );
    site.build(&[]);
    // UTC: London before 00:30, Tehran 01:20, London after 01:30, New York 01:00.
    assert_eq!(
        site.page("/").texts(".event-title"),
        ["London before", "New York", "Tehran", "London after"]
    );
    assert_eq!(
        site.page("/2024/03/31/london-before/")
            .text(".event-header time"),
        "31 March 2024, 00:30 GMT"
    );
    assert_eq!(
        site.page("/2024/03/31/london-after/")
            .text(".event-header time"),
        "31 March 2024, 02:30 BST"
    );
    assert_eq!(
        site.page("/2024/03/30/new-york/")
            .text(".event-header time"),
        "30 March 2024, 21:00 EDT"
    );
}

#[test]
fn shows_an_offset_time_in_the_event_zone() {
    let site = Site::new();
    site.file(
        "content/events/x.md",
        "---\ntitle: X\ndate: 2024-01-03T11:20Z\ntimezone: Asia/Tehran\n---\nx\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").text(".event-header time"),
        "3 January 2024, 14:50 IRST"
    );
}

#[test]
fn shows_spans_with_end_dates() {
    let site = Site::new();
    site.file(
        "content/events/2020-01-04-funerals.md",
        "---\ntitle: Funerals\nend: 2020-01-07\n---\nx\n",
    );
    site.build(&[]);
    // A list gives both ends a `<time>`, leaving out the year its heading gives.
    let home = site.page("/");
    assert_eq!(home.texts(".event-item time"), ["4", "7 January"]);
    assert_eq!(home.text(".event-item .when"), "4–7 January");
    assert_eq!(
        home.attrs(".event-item time", "datetime"),
        ["2020-01-04", "2020-01-07"]
    );
    assert_eq!(
        site.page("/2020/01/04/funerals/").texts(".facts time"),
        ["4 January 2020", "7 January 2020"]
    );
}

#[test]
fn reads_toml_front_matter_with_native_dates() {
    let site = Site::new();
    site.file(
        "content/events/a.md",
        "+++\ntitle = \"Native\"\ndate = 2024-01-03T14:50:00+03:30\ntags = [\"x\"]\n+++\nx\n",
    )
    .file(
        "content/events/b.md",
        "+++\ntitle = \"Local date\"\ndate = 2024-01-04\n+++\nx\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/a/").text(".event-header time"),
        "3 January 2024, 14:50 (+03:30)"
    );
    assert_eq!(
        site.page("/2024/01/04/b/").text(".event-header time"),
        "4 January 2024"
    );
}

#[test]
fn keeps_a_file_name_date_in_the_slug_when_it_disagrees() {
    let site = Site::new();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: X\ndate: 2024-01-05\n---\nx\n",
    )
    .file(
        "content/events/2024-01-y.md",
        "---\ntitle: Y\ndate: 2024-01-09\n---\nx\n",
    )
    .file(
        "content/events/2024-01-03-z.md",
        "---\ntitle: Z\nslug: custom-slug\n---\nx\n",
    );
    site.build(&[]);
    assert!(
        site.path("public/2024/01/05/2024-01-03-x/index.html")
            .is_file()
    );
    assert!(site.path("public/2024/01/09/y/index.html").is_file());
    assert!(
        site.path("public/2024/01/03/custom-slug/index.html")
            .is_file()
    );
}

#[test]
fn breaks_ties_by_id_and_slugifies_file_names() {
    let site = Site::new();
    site.file(
        "content/events/2024-01-03-Kerman_Blast.md",
        "---\ntitle: B\n---\nx\n",
    )
    .file(
        "content/events/2024-01-03-a-first.md",
        "---\ntitle: A\n---\nx\n",
    )
    .file(
        "content/events/2024-01-03-c-last.md",
        "---\ntitle: C\n---\nx\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/").texts(".event-title"), ["B", "A", "C"]);
    assert!(
        site.path("public/2024/01/03/kerman-blast/index.html")
            .is_file()
    );
}

#[test]
fn pads_early_years_in_every_url() {
    let site = Site::new();
    site.file(
        "content/events/x.md",
        "---\ntitle: Early\ndate: \"0800-05-01\"\n---\nx\n",
    );
    site.build(&[]);
    assert!(site.path("public/0800/05/01/x/index.html").is_file());
    assert_eq!(site.page("/0800/").text("h1"), "800");
    assert_eq!(site.page("/").attrs(".year h2 a", "href"), ["/0800/"]);
}

fn fails_at(site: &Site, location: &str, message: &str, help: &str) {
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains(&format!(" --> {location}\n")), "{stderr}");
    assert!(stderr.contains(message), "expected `{message}`:\n{stderr}");
    assert!(stderr.contains(help), "expected `{help}`:\n{stderr}");
}

/// An `end` less precise than `date` that names the period the event starts in
/// (`2024` for `2024-01-05`) can only mean the same period or an earlier one: an
/// error. One that names a later period is a span like any other.
#[test]
fn errors_on_an_end_coarser_than_date_within_the_same_period() {
    let help = "give `end` at least the precision of `date`";
    for (date, end, col, message) in [
        (
            "2024-01-05",
            "'2024'",
            7,
            "`end` 2024 is less precise than `date` 2024-01-05",
        ),
        (
            "2024-01-05",
            "2024-01",
            6,
            "`end` 2024-01 is less precise than `date` 2024-01-05",
        ),
        (
            "2024-01-05T10:00+03:30",
            "2024-01-05",
            6,
            "`end` 2024-01-05 is less precise than `date` 2024-01-05T10:00+03:30",
        ),
    ] {
        let site = Site::basic();
        site.file(
            "content/events/span.md",
            &format!("---\ntitle: Span\ndate: {date}\nend: {end}\n---\nx\n"),
        );
        let location = format!("content/events/span.md:4:{col}");
        fails_at(&site, &location, message, help);
    }
    let site = Site::basic();
    site.file(
        "content/events/span.md",
        "---\ntitle: Span\ndate: 2024-01-05\nend: 2025\n---\nx\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/05/span/").text("main time"),
        "5 January 2024 – 2025"
    );
}

/// `:60` seconds (which chrono reads as a leap second at any minute) are refused
/// wherever a time is read: YAML, TOML native datetimes, and `dateline new --date`.
#[test]
fn errors_on_sixty_seconds() {
    let help = "seconds run from 00 to 59";
    let site = Site::basic();
    site.file(
        "content/events/leap.md",
        "---\ntitle: Leap\ndate: 2024-01-05T14:50:60+03:30\n---\nx\n",
    );
    fails_at(
        &site,
        "content/events/leap.md:3:7",
        "error: `2024-01-05T14:50:60+03:30` has 60 seconds",
        help,
    );
    let site = Site::basic();
    site.file(
        "content/events/leap.md",
        "+++\ntitle = \"Leap\"\ndate = 2024-01-05T14:50:60Z\n+++\nx\n",
    );
    fails_at(
        &site,
        "content/events/leap.md:3:8",
        "error: `2024-01-05T14:50:60Z` has 60 seconds",
        help,
    );
    let site = Site::basic();
    let output = site.run(&[
        "new",
        "event",
        "Leap",
        "--date",
        "2024-01-05T14:50:60+03:30",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("has 60 seconds"), "{stderr}");
    assert!(stderr.contains(help), "{stderr}");
}

/// A site published at an absolute address, so feeds and JSON-LD carry full URLs.
const BASE: &str = "https://example.org/";

/// An event file `content/events/{id}.md` with this front matter after its title.
fn event(site: &Site, id: &str, title: &str, front_matter: &str) {
    site.file(
        &format!("content/events/{id}.md"),
        &format!("---\ntitle: {title}\n{front_matter}---\nx\n"),
    );
}

/// In New York on 3 November 2024 the clocks went back from 02:00 EDT to 01:00 EST:
/// 01:30 happened twice. Each reading is labelled with the offset in force at its
/// instant on every page that shows it, and its machine dates carry that offset.
#[test]
fn labels_the_repeated_hour_by_the_offset_in_force_everywhere() {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\n"),
    );
    let zone = "timezone: America/New_York\n";
    event(
        &site,
        "first",
        "First",
        &format!("date: 2024-11-03T01:30-04:00\n{zone}"),
    );
    event(
        &site,
        "second",
        "Second",
        &format!("date: 2024-11-03T01:30-05:00\n{zone}"),
    );
    event(
        &site,
        "wire",
        "Wire",
        &format!("date: 2024-11-03T06:45Z\n{zone}"),
    );
    site.build(&[]);
    let shown = [
        "3 November 2024, 01:30 EDT",
        "3 November 2024, 01:30 EST",
        "3 November 2024, 01:45 EST",
    ];
    let machine = [
        "2024-11-03T01:30-04:00",
        "2024-11-03T01:30-05:00",
        "2024-11-03T01:45-05:00",
    ];
    for (n, id) in ["first", "second", "wire"].into_iter().enumerate() {
        let page = site.page(&format!("/2024/11/03/{id}/"));
        assert_eq!(page.text(".event-header time"), shown[n], "{id}");
        assert_eq!(
            page.attrs(".event-header time", "datetime"),
            [machine[n]],
            "{id}"
        );
        let json_ld = page.json_ld();
        assert_eq!(json_ld["about"]["startDate"], machine[n], "{id}");
        assert_eq!(
            json_ld["datePublished"],
            format!("{}:00{}", &machine[n][..16], &machine[n][16..]),
            "{id}"
        );
    }
    // Lists leave out what their headings say: the month's (`3, 01:30 EDT`), or on
    // the day's page the day's (`01:30 EDT`); the machine dates stay whole.
    let times = ["01:30 EDT", "01:30 EST", "01:45 EST"];
    for (list, prefix) in [
        ("/", "3, "),
        ("/2024/", "3, "),
        ("/2024/11/", "3, "),
        ("/on-this-day/11-03/", ""),
    ] {
        let page = site.page(list);
        let expected: Vec<String> = times.iter().map(|t| format!("{prefix}{t}")).collect();
        assert_eq!(page.texts(".event-item time"), expected, "{list}");
        assert_eq!(
            page.attrs(".event-item time", "datetime"),
            machine,
            "{list}"
        );
    }
    let search = site.json("search.json");
    let events = search["events"].as_array().unwrap();
    let texts: Vec<&str> = events
        .iter()
        .map(|e| e["date_text"].as_str().unwrap())
        .collect();
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert_eq!(texts, shown);
    assert_eq!(dates, machine);
    let published: Vec<String> = site
        .atom()
        .entries
        .into_iter()
        .map(|e| e.published)
        .collect();
    assert_eq!(
        published,
        [
            "2024-11-03T01:45:00-05:00",
            "2024-11-03T01:30:00-05:00",
            "2024-11-03T01:30:00-04:00",
        ]
    );

    // `end` and `updated` are labelled the same way.
    let site = Site::new();
    event(
        &site,
        "span",
        "Span",
        &format!(
            "date: 2024-11-03T00:50-04:00\nend: 2024-11-03T01:10-05:00\nupdated: 2024-11-03T01:40-05:00\n{zone}"
        ),
    );
    site.build(&[]);
    let page = site.page("/2024/11/03/span/");
    assert_eq!(
        page.texts(".facts time"),
        [
            "3 November 2024, 00:50 EDT",
            "3 November 2024, 01:10 EST",
            "3 November 2024, 01:40 EST",
        ]
    );
    // Under the year's heading, the end of a span within one day is its time.
    assert_eq!(
        site.page("/").text(".event-item .when"),
        "3 November, 00:50 EDT – 01:10 EST"
    );
}

/// The fixes the errors suggest for a repeated and for a skipped hour build, and show
/// the label of the time they name.
#[test]
fn the_suggested_fixes_for_a_repeated_or_skipped_hour_build() {
    let site = Site::basic();
    let zone = "timezone: America/New_York\n";
    event(
        &site,
        "twice",
        "Twice",
        &format!("date: 2024-11-03T01:30\n{zone}"),
    );
    fails_at(
        &site,
        "content/events/twice.md:3:7",
        "error: `2024-11-03T01:30` happened twice in America/New_York: the clocks went back",
        "help: write the offset you mean: `2024-11-03T01:30-04:00` for the first 01:30 (EDT) or `2024-11-03T01:30-05:00` for the second, an hour later (EST)",
    );
    event(
        &site,
        "twice",
        "Twice",
        &format!("date: 2024-11-03T01:30-05:00\n{zone}"),
    );
    event(
        &site,
        "skipped",
        "Skipped",
        &format!("date: 2024-03-10T02:30\n{zone}"),
    );
    fails_at(
        &site,
        "content/events/skipped.md:3:7",
        "error: `2024-03-10T02:30` does not exist in America/New_York: the clocks went forward an hour at 02:00 EST, to 03:00 EDT",
        "help: write `2024-03-10T03:30` (03:30 EDT), the moment a clock not yet put forward showed 02:30; or check the time",
    );
    event(
        &site,
        "skipped",
        "Skipped",
        &format!("date: 2024-03-10T03:30\n{zone}"),
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/11/03/twice/").text(".event-header time"),
        "3 November 2024, 01:30 EST"
    );
    assert_eq!(
        site.page("/2024/03/10/skipped/").text(".event-header time"),
        "10 March 2024, 03:30 EDT"
    );
}

/// Sydney's summer time runs from October to April; Tehran, Kathmandu and São Paulo
/// have numeric abbreviations in the time zone database.
#[test]
fn labels_southern_hemisphere_summer_time_and_zones_without_a_letter_abbreviation() {
    let site = Site::new();
    for (id, date, zone) in [
        ("sydney-summer", "2024-01-15T12:00", "Australia/Sydney"),
        ("sydney-winter", "2024-07-15T12:00", "Australia/Sydney"),
        ("tehran", "2024-01-15T12:00", "Asia/Tehran"),
        ("kathmandu", "2024-01-16T12:00", "Asia/Kathmandu"),
        ("sao-paulo", "2024-01-17T12:00", "America/Sao_Paulo"),
    ] {
        event(&site, id, id, &format!("date: {date}\ntimezone: {zone}\n"));
    }
    site.build(&[]);
    for (url, shown) in [
        ("/2024/01/15/sydney-summer/", "15 January 2024, 12:00 AEDT"),
        ("/2024/07/15/sydney-winter/", "15 July 2024, 12:00 AEST"),
        ("/2024/01/15/tehran/", "15 January 2024, 12:00 IRST"),
        ("/2024/01/16/kathmandu/", "16 January 2024, 12:00 NPT"),
        ("/2024/01/17/sao-paulo/", "17 January 2024, 12:00 UTC-03:00"),
    ] {
        assert_eq!(site.page(url).text(".event-header time"), shown, "{url}");
    }
    let overlap = Site::basic();
    event(
        &overlap,
        "sydney",
        "Sydney",
        "date: 2024-04-07T02:30\ntimezone: Australia/Sydney\n",
    );
    fails_at(
        &overlap,
        "content/events/sydney.md:3:7",
        "happened twice in Australia/Sydney",
        "`2024-04-07T02:30+11:00` for the first 02:30 (AEDT) or `2024-04-07T02:30+10:00` for the second, an hour later (AEST)",
    );
}

/// An offset the event's zone uses only at another time of year is refused; UTC and
/// the offsets of other zones are read and shown in the event's zone.
#[test]
fn errors_on_an_offset_the_event_zone_uses_only_in_another_season() {
    let site = Site::basic();
    event(
        &site,
        "slip",
        "Slip",
        "date: 2024-01-15T10:00-04:00\ntimezone: America/New_York\n",
    );
    fails_at(
        &site,
        "content/events/slip.md:3:7",
        "error: `2024-01-15T10:00-04:00` has the offset -04:00 (EDT), but America/New_York is on EST (-05:00) at that time",
        "help: for 10:00 EST write `2024-01-15T10:00`, without the offset; a time from another zone can be written in UTC, `2024-01-15T14:00Z`, and shows as 09:00 EST",
    );
    // The same slip in `updated` is reported at its line.
    event(
        &site,
        "slip",
        "Slip",
        "date: 2024-01-15T10:00\ntimezone: America/New_York\nupdated: 2024-01-16T10:00-04:00\n",
    );
    fails_at(
        &site,
        "content/events/slip.md:5:10",
        "has the offset -04:00 (EDT)",
        "for 10:00 EST write `2024-01-16T10:00`",
    );
    event(
        &site,
        "slip",
        "Slip",
        "date: 2024-01-15T14:00Z\ntimezone: America/New_York\n",
    );
    event(
        &site,
        "halifax",
        "Halifax",
        "date: 2024-07-15T10:00-03:00\ntimezone: America/New_York\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/15/slip/").text(".event-header time"),
        "15 January 2024, 09:00 EST"
    );
    assert_eq!(
        site.page("/2024/07/15/halifax/").text(".event-header time"),
        "15 July 2024, 09:00 EDT"
    );
}

/// An `updated` at a coarser precision than `date`, on the event's own day, reads as
/// the event's time in every machine output, not as midnight before it; a later
/// `updated` is used as written. Event pages still show `updated` as written.
#[test]
fn a_coarser_updated_never_reads_as_earlier_than_the_date() {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\ntimezone = \"Asia/Tehran\"\n"),
    );
    event(
        &site,
        "blast",
        "Blast",
        "date: 2024-03-05T14:50\nupdated: 2024-03-05\n",
    );
    event(&site, "earlier", "Earlier", "date: 2024-02-01\n");
    site.build(&[]);
    let blast = "2024-03-05T14:50:00+03:30";
    let page = site.page("/2024/03/05/blast/");
    assert_eq!(page.json_ld()["dateModified"], blast);
    assert_eq!(page.json_ld()["datePublished"], blast);
    assert_eq!(page.texts(".facts time")[1], "5 March 2024");
    let atom = site.atom();
    assert_eq!(atom.entries[0].title, "Blast");
    assert_eq!(atom.entries[0].updated, blast);
    assert_eq!(atom.updated, blast);
    let feed = site.json("feed.json");
    assert_eq!(feed["items"][0]["date_modified"], blast);
    assert_eq!(feed["items"][0]["date_published"], blast);
    let lastmods = site.lastmods();
    assert_eq!(lastmods[&format!("{BASE}2024/03/05/blast/")], blast);
    assert_eq!(
        lastmods[&format!("{BASE}2024/02/01/earlier/")],
        "2024-02-01T00:00:00Z"
    );

    // A later `updated`, even a coarse one, is the modified time as written.
    event(
        &site,
        "blast",
        "Blast",
        "date: 2024-03-05T14:50\nupdated: 2024-03-06\n",
    );
    site.build(&[]);
    let next_day = "2024-03-06T00:00:00Z";
    assert_eq!(
        site.page("/2024/03/05/blast/").json_ld()["dateModified"],
        next_day
    );
    assert_eq!(site.atom().entries[0].updated, next_day);
    assert_eq!(site.atom().updated, next_day);
    assert_eq!(
        site.json("feed.json")["items"][0]["date_modified"],
        next_day
    );
    assert_eq!(
        site.lastmods()[&format!("{BASE}2024/03/05/blast/")],
        next_day
    );
}

/// Events at every precision, all tagged, citing one source and about one explainer,
/// so every list shows them all: a year, a month and a day each with events inside,
/// times in Tehran on those days (02:00 on 1 January is still 2023 in UTC), and
/// events in other years on the same calendar day.
fn mixed_precision_site(order: &str) -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\norder = \"{order}\"\n"),
    )
    .file("content/sources/afp.md", "---\nname: AFP\n---\n")
    .file("content/explainers/x.md", "---\ntitle: X\n---\nx\n");
    for (id, title, date) in [
        ("a", "All of 2024", "'2024'"),
        ("b", "All of January", "2024-01"),
        ("c", "3 Jan", "2024-01-03"),
        ("d", "3 Jan 14:50 Tehran", "2024-01-03T14:50"),
        ("e", "3 Jan 02:00 Tehran", "2024-01-03T02:00"),
        ("f", "5 Jan", "2024-01-05"),
        ("g", "10 Feb", "2024-02-10"),
        ("h", "1 Jan 02:00 Tehran", "2024-01-01T02:00"),
        ("i", "1 Dec 2023", "2023-12-01"),
        ("j", "3 Jan 2020", "2020-01-03"),
    ] {
        event(
            &site,
            id,
            title,
            &format!(
                "date: {date}\ntimezone: Asia/Tehran\ntags: [All]\nsources: [afp]\nexplainers: [x]\n"
            ),
        );
    }
    site.build(&[]);
    site
}

/// Oldest first, as every list but the newest-first home page and the feeds reads.
const OLDEST_FIRST: [&str; 10] = [
    "3 Jan 2020",
    "1 Dec 2023",
    "All of 2024",
    "All of January",
    "1 Jan 02:00 Tehran",
    "3 Jan",
    "3 Jan 02:00 Tehran",
    "3 Jan 14:50 Tehran",
    "5 Jan",
    "10 Feb",
];

/// Newest first, as the feeds and a newest-first home page read: years, months,
/// days and times backwards, but a year, month or day still heads its events.
const NEWEST_FIRST: [&str; 10] = [
    "All of 2024",
    "10 Feb",
    "All of January",
    "5 Jan",
    "3 Jan",
    "3 Jan 14:50 Tehran",
    "3 Jan 02:00 Tehran",
    "1 Jan 02:00 Tehran",
    "1 Dec 2023",
    "3 Jan 2020",
];

/// A date known only to a year, month or day heads the events within it, in both
/// orders: `order` turns the home page around, "During 2024" and a month-only event
/// staying at the top of their year and month; every other list reads oldest first
/// and the feeds newest first, whatever `order` says.
#[test]
fn a_coarse_date_heads_its_period_in_every_list_in_both_orders() {
    for order in ["oldest-first", "newest-first"] {
        let site = mixed_precision_site(order);
        let home = site.page("/");
        if order == "oldest-first" {
            assert_eq!(home.texts(".event-title"), OLDEST_FIRST, "{order}");
            assert_eq!(home.texts(".year h2"), ["2020", "2023", "2024"], "{order}");
            // The year's own event and February's one go without a heading.
            assert_eq!(home.texts("#y2024 .month-title"), ["January"], "{order}");
        } else {
            assert_eq!(home.texts(".event-title"), NEWEST_FIRST, "{order}");
            assert_eq!(home.texts(".year h2"), ["2024", "2023", "2020"], "{order}");
            assert_eq!(home.texts("#y2024 .month-title"), ["January"], "{order}");
        }
        let in_2024 = &OLDEST_FIRST[2..];
        assert_eq!(
            site.page("/2024/").texts(".event-title"),
            in_2024,
            "{order}"
        );
        assert_eq!(
            site.page("/2024/").texts(".month-title"),
            ["January"],
            "{order}"
        );
        assert_eq!(
            site.page("/2024/01/").texts(".event-title"),
            &OLDEST_FIRST[3..9],
            "{order}"
        );
        assert_eq!(
            site.page("/on-this-day/01-03/").texts(".event-title"),
            [
                "3 Jan 2020",
                "3 Jan",
                "3 Jan 02:00 Tehran",
                "3 Jan 14:50 Tehran"
            ],
            "{order}"
        );
        assert_eq!(
            site.page("/tags/all/").texts(".event-title"),
            OLDEST_FIRST,
            "{order}"
        );
        assert_eq!(
            site.page("/explainers/x/").texts(".event-title"),
            OLDEST_FIRST,
            "{order}"
        );
        assert_eq!(
            site.page("/sources/afp/").texts(".claim .meta a"),
            OLDEST_FIRST,
            "{order}"
        );
        let search = site.json("search.json");
        let titles: Vec<&str> = search["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, OLDEST_FIRST, "{order}");
        let atom: Vec<String> = site.atom().entries.into_iter().map(|e| e.title).collect();
        assert_eq!(atom, NEWEST_FIRST, "{order}");
        let feed = site.json("feed.json");
        let items: Vec<&str> = feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        assert_eq!(items, NEWEST_FIRST, "{order}");
        // Previous and next follow the timeline: the year's event comes right after
        // the last event of 2023.
        let year = site.page("/2024/a/");
        assert_eq!(
            year.texts(".pager span[dir='auto']"),
            ["1 Dec 2023", "All of January"],
            "{order}"
        );
    }
}
