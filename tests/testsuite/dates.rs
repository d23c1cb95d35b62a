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
