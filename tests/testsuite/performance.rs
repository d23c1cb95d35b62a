//! What the performance work must not change: the synthetic archive the benchmarks
//! use builds cleanly, `build --timings` reports every stage, a rebuild with nothing
//! changed writes no file, and the capped neighbour windows behind "on this day" and
//! related events still give exact answers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::Html;

use crate::helpers::{Page, Site, snapshot, stdout, walk};

#[path = "../../examples/gen-site/synth.rs"]
pub mod synth;

const SYNTH_EVENTS: usize = 300;

/// Writes the synthetic archive for `seed` as a dateline site in `dir`.
fn synth_site(dir: &Path, seed: u64) -> usize {
    let plan = synth::Plan {
        events: SYNTH_EVENTS,
        seed,
    };
    synth::Archive::new(&plan)
        .write_dateline(dir)
        .expect("write the synthetic site")
}

/// Every `.md` file under `dir/content/events`, relative to `dir/content/events`.
fn event_files(dir: &Path) -> BTreeSet<PathBuf> {
    let events = dir.join("content/events");
    walk(&events)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.strip_prefix(&events).unwrap().to_owned())
        .collect()
}

/// The event pages under `public`, by URL (`/1978/03/slug/`).
fn event_pages(public: &Path) -> BTreeMap<String, Page> {
    walk(public)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .filter_map(|p| {
            let html = std::fs::read_to_string(&p).unwrap();
            if !html.contains("<body class=\"page-event\">") {
                return None;
            }
            let folder = p.parent().unwrap().strip_prefix(public).unwrap();
            let url = format!("/{}/", folder.to_string_lossy());
            Some((url, Page(Html::parse_document(&html))))
        })
        .collect()
}

#[test]
fn the_synthetic_archive_builds_with_a_page_per_event_and_its_annotations() {
    let site = Site::new();
    let files = synth_site(site.root(), 7);
    let plan = synth::Plan {
        events: SYNTH_EVENTS,
        seed: 7,
    };
    assert_eq!(files, SYNTH_EVENTS + plan.sources() + plan.explainers());
    assert_eq!(event_files(site.root()).len(), SYNTH_EVENTS);

    let output = site.build(&[]);
    assert!(
        output.stderr.is_empty(),
        "the synthetic archive builds without warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = stdout(&output);
    assert!(
        out.starts_with(&format!(
            "Built {SYNTH_EVENTS} events, {} sources, {} explainers: ",
            plan.sources(),
            plan.explainers()
        )),
        "{out}"
    );

    let pages = event_pages(&site.path("public"));
    assert_eq!(pages.len(), SYNTH_EVENTS, "one page per event");

    // The timeline lists every event once across its pages (200 a page by
    // default, SPEC §10), linking to exactly those pages.
    let mut hrefs = Vec::new();
    let mut next = Some("/".to_owned());
    let mut timeline_pages = 0;
    while let Some(url) = next {
        let page = site.page(&url);
        assert!(page.count(".timeline .event-item") <= 200, "{url}");
        hrefs.extend(page.attrs(".timeline .event-title a", "href"));
        next = page
            .attrs(".pagination a[rel=next]", "href")
            .into_iter()
            .next();
        timeline_pages += 1;
    }
    assert_eq!(timeline_pages, SYNTH_EVENTS.div_ceil(200));
    assert_eq!(hrefs.len(), SYNTH_EVENTS);
    let listed: BTreeSet<String> = hrefs.into_iter().collect();
    let on_disk: BTreeSet<String> = pages.keys().cloned().collect();
    assert_eq!(listed, on_disk);

    // Every body opens with an explainer's alias ("Mikakai of Cairo told reporters"):
    // linked there, unless the body links that explainer already (by wikilink).
    let mut cites = 0;
    let mut alias_links = 0;
    for (url, page) in &pages {
        assert_eq!(page.count("main h1"), 1, "{url}");
        let aliases = page.attrs(".body a.alias", "href");
        let linked = page.attrs(".body a[href^=\"/explainers/\"]:not(.alias)", "href");
        assert!(!linked.is_empty(), "{url} has no wikilink");
        let opening = page.text(".body p");
        let family = opening.split_whitespace().next().unwrap().to_lowercase();
        let mentioned = |href: &String| href.ends_with(&format!("-{family}/"));
        if linked.iter().any(mentioned) {
            assert!(
                aliases.is_empty(),
                "{url} links {family} twice: {aliases:?}"
            );
        } else {
            assert_eq!(aliases.len(), 1, "{url}: {aliases:?}");
            assert!(mentioned(&aliases[0]), "{url}: {aliases:?}");
            assert_eq!(
                page.text(".body a.alias"),
                opening.split_whitespace().next().unwrap()
            );
            alias_links += 1;
        }
        let cited = page.attrs(".body a.cite", "href");
        assert!(
            (2..=4).contains(&cited.len()),
            "{url} has {} citations",
            cited.len()
        );
        assert!(
            cited.iter().all(|h| h.starts_with("/sources/src-")),
            "{url}: {cited:?}"
        );
        cites += cited.len();
        // Citations and claims line up: each cited source is listed under the event.
        let listed = page.attrs(".sources-cited li a", "href");
        for href in &cited {
            assert!(listed.contains(href), "{url}: {href} not in {listed:?}");
        }
    }
    // One explainer in four is also the wikilinked one; the rest get alias links.
    assert!(alias_links > SYNTH_EVENTS / 2, "{alias_links} alias links");
    // As many citation links as `[@source]` markers were written.
    let markers: usize = walk(&site.path("content/events"))
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().matches("[@").count())
        .sum();
    assert_eq!(cites, markers);
}

