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
    let index = site.page("/");
    assert_eq!(
        index.texts("#y1963 .month-title"),
        ["During 1963", "May 1963"]
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
    assert_eq!(site.page("/").text(".event-item time"), "4–7 January 2020");
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
