//! Numbers readers see — figure values, chart axes, coordinates — are written as
//! the page's language writes them (SPEC §11), by ICU4X's decimal formatter: its
//! digits, decimal and grouping separators. English is written as it always was.

use crate::helpers::Site;

/// A site in language `tag` with a figure read as 1,500 then 2,500.5 and an event
/// at 30.28° N, 57.08° E.
fn site_in(tag: &str) -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!(
            "title = \"Numbers\"\ntimezone = \"Asia/Tehran\"\nlanguage = \"{tag}\"\n\n[figures.displaced]\nlabel = \"Displaced\"\n"
        ),
    )
    .file("content/sources/afp.md", "---\nname: Agence France-Presse\nshort: AFP\n---\nNews agency.\n")
    .file(
        "content/events/2024-01-03-camps.md",
        "---\ntitle: Camps\ndate: 2024-01-03T15:00\nplace: Kerman\ncoordinates: [30.28, 57.08]\nfigures:\n  displaced:\n    - { value: \"1,500\", source: afp }\n---\nCamps [@afp].\n",
    )
    .file(
        "content/events/2024-01-05-more.md",
        "---\ntitle: More camps\ndate: 2024-01-05T15:00\nfigures:\n  displaced:\n    - { value: \"2,500.5\", source: afp }\n---\nMore [@afp].\n",
    );
    site.build(&[]);
    site
}

/// The figure's current value, the first two labels of the chart's value axis and
/// the event's coordinates, as shown.
fn shown(site: &Site) -> (String, Vec<String>, String) {
    let figure = site.page("/figures/displaced/");
    let axis: Vec<String> = figure
        .texts("svg.chart .chart-axis[text-anchor=end] text")
        .into_iter()
        .take(2)
        .collect();
    let event = site.page("/2024/01/03/camps/");
    (
        figure.text(".current-figure strong.value"),
        axis,
        event.text("a.coordinates"),
    )
}

#[test]
fn english_numbers_read_as_before() {
    let (value, axis, place) = shown(&site_in("en"));
    assert_eq!(value, "2,500.5");
    assert_eq!(axis, ["0", "1,000"]);
    assert_eq!(place, "30.28° N, 57.08° E, on OpenStreetMap");
}

#[test]
fn each_language_writes_numbers_its_own_way() {
    let (value, axis, place) = shown(&site_in("de"));
    assert_eq!(value, "2.500,5");
    assert_eq!(axis, ["0", "1.000"]);
    assert!(place.starts_with("30,28°"), "{place}");

    let site = site_in("fr");
    let (_, _, place) = shown(&site);
    // Grouped with a narrow no-break space, which the page's text shows as a space.
    let figure = site.read("public/figures/displaced/index.html");
    assert!(
        figure.contains("<strong class=\"value\">2\u{202f}500,5</strong>"),
        "{figure}"
    );
    assert!(place.starts_with("30,28°"), "{place}");

    let (value, axis, place) = shown(&site_in("fa"));
    assert_eq!(value, "۲٬۵۰۰٫۵");
    assert_eq!(axis, ["۰", "۱٬۰۰۰"]);
    assert!(place.starts_with("۳۰٫۲۸°"), "{place}");
}