#[test]
fn related_and_on_this_day_never_list_the_event_itself_and_stay_capped() {
    let site = Site::new();
    synth_site(site.root(), 11);
    site.build(&[]);
    let pages = event_pages(&site.path("public"));
    assert_eq!(pages.len(), SYNTH_EVENTS);
    let mut with_related = 0;
    for (url, page) in &pages {
        let related = page.attrs(".related .event-title a", "href");
        assert!(related.len() <= 5, "{url}: {} related", related.len());
        assert!(!related.contains(url), "{url} is related to itself");
        let unique: BTreeSet<&String> = related.iter().collect();
        assert_eq!(unique.len(), related.len(), "{url}: {related:?}");
        with_related += usize::from(!related.is_empty());

        let same_day = page.attrs(".on-this-day .event-title a", "href");
        assert!(same_day.len() <= 5, "{url}: {} on this day", same_day.len());
        assert!(!same_day.contains(url), "{url} is on its own day");
    }
    // Every event has tags, and 50 tags over 300 events leave none alone.
    assert_eq!(with_related, SYNTH_EVENTS);
}

#[test]
fn the_synthetic_archive_is_the_same_for_the_same_seed_and_differs_for_another() {
    let (one, two, other) = (Site::new(), Site::new(), Site::new());
    synth_site(one.root(), 42);
    synth_site(two.root(), 42);
    synth_site(other.root(), 43);
    let (one, two, other) = (
        snapshot(one.root()),
        snapshot(two.root()),
        snapshot(other.root()),
    );
    assert_eq!(one.len(), two.len());
    assert_eq!(one, two, "same seed, same files");
    assert_ne!(one, other, "another seed, other content");
    // Not just other names: the events themselves differ.
    let bodies = |files: &BTreeMap<PathBuf, Vec<u8>>| -> BTreeSet<Vec<u8>> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("content/events"))
            .map(|(_, b)| b.clone())
            .collect()
    };
    assert!(bodies(&one).is_disjoint(&bodies(&other)));
}

#[test]
fn the_synthetic_archive_builds_byte_identical_output_twice() {
    let site = Site::new();
    synth_site(site.root(), 3);
    site.build(&["--output", site.path("one").to_str().unwrap()]);
    site.build(&["--output", site.path("two").to_str().unwrap()]);
    let (one, two) = (snapshot(&site.path("one")), snapshot(&site.path("two")));
    assert!(one.len() > SYNTH_EVENTS);
    assert!(one == two, "two builds of the same archive differ");
}

#[test]
fn the_hugo_copy_has_config_layouts_and_the_same_events() {
    let (dateline, hugo) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let plan = synth::Plan {
        events: SYNTH_EVENTS,
        seed: 7,
    };
    let archive = synth::Archive::new(&plan);
    let written = archive.write_dateline(dateline.path()).unwrap();
    let written_hugo = archive.write_hugo(hugo.path()).unwrap();
    assert_eq!(written, written_hugo);

    let config = std::fs::read_to_string(hugo.path().join("config.toml")).unwrap();
    assert!(config.contains("[taxonomies]"), "{config}");
    let layouts = walk(&hugo.path().join("layouts"));
    assert!(
        layouts.iter().any(|p| p.ends_with("_default/single.html")),
        "{layouts:?}"
    );
    assert!(layouts.iter().any(|p| p.ends_with("index.html")));

    let (ours, theirs) = (event_files(dateline.path()), event_files(hugo.path()));
    assert_eq!(theirs.len(), SYNTH_EVENTS);
    assert_eq!(ours, theirs, "the same event files in both copies");
    assert_eq!(
        walk(&hugo.path().join("content/sources"))
            .iter()
            .filter(|p| p.ends_with("_index.md"))
            .count(),
        plan.sources()
    );
}

/// The `Timings:` block: stage names and milliseconds, in order. Each line must read
/// `  <stage padded to 8> <ms to one decimal, right-aligned in 8> ms`, so the figures
/// line up in a column and none is in another unit or precision.
fn timings(out: &str) -> Vec<(String, f64)> {
    let mut lines = out.lines().skip_while(|l| *l != "Timings:");
    assert_eq!(lines.next(), Some("Timings:"), "{out}");
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert!(
                line.starts_with("  ") && fields.len() == 3 && fields[2] == "ms",
                "bad timings line {line:?} in:\n{out}"
            );
            let ms: f64 = fields[1]
                .parse()
                .unwrap_or_else(|_| panic!("bad number in {line:?}"));
            let name = fields[0];
            assert_eq!(line, format!("  {name:<8} {ms:>8.1} ms"), "{out}");
            (name.to_owned(), ms)
        })
        .collect()
}

#[test]
fn build_timings_prints_every_stage_and_the_total() {
    let site = Site::basic();
    let out = stdout(&site.build(&["--timings"]));
    assert!(out.starts_with("Built 3 events"), "{out}");
    let stages = timings(&out);
    let names: Vec<&str> = stages.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["load", "resolve", "render", "links", "write", "total"],
        "{out}"
    );
    let (_, total) = stages.last().unwrap();
    // Three events built and written take measurable time: a total of 0.0 would mean
    // the stages were not timed at all.
    assert!(*total > 0.0, "{out}");
    let sum: f64 = stages[..stages.len() - 1].iter().map(|(_, ms)| ms).sum();
    // Each figure is rounded to a tenth of a millisecond.
    assert!(
        (total - sum).abs() < 0.5,
        "total {total} != sum {sum}:\n{out}"
    );

    let plain = stdout(&site.build(&[]));
    assert_eq!(plain.lines().count(), 1, "{plain}");
    assert!(!plain.contains("Timings:"), "{plain}");
    assert!(!plain.contains("resolve"), "{plain}");
}

#[cfg(unix)]
mod rebuild {
    use std::collections::BTreeMap;
    use std::os::unix::fs::MetadataExt;
    use std::path::{Path, PathBuf};

    use crate::helpers::{Site, walk};

    /// `(inode, mtime)` of every file under `dir`, hidden ones included.
    fn inodes(dir: &Path) -> BTreeMap<PathBuf, (u64, i64, i64)> {
        walk(dir)
            .into_iter()
            .map(|p| {
                let m = std::fs::metadata(&p).unwrap();
                (
                    p.strip_prefix(dir).unwrap().to_owned(),
                    (m.ino(), m.mtime(), m.mtime_nsec()),
                )
            })
            .collect()
    }

    #[test]
    fn a_rebuild_with_nothing_changed_writes_no_file() {
        let site = Site::basic();
        site.build(&[]);
        let public = site.path("public");
        let before = inodes(&public);
        assert!(before.len() > 20);
        assert!(before.contains_key(Path::new(".dateline-output")));
        site.build(&[]);
        let after = inodes(&public);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "the same files"
        );
        let rewritten: Vec<&PathBuf> = before
            .iter()
            .filter(|(path, meta)| after[*path] != **meta)
            .map(|(path, _)| path)
            .collect();
        assert!(
            rewritten.is_empty(),
            "rewritten though unchanged: {rewritten:?}"
        );
        // Linked, not copied: the old folder is gone, so each file has one name again.
        for path in before.keys() {
            let links = std::fs::metadata(public.join(path)).unwrap().nlink();
            assert_eq!(links, 1, "{}", path.display());
        }
    }

    #[test]
    fn a_changed_event_is_rewritten_and_unrelated_pages_are_not() {
        let site = Site::basic();
        site.build(&[]);
        let public = site.path("public");
        let mourning = Path::new("2024/01/04/mourning/index.html");
        let old_page = site.read("public/2024/01/04/mourning/index.html");
        let before = inodes(&public);
        site.file(
            "content/events/2024/2024-01-04-mourning.md",
            "---\ntitle: Day of mourning\nsources: [reuters]\ntags: [Attacks]\n---\nA national day of grief.\n",
        );
        site.build(&[]);
        let after = inodes(&public);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>()
        );

        let new_page = site.read("public/2024/01/04/mourning/index.html");
        assert_ne!(old_page, new_page);
        assert!(new_page.contains("A national day of grief."));
        assert_ne!(
            before[mourning].0, after[mourning].0,
            "the event page is new"
        );

        // Pages that show nothing of the mourning day's body keep their file.
        for unchanged in [
            "404.html",
            "style.css",
            "sources/afp/index.html",
            "explainers/qasem-soleimani/index.html",
            "2020/01/03/soleimani-killed/index.html",
        ] {
            let path = Path::new(unchanged);
            assert_eq!(before[path], after[path], "{unchanged} was rewritten");
        }
        // Pages that show its summary are rewritten.
        for changed in [
            "index.html",
            "sources/reuters/index.html",
            "tags/attacks/index.html",
        ] {
            let path = Path::new(changed);
            assert_ne!(before[path].0, after[path].0, "{changed} was not rewritten");
        }
    }
}

#[test]
fn on_this_day_on_event_pages_shows_the_five_nearest_years_and_the_day_page_all() {
    let site = Site::new();
    let years = [2000, 2010, 2015, 2018, 2020, 2021, 2023, 2024];
    for year in years {
        site.file(
            &format!("content/events/{year}-01-03-day-{year}.md"),
            &format!("---\ntitle: Third of January {year}\n---\nSomething happened.\n"),
        );
    }
    // Not known to the day: on no calendar day.
    site.file(
        "content/events/2019-01-month.md",
        "---\ntitle: Sometime in January\ndate: \"2019-01\"\n---\nx\n",
    );
    site.build(&[]);
    let title = |y: i32| format!("Third of January {y}");

    // From 2020: 2021 (1 year), 2018 (2), 2023 (3), 2024 (4), 2015 (5); not 2010 or
    // 2000. Listed in timeline order.
    let page = site.page("/2020/01/03/day-2020/");
    assert_eq!(
        page.texts(".on-this-day .event-title"),
        [2015, 2018, 2021, 2023, 2024].map(title)
    );
    assert_eq!(
        page.attrs(".on-this-day h2 a", "href"),
        ["/on-this-day/01-03/"]
    );
    // From the first year, the five that follow it.
    assert_eq!(
        site.page("/2000/01/03/day-2000/")
            .texts(".on-this-day .event-title"),
        [2010, 2015, 2018, 2020, 2021].map(title)
    );
    // From the last year, the five before it.
    assert_eq!(
        site.page("/2024/01/03/day-2024/")
            .texts(".on-this-day .event-title"),
        [2015, 2018, 2020, 2021, 2023].map(title)
    );

    let day = site.page("/on-this-day/01-03/");
    assert_eq!(day.text("h1"), "On this day: 3 January");
    assert_eq!(day.texts(".year > h2"), years.map(|y| y.to_string()));
    assert_eq!(day.texts(".event-title"), years.map(title));
    assert_eq!(day.count(".event-item"), 8);
}

#[test]
fn a_shared_explainer_outranks_many_close_shared_tags() {
    let site = Site::new();
    site.file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\nsubject: Quds Force\n---\nThe foreign arm.\n",
    )
    // The event under test: the explainer and a tag.
    .file(
        "content/events/2024-06-15-target.md",
        "---\ntitle: Target\nexplainers: [quds-force]\ntags: [Attacks]\n---\nx\n",
    )
    // Decades away, sharing only the explainer.
    .file(
        "content/events/1990-02-01-far.md",
        "---\ntitle: Far\nexplainers: [quds-force]\n---\nx\n",
    );
    // Days away, sharing only the tag: more than the page shows.
    for day in 8..=22 {
        if day == 15 {
            continue;
        }
        site.file(
            &format!("content/events/2024-06-{day:02}-near-{day}.md"),
            &format!("---\ntitle: Near {day}\ntags: [Attacks]\n---\nx\n"),
        );
    }
    // Shares nothing, and is the closest of all.
    site.file(
        "content/events/2024-06-15-unrelated.md",
        "---\ntitle: Unrelated\ntags: [Other]\n---\nx\n",
    );
    site.build(&[]);

    let page = site.page("/2024/06/15/target/");
    let related = page.texts(".related .event-title");
    // The explainer first, then the tag-sharers nearest in time (ties: earlier
    // first); listed by date.
    assert_eq!(
        related,
        ["Far", "Near 13", "Near 14", "Near 16", "Near 17"],
        "{related:?}"
    );
    assert!(!related.contains(&"Target".to_owned()));
    assert!(!related.contains(&"Unrelated".to_owned()));

    // And the far event finds its way back: only the target shares anything with it.
    assert_eq!(
        site.page("/1990/02/01/far/").texts(".related .event-title"),
        ["Target"]
    );
    // A tag-only event ranks the target among its tag neighbours, never itself.
    let near = site
        .page("/2024/06/14/near-14/")
        .texts(".related .event-title");
    assert_eq!(near.len(), 5, "{near:?}");
    assert!(!near.contains(&"Near 14".to_owned()), "{near:?}");
    // The two a day away, the two two days away, then the earlier of the two three
    // days away; by date.
    assert_eq!(
        near,
        ["Near 11", "Near 12", "Near 13", "Target", "Near 16"],
        "{near:?}"
    );
}
