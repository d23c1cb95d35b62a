//! `dateline serve` rebuilds through `pipeline::Incremental`, which renders only the
//! pages whose content changed. After every kind of edit, the site the server pieces
//! together (the pages rendered again, the rest kept from the site before) must be
//! byte for byte the site a build from scratch makes. These tests drive the same
//! `Incremental` the server does: its rule for dropping the caches, and its merge.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use dateline::diagnostic::Diagnostics;
use dateline::pipeline::{self, Incremental, Options};
use dateline::render::Stats;

use crate::helpers::{Site, walk};
use crate::performance::synth;

/// Enough events for a change to one of them to be a small part of the site.
const EVENTS: usize = 200;

/// The options `dateline serve` builds with.
fn serve_options(root: &Path) -> Options {
    Options {
        root: root.to_owned(),
        base_url: None,
        origin: Some("http://127.0.0.1:1111".into()),
        drafts: false,
        lint: false,
    }
}

/// The synthetic archive in a temp folder.
fn synth_site() -> Site {
    let site = Site::new();
    synth::Archive::new(&synth::Plan {
        events: EVENTS,
        seed: 5,
    })
    .write_dateline(site.root())
    .expect("write the synthetic site");
    site
}

/// Every diagnostic, as the terminal shows it.
fn rendered(diagnostics: &Diagnostics) -> String {
    diagnostics.0.iter().map(|d| d.render(false)).collect()
}

/// The site as `serve` holds it between rebuilds: output path → bytes. Edits go
/// through it, so the next rebuild is told the paths that changed, as the file
/// watcher tells `serve`'s.
struct Served<'a> {
    site: &'a Site,
    options: Options,
    incremental: Incremental,
    files: HashMap<String, Vec<u8>>,
    /// Written or removed since the last rebuild, absolute.
    changed: Vec<PathBuf>,
}

impl<'a> Served<'a> {
    /// The first build, which renders every page.
    fn start(site: &'a Site) -> Served<'a> {
        let mut served = Served {
            site,
            options: serve_options(site.root()),
            incremental: Incremental::default(),
            files: HashMap::new(),
            changed: Vec::new(),
        };
        let stats = served.rebuild();
        assert!(stats.pages > 0);
        assert_eq!(
            stats.rendered, stats.pages,
            "the first build renders it all"
        );
        served.assert_fresh("the first build");
        served
    }

    /// Rebuilds and merges as the server does ([`Incremental::merge`]): for each
    /// path of the build, the file of the site before, replaced by the outputs.
    fn rebuild(&mut self) -> Stats {
        self.tell();
        let generated = self
            .incremental
            .generate(&self.options)
            .unwrap_or_else(|found| panic!("the rebuild failed:\n{}", rendered(&found)));
        self.files = self.incremental.merge(Some(&self.files), generated.outputs);
        generated.stats
    }

    /// Rebuilds expecting errors: the server keeps serving the site it had.
    fn rebuild_fails(&mut self) -> Diagnostics {
        self.tell();
        match self.incremental.generate(&self.options) {
            Ok(generated) => panic!(
                "the rebuild succeeded ({} pages rendered) but should have failed",
                generated.stats.rendered
            ),
            Err(found) => {
                assert!(found.has_errors(), "{}", rendered(&found));
                found
            }
        }
    }

    /// Tells the caches what changed since the last rebuild, as `serve` does
    /// ([`Incremental::changed`]): with no site yet, or a change outside `content/`
    /// and `templates/`, they are dropped.
    fn tell(&mut self) {
        let changed = std::mem::take(&mut self.changed);
        self.incremental.changed(self.site.root(), &changed);
    }

    fn write(&mut self, rel: &str, text: &str) {
        self.site.file(rel, text);
        self.changed.push(self.site.path(rel));
    }

    fn remove(&mut self, rel: &str) {
        self.site.remove(rel);
        self.changed.push(self.site.path(rel));
    }

    /// Rewrites the file at `rel` through `change`, which must change it.
    fn edit(&mut self, rel: &str, change: impl FnOnce(&str) -> String) {
        let before = self.site.read(rel);
        let after = change(&before);
        assert_ne!(before, after, "the edit of {rel} changed nothing");
        self.write(rel, &after);
    }

    /// Rebuilds and checks the result against a build from scratch.
    fn rebuild_fresh(&mut self, after: &str) -> Stats {
        let stats = self.rebuild();
        self.assert_fresh(after);
        stats
    }

    /// The merged site has the paths and bytes of a build from scratch.
    fn assert_fresh(&self, after: &str) {
        let fresh: BTreeMap<String, Vec<u8>> = pipeline::generate(&self.options)
            .unwrap_or_else(|found| panic!("the fresh build failed:\n{}", rendered(&found)))
            .outputs
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect();
        let paths: BTreeSet<&String> = self.incremental.paths().iter().collect();
        let missing: Vec<&String> = fresh
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .collect();
        let mut extra: Vec<&String> = self
            .files
            .keys()
            .filter(|p| !fresh.contains_key(*p))
            .collect();
        extra.sort();
        let differ: Vec<&String> = fresh
            .iter()
            .filter(|(p, bytes)| self.files.get(*p).is_some_and(|b| b != *bytes))
            .map(|(p, _)| p)
            .collect();
        let unlisted: Vec<&String> = fresh.keys().filter(|p| !paths.contains(p)).collect();
        if missing.is_empty() && extra.is_empty() && differ.is_empty() && unlisted.is_empty() {
            return;
        }
        let mut report = format!(
            "after {after}, the incremental site differs from a fresh build \
             ({} files fresh, {} merged):\n",
            fresh.len(),
            self.files.len()
        );
        let mut list = |what: &str, paths: Vec<String>| {
            if !paths.is_empty() {
                report.push_str(&format!("  {} {what}:\n", paths.len()));
                for path in paths.iter().take(25) {
                    report.push_str(&format!("    {path}\n"));
                }
                if paths.len() > 25 {
                    report.push_str("    ...\n");
                }
            }
        };
        let owned = |v: Vec<&String>| v.into_iter().cloned().collect();
        list("missing from the merged site", owned(missing));
        list("only in the merged site", owned(extra));
        list("not in Incremental::paths()", owned(unlisted));
        list("with other bytes", owned(differ.clone()));
        if let Some(path) = differ.first() {
            report.push_str(&first_difference(path, &self.files[*path], &fresh[*path]));
        }
        panic!("{report}");
    }
}

/// Where `path` first differs: a few dozen bytes of each around it.
fn first_difference(path: &str, merged: &[u8], fresh: &[u8]) -> String {
    let at = merged
        .iter()
        .zip(fresh)
        .position(|(a, b)| a != b)
        .unwrap_or(merged.len().min(fresh.len()));
    let around = |bytes: &[u8]| {
        let start = at.saturating_sub(60);
        let end = (at + 60).min(bytes.len());
        String::from_utf8_lossy(&bytes[start..end]).into_owned()
    };
    format!(
        "  {path} first differs at byte {at}:\n    merged: {:?}\n    fresh:  {:?}\n",
        around(merged),
        around(fresh)
    )
}

/// Every event file, relative to the site root, in order.
fn event_files(site: &Site) -> Vec<String> {
    walk(&site.path("content/events"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| rel(site, &p))
        .collect()
}

fn rel(site: &Site, path: &Path) -> String {
    path.strip_prefix(site.root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The id of an event file: its stem.
fn id_of(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Replaces the front matter line starting with `key:` by `line`.
fn set_key(text: &str, key: &str, line: &str) -> String {
    let prefix = format!("\n{key}:");
    let start = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("no {key} in {text}"))
        + 1;
    let end = start + text[start..].find('\n').unwrap();
    format!("{}{line}{}", &text[..start], &text[end..])
}

/// `text` without the `reports:`, `corrections:`, `figures:` and `questions:` the
/// synthetic archive gives some events: dated by the event, they would not fit it
/// once it moves, and a test adds its own.
fn without_sourcing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let keys = ["reports:", "corrections:", "figures:", "questions:"];
        if keys.iter().any(|k| line.starts_with(k)) {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with("- ")) {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

/// Inserts `line` as the first line of the front matter.
fn add_key(text: &str, line: &str) -> String {
    let rest = text.strip_prefix("---\n").expect("front matter");
    format!("---\n{line}\n{rest}")
}

/// An event that another event's body links to (`event:id`), and has no `date:`.
fn referenced_event(site: &Site) -> String {
    let files = event_files(site);
    let texts: Vec<String> = files.iter().map(|f| site.read(f)).collect();
    files
        .iter()
        .zip(&texts)
        .find(|(file, text)| {
            let link = format!("(event:{})", id_of(file));
            !text.contains("\ndate:") && texts.iter().any(|t| t.contains(&link))
        })
        .map(|(file, _)| file.clone())
        .expect("an event linked from another")
}

/// An event no other event links to.
fn unreferenced_event(site: &Site, skip: usize) -> String {
    let files = event_files(site);
    let texts: Vec<String> = files.iter().map(|f| site.read(f)).collect();
    files
        .iter()
        .filter(|file| {
            let link = format!("(event:{})", id_of(file));
            !texts.iter().any(|t| t.contains(&link))
        })
        .nth(skip)
        .cloned()
        .expect("an event nobody links to")
}

/// The first file under `content/{kind}`, relative to the root.
fn first_file(site: &Site, kind: &str) -> String {
    rel(site, &walk(&site.path(&format!("content/{kind}")))[0])
}

#[test]
fn an_edited_sentence_renders_a_few_pages_and_nothing_changed_renders_none() {
    let site = synth_site();
    let mut served = Served::start(&site);

    let stats = served.rebuild_fresh("a rebuild with nothing changed");
    assert_eq!(
        stats.rendered, 0,
        "nothing changed, yet pages were rendered"
    );

    // A sentence in the third paragraph: not the summary, which is the first.
    let file = event_files(&site)[EVENTS / 2].clone();
    let added = "Officials later corrected the figure";
    served.edit(&file, |text| {
        let (front, body) = text[4..].split_once("\n---\n").unwrap();
        let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
        let third = paragraphs[2];
        let cut = third.find(". ").expect("two sentences") + 2;
        let edited = format!("{}{added}. {}", &third[..cut], &third[cut..]);
        paragraphs[2] = &edited;
        format!("---\n{front}\n---\n{}", paragraphs.join("\n\n"))
    });
    let stats = served.rebuild_fresh("a sentence edited in an event body");
    assert!(stats.rendered >= 1, "the event page was not rendered again");
    assert!(
        stats.rendered * 10 <= stats.pages,
        "{} of {} pages rendered again for one sentence",
        stats.rendered,
        stats.pages
    );
    let showing: Vec<&String> = served
        .files
        .iter()
        .filter(|(p, b)| p.ends_with(".html") && String::from_utf8_lossy(b).contains(added))
        .map(|(p, _)| p)
        .collect();
    // The event page, and the page of the source cited in that paragraph (its claims).
    let events: Vec<&&String> = showing
        .iter()
        .filter(|p| !p.starts_with("sources/"))
        .collect();
    assert_eq!(
        events.len(),
        1,
        "one event page shows the body: {showing:?}"
    );

    let stats = served.rebuild_fresh("a second rebuild with nothing changed");
    assert_eq!(
        stats.rendered, 0,
        "nothing changed, yet pages were rendered"
    );
}

#[test]
fn a_changed_event_title_matches_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    // One that other bodies link to, so the link's target changes too.
    let file = referenced_event(&site);
    served.edit(&file, |text| {
        set_key(text, "title", "title: A wholly new headline")
    });
    let stats = served.rebuild_fresh("an event's title changed");
    assert!(
        stats.rendered >= 2 && stats.rendered < stats.pages,
        "{stats:?}"
    );

    // What lists show of it besides the title: its place and summary.
    served.edit(&file, |text| set_key(text, "place", "place: Lima, Peru"));
    served.rebuild_fresh("an event's place changed");
    served.edit(&file, |text| {
        add_key(text, "summary: A summary given in the front matter.")
    });
    let stats = served.rebuild_fresh("an event's summary given");
    assert!(stats.rendered < stats.pages, "{stats:?}");
}

#[test]
fn an_event_in_another_language_makes_every_list_say_its_entries_languages() {
    let site = synth_site();
    let mut served = Served::start(&site);
    // The site turns multilingual: every entry of every list, the explainers
    // index among them, now carries `lang`.
    let file = unreferenced_event(&site, 0);
    served.edit(&file, |text| add_key(text, "language: fa"));
    served.rebuild_fresh("an event is now in Persian");
    let explainers = String::from_utf8_lossy(&served.files["explainers/index.html"]).into_owned();
    assert!(explainers.contains(" lang=\"en\""), "{explainers}");
    // And back.
    served.edit(&file, |text| text.replace("language: fa\n", ""));
    served.rebuild_fresh("the event is in the site's language again");
}

#[test]
fn an_event_moved_to_another_month_and_year_matches_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    // Linked from another body: the link follows the page to its new URL.
    let file = referenced_event(&site);
    let id = id_of(&file);
    let (year, month) = (&id[..4], &id[5..7]);
    let other_month = if month == "06" { "07" } else { "06" };
    served.edit(&file, |text| {
        add_key(
            &without_sourcing(text),
            &format!("date: \"{year}-{other_month}-15\""),
        )
    });
    served.rebuild_fresh("an event moved to another month");

    let other_year = if year < "1990" { "2021" } else { "1955" };
    served.edit(&file, |text| {
        set_key(text, "date", &format!("date: \"{other_year}-02-28\""))
    });
    served.rebuild_fresh("an event moved to another year");

    // To a year of its own, and to year precision.
    served.edit(&file, |text| set_key(text, "date", "date: \"1901\""));
    served.rebuild_fresh("an event moved to a year with no other event");

    // Back where the file name puts it.
    served.edit(&file, |text| {
        let start = text.find("\ndate:").unwrap() + 1;
        let end = start + text[start..].find('\n').unwrap() + 1;
        format!("{}{}", &text[..start], &text[end..])
    });
    // Every page is rendered again when a page moves: the set of published paths is
    // part of each page's fingerprint.
    served.rebuild_fresh("an event moved back");
}

#[test]
fn an_added_and_a_deleted_event_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let source = id_of(&first_file(&site, "sources"));
    let linked = id_of(&event_files(&site)[3]);
    served.write(
        "content/events/2003/2003-05-17-a-new-event.md",
        &format!(
            "---\ntitle: A new event\nplace: Kerman, Iran\ntags: [Politics, A new tag]\n---\n\
             Something happened [@{source}]. It followed [an earlier report](event:{linked}).\n"
        ),
    );
    served.rebuild_fresh("an event added");

    served.remove(&unreferenced_event(&site, 10));
    served.rebuild_fresh("an event deleted");

    served.remove("content/events/2003/2003-05-17-a-new-event.md");
    served.rebuild_fresh("the added event deleted");
}

#[test]
fn a_span_into_later_years_and_a_key_event_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    // An event dated by its file name alone, neither a span nor a key event.
    let file = (event_files(&site).into_iter())
        .find(|f| {
            let text = site.read(f);
            ["\ndate:", "\nend:", "\nkey:"]
                .iter()
                .all(|k| !text.contains(k))
        })
        .expect("a plain event");
    served.edit(&file, |text| {
        add_key(
            &without_sourcing(text),
            "date: \"1990-11-20\"\nend: \"1992-02-10\"",
        )
    });
    served.rebuild_fresh("an event made a span into later years");
    // The overviews of 1991 and 1992 name the band by its title.
    served.edit(&file, |text| {
        set_key(text, "title", "title: A span renamed")
    });
    let stats = served.rebuild_fresh("a span's title changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
    served.edit(&file, |text| add_key(text, "key: true"));
    served.rebuild_fresh("a span made a key event");
}

#[test]
fn a_renamed_source_matches_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    // The most cited source: the synthetic archive cites the first ones most.
    let file = first_file(&site, "sources");
    served.edit(&file, |text| {
        set_key(text, "name", "name: The Renamed Gazette")
    });
    served.rebuild_fresh("a source's name changed");

    served.edit(&file, |text| set_key(text, "short", "short: TRG"));
    served.rebuild_fresh("a source's short name changed");

    // Event pages show it only in their JSON-LD (`citation.publisher.url`).
    served.edit(&file, |text| {
        set_key(text, "url", "url: https://renamed.example/")
    });
    let stats = served.rebuild_fresh("a source's homepage changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");

    served.edit(&file, |text| {
        text.replace("A synthetic source", "A renamed source")
    });
    let stats = served.rebuild_fresh("a source's description changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
}

#[test]
fn changed_reports_match_a_fresh_build() {
    let site = Site::basic();
    let mut served = Served::start(&site);
    let kerman = "content/events/2024/2024-01-03-kerman-explosions.md";
    served.edit(kerman, |text| {
        add_key(
            text,
            "reports:\n  - { id: afp-first, source: afp, url: \"https://news.example/1\", title: First report }\n  - { id: afp-toll, source: afp, url: \"https://news.example/2\" }",
        )
        .replace(
            "Two blasts near the grave.",
            "Two blasts near the grave [@afp-first].\n\nThe toll rose [@afp-toll].",
        )
    });
    served.rebuild_fresh("reports added and cited");

    // Source pages show each claim's report: its headline, address and copy.
    served.edit(kerman, |text| {
        text.replace("title: First report", "title: A renamed report")
    });
    let stats = served.rebuild_fresh("a report's headline changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
    served.edit(kerman, |text| {
        text.replace("https://news.example/2", "https://news.example/toll")
    });
    served.rebuild_fresh("a report's address changed");
    served.edit(kerman, |text| {
        text.replace(
            "url: \"https://news.example/toll\" }",
            "url: \"https://news.example/toll\", archived: \"https://archive.example/toll\", published: 2024-01-03T21:05+03:30 }",
        )
    });
    served.rebuild_fresh("a report's archived copy and time given");

    // A report of another outlet: its name shows in the event's list of reports.
    served.edit(kerman, |text| {
        text.replace(
            "id: afp-toll, source: afp",
            "id: reuters-toll, source: reuters",
        )
        .replace("[@afp-toll]", "[@reuters-toll]")
    });
    served.rebuild_fresh("a report moved to another source");
    served.edit("content/sources/reuters.md", |text| {
        set_key(text, "name", "name: Reuters News Agency")
    });
    served.rebuild_fresh("the outlet of a report renamed");

    served.edit(kerman, |text| {
        text.replace("[@afp-first]", "")
            .replace("[@reuters-toll]", "")
    });
    served.rebuild_fresh("the reports no longer cited");
}

#[test]
fn a_changed_explainer_matches_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = first_file(&site, "explainers");

    // The first paragraph is its summary, shown in cards and lists.
    served.edit(&file, |text| {
        text.replace(
            "is a figure who recurs",
            "is a figure, long out of office, who recurs",
        )
    });
    served.rebuild_fresh("an explainer's first paragraph changed");

    served.edit(&file, |text| {
        text.replace(
            "more background on the career",
            "more background on the life",
        )
    });
    served.rebuild_fresh("an explainer's second paragraph changed");

    served.edit(&file, |text| {
        add_key(text, "summary: A summary given in the front matter.")
    });
    served.rebuild_fresh("an explainer's summary given");

    served.edit(&file, |text| {
        set_key(text, "summary", "summary: Another summary.")
    });
    served.rebuild_fresh("an explainer's summary changed");

    served.edit(&file, |text| {
        set_key(text, "title", "title: A new explainer title")
    });
    served.rebuild_fresh("an explainer's title changed");

    // Event bodies mention explainers by alias: other aliases, other links.
    served.edit(&file, |text| {
        set_key(text, "aliases", "aliases: [reporters]")
    });
    served.rebuild_fresh("an explainer's aliases replaced");

    served.edit(&file, |text| set_key(text, "aliases", "aliases: []"));
    served.rebuild_fresh("an explainer's aliases removed");
}

/// The merged site's page at output path `path`, as text.
fn served_page(served: &Served<'_>, path: &str) -> String {
    String::from_utf8_lossy(&served.files[path]).into_owned()
}

#[test]
fn corrections_added_changed_and_removed_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = unreferenced_event(&site, 0);
    let corrections = "corrections:\n  - date: \"2030-01-02\"\n    text: The first toll was wrong.";
    served.edit(&file, |text| add_key(&without_sourcing(text), corrections));
    let stats = served.rebuild_fresh("a correction added to an event");
    assert!(stats.rendered < stats.pages, "{stats:?}");
    let list = served_page(&served, "corrections/index.html");
    assert!(list.contains("The first toll was wrong."), "{list}");

    // Its text: the event's page and the corrections page, nothing else.
    served.edit(&file, |text| {
        text.replace("The first toll was wrong.", "The *place* was wrong.")
    });
    let stats = served.rebuild_fresh("a correction's text changed");
    assert_eq!(stats.rendered, 2, "{stats:?}");
    assert!(served_page(&served, "corrections/index.html").contains("<em>place</em>"));

    // Its date, which is the event's `updated` in the feeds and sitemap.
    served.edit(&file, |text| text.replace("2030-01-02", "2030-03-04"));
    served.rebuild_fresh("a correction's date changed");

    // A second one, on the same event.
    served.edit(&file, |text| {
        text.replace(
            "corrections:\n",
            "corrections:\n  - date: \"2030-02-01\"\n    text: A second correction.\n",
        )
    });
    served.rebuild_fresh("a second correction added");

    // What the corrections page shows of the event it corrects: its title.
    served.edit(&file, |text| {
        set_key(text, "title", "title: A corrected headline")
    });
    served.rebuild_fresh("a corrected event's title changed");
    assert!(served_page(&served, "corrections/index.html").contains("A corrected headline"));

    let explainer = first_file(&site, "explainers");
    served.edit(&explainer, |text| {
        add_key(
            text,
            "corrections:\n  - date: \"2030-01-05\"\n    text: The explainer got a date wrong.",
        )
    });
    served.rebuild_fresh("a correction added to an explainer");
    // The explainer's page is dated in the sitemap by it, made again for it.
    let id = explainer
        .trim_end_matches(".md")
        .rsplit('/')
        .next()
        .unwrap();
    let sitemap = served_page(&served, "sitemap.xml");
    assert!(
        sitemap.contains(&format!(
            "explainers/{id}/</loc><lastmod>2030-01-05T00:00:00Z</lastmod>"
        )),
        "{sitemap}"
    );

    served.edit(&file, |text| {
        let start = text.find("corrections:\n").unwrap();
        let end = text.find("    text: The *place* was wrong.\n").unwrap()
            + "    text: The *place* was wrong.\n".len();
        format!("{}{}", &text[..start], &text[end..])
    });
    served.rebuild_fresh("an event's corrections removed");
    let list = served_page(&served, "corrections/index.html");
    assert!(!list.contains("The *place*") && !list.contains("A second correction."));
}

#[test]
fn changed_event_tags_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = event_files(&site)[EVENTS / 3].clone();
    served.edit(&file, |text| {
        set_key(text, "tags", "tags: [Politics, Brand new tag]")
    });
    served.rebuild_fresh("an event's tags changed, one of them new");

    served.edit(&file, |text| set_key(text, "tags", "tags: [Economy]"));
    served.rebuild_fresh("the new tag removed again");

    served.edit(&file, |text| set_key(text, "tags", "tags: []"));
    let stats = served.rebuild_fresh("an event's tags removed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
}

#[test]
fn what_related_events_share_follows_their_edits() {
    let site = Site::new();
    site.file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\n---\nx\n",
    )
    .file(
        "content/events/2024-01-01-a.md",
        "---\ntitle: A\nexplainers: [quds-force]\ntags: [t]\n---\nx\n",
    )
    .file(
        "content/events/2024-01-02-b.md",
        "---\ntitle: B\nexplainers: [quds-force]\ntags: [t]\n---\nx\n",
    );
    let mut served = Served::start(&site);
    // B's page shows A as related: what they share changes, A's list entry does not.
    served.edit("content/events/2024-01-01-a.md", |text| {
        text.replace("explainers: [quds-force]", "explainers: []")
    });
    let stats = served.rebuild_fresh("a related event's explainer removed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
    served.edit("content/events/2024-01-01-a.md", |text| {
        format!("{text}\nSee [B](event:2024-01-02-b).\n")
    });
    served.rebuild_fresh("a link to a related event added");
}

#[test]
fn changed_links_and_explainers_between_events_match_a_fresh_build() {
    // What related events share is shown with them: each change here changes it.
    let site = synth_site();
    let mut served = Served::start(&site);
    let files = event_files(&site);
    let file = files[EVENTS / 4].clone();
    let next = id_of(&files[EVENTS / 4 + 1]);
    served.edit(&file, |text| {
        format!("{text}\nSee also [the next event](event:{next}).\n")
    });
    served.rebuild_fresh("a link to the next event added");

    let explainer = id_of(&first_file(&site, "explainers"));
    served.edit(&file, |text| {
        add_key(text, &format!("explainers: [{explainer}]"))
    });
    served.rebuild_fresh("an explainer listed in front matter");

    served.edit(&file, |text| set_key(text, "tags", "tags: []"));
    served.rebuild_fresh("an event's tags removed, its explainer kept");

    served.edit(&file, |text| set_key(text, "explainers", "explainers: []"));
    served.rebuild_fresh("its explainer removed too");
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_build_and_a_fix_matches_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = event_files(&site)[7].clone();
    let good = site.read(&file);

    // A citation of a source that does not exist.
    served.write(&file, &format!("{good}A claim [@no-such-source].\n"));
    let found = served.rebuild_fails();
    assert!(
        rendered(&found).contains("no-such-source"),
        "{}",
        rendered(&found)
    );
    // Put back: nothing to render since the last good build.
    served.write(&file, &good);
    let stats = served.rebuild_fresh("a failed build undone");
    assert_eq!(stats.rendered, 0, "{stats:?}");

    // Broken front matter, then fixed another way than it was.
    served.write(
        &file,
        &good.replacen("---\ntitle:", "---\ntitle: [unclosed", 1),
    );
    served.rebuild_fails();
    served.edit(&file, |_| set_key(&good, "title", "title: Fixed title"));
    served.rebuild_fresh("broken front matter fixed with a new title");

    // Two failures in a row, on other files, then both fixed with changes.
    let other = event_files(&site)[EVENTS - 5].clone();
    let other_good = site.read(&other);
    served.write(&other, &format!("{other_good}A claim [@no-such-source].\n"));
    served.rebuild_fails();
    served.write(&file, "---\ntitle: \n---\nx\n");
    served.rebuild_fails();
    served.write(&other, &format!("{other_good}A new closing line.\n"));
    served.write(&file, &set_key(&good, "title", "title: Fixed again"));
    served.rebuild_fresh("two failures fixed");
}

#[test]
fn changed_templates_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let base = std::fs::read_to_string(theme.join("base.html")).unwrap();
    assert!(base.contains("</body>"), "{base}");

    // The site's own base template, replacing the built-in one.
    served.write(
        "templates/base.html",
        &base.replacen(
            "</body>",
            "<p class=\"changed\">A site template.</p>\n</body>",
            1,
        ),
    );
    let stats = served.rebuild_fresh("templates/base.html added");
    assert_eq!(
        stats.rendered, stats.pages,
        "every page uses the base template"
    );

    served.edit("templates/base.html", |text| {
        text.replace("A site template.", "A changed site template.")
    });
    served.rebuild_fresh("templates/base.html changed");

    // A partial only list pages include.
    let partials: Vec<PathBuf> = walk(&theme.join("partials"));
    let item = partials
        .iter()
        .find(|p| p.ends_with("event_item.html"))
        .expect("the built-in partials/event_item.html");
    let text = std::fs::read_to_string(item).unwrap();
    served.write(
        "templates/partials/event_item.html",
        &format!("{text}<!-- changed item -->\n"),
    );
    let stats = served.rebuild_fresh("templates/partials/event_item.html added");
    assert!(stats.rendered > 0, "{stats:?}");

    // A template that fails to render, then put right.
    let event = std::fs::read_to_string(theme.join("event.html")).unwrap();
    served.write(
        "templates/event.html",
        &format!("{event}{{{{ no_such_variable.field }}}}\n"),
    );
    served.rebuild_fails();
    served.remove("templates/event.html");
    served.rebuild_fresh("a failing template removed");

    // Back to the built-in theme.
    served.remove("templates/base.html");
    served.remove("templates/partials/event_item.html");
    let stats = served.rebuild_fresh("the site's templates removed");
    assert_eq!(stats.rendered, stats.pages, "{stats:?}");
}

/// The repository's example site, its theme included, copied to a temp folder.
fn example_site() -> Site {
    let site = Site::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "templates", "static"] {
        for path in walk(&repo.join(folder)) {
            let rel = path
                .strip_prefix(repo)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            site.bytes(&rel, &std::fs::read(&path).unwrap());
        }
    }
    site.bytes(
        "dateline.toml",
        &std::fs::read(repo.join("dateline.toml")).unwrap(),
    );
    site
}

#[test]
fn a_series_of_edits_to_the_example_site_matches_fresh_builds() {
    let site = example_site();
    let mut served = Served::start(&site);
    assert_eq!(served.rebuild_fresh("nothing changed").rendered, 0);

    let kerman = "content/events/2024/2024-01-03-kerman-explosions.md";
    served.edit(kerman, |text| {
        set_key(text, "title", "title: Twin blasts in Kerman")
    });
    served.rebuild_fresh("the example event's title changed");

    served.edit(kerman, |text| set_key(text, "tags", "tags: [Kerman]"));
    served.rebuild_fresh("the example event's tags changed");

    // An explainer written inline in that event: its summary shows on other pages.
    served.edit(kerman, |text| {
        text.replace(
            "Qasem Soleimani commanded the Quds Force",
            "Qasem Soleimani, a general, commanded the Quds Force",
        )
    });
    served.rebuild_fresh("the inline explainer's first paragraph changed");

    served.edit(kerman, |text| {
        text.replace("## Who is Qasem Soleimani", "## Qasem Soleimani, in brief")
    });
    served.rebuild_fresh("the inline explainer's heading changed");

    served.edit("content/sources/afp.md", |text| {
        set_key(text, "name", "name: AFP news agency")
    });
    served.rebuild_fresh("a source renamed");

    served.edit("content/explainers/quds-force.md", |text| {
        format!("{text}\nA closing paragraph.\n")
    });
    served.rebuild_fresh("the explainer's body changed");

    served.remove("content/events/2024/2024-01-03-toll-passes-70.md");
    served.rebuild_fresh("an event deleted");

    served.edit("templates/base.html", |text| {
        text.replacen("</body>", "<!-- edited -->\n</body>", 1)
    });
    let stats = served.rebuild_fresh("the site's base template changed");
    assert_eq!(stats.rendered, stats.pages);
}

#[test]
fn changes_the_caches_cannot_see_render_every_page_again() {
    let site = example_site();
    let mut served = Served::start(&site);
    assert_eq!(served.rebuild_fresh("nothing changed").rendered, 0);

    // The configuration, saved as it was.
    let config = site.read("dateline.toml");
    served.write("dateline.toml", &config);
    let stats = served.rebuild_fresh("dateline.toml saved");
    assert_eq!(stats.rendered, stats.pages, "{stats:?}");

    served.write("static/notes.txt", "A note.\n");
    let stats = served.rebuild_fresh("a file added to static/");
    assert_eq!(stats.rendered, stats.pages, "{stats:?}");

    // The watcher lost track of changes: it sends the site's root.
    served.changed.push(site.root().to_owned());
    let stats = served.rebuild_fresh("the watcher lost track");
    assert_eq!(stats.rendered, stats.pages, "{stats:?}");

    // A build that failed because of the machine leaves nothing to trust.
    served.incremental.distrust();
    let stats = served.rebuild_fresh("a build the machine let fail");
    assert_eq!(stats.rendered, stats.pages, "{stats:?}");

    assert_eq!(served.rebuild_fresh("nothing changed again").rendered, 0);
}

#[test]
fn readings_and_accounts_added_and_changed_match_a_fresh_build() {
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = unreferenced_event(&site, 0);
    let source = first_file(&site, "sources");
    let source = source
        .trim_end_matches(".md")
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let figures = format!("figures:\n  killed:\n    - {{ value: at least 20, source: {source} }}");
    served.edit(&file, |text| add_key(&without_sourcing(text), &figures));
    served.rebuild_fresh("a reading added to an event");
    assert!(served_page(&served, "figures/killed/index.html").contains("at least 20"));

    // Its value: the event, its list entries, the figure's pages and the source's.
    served.edit(&file, |text| text.replace("at least 20", "more than 70"));
    let stats = served.rebuild_fresh("a reading's value changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
    assert!(served_page(&served, "figures/killed/index.html").contains("more than 70"));

    // Its status: retracted, it is no longer the figure's current value.
    served.edit(&file, |text| {
        text.replace("more than 70, ", "more than 70, status: retracted, ")
    });
    served.rebuild_fresh("a reading retracted");

    // An open question, then a second account of it on another event.
    let question = format!(
        "questions:\n  cause:\n    ask: What caused it?\n    accounts:\n      - {{ says: A gas leak, source: {source} }}"
    );
    served.edit(&file, |text| add_key(text, &question));
    served.rebuild_fresh("a question asked");
    let other = unreferenced_event(&site, 1);
    let account = format!(
        "questions:\n  cause:\n    accounts:\n      - {{ says: An attack, source: {source}, status: disputed }}"
    );
    served.edit(&other, |text| add_key(&without_sourcing(text), &account));
    served.rebuild_fresh("an account added on another event");
    assert!(served_page(&served, "questions/cause/index.html").contains("An attack"));
    // Confirmed there, it settles the question: the first event's box, which
    // nothing else of the other event touches, says so.
    served.edit(&other, |text| {
        text.replace("status: disputed", "status: confirmed")
    });
    served.rebuild_fresh("an account confirmed on another event");
    let boxes: Vec<String> = (served.files.values())
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .filter(|html| html.contains("class=\"questions-box\"") && html.contains("A gas leak"))
        .collect();
    assert_eq!(boxes.len(), 1, "one event page shows the first account");
    let html = &boxes[0];
    assert!(html.contains("settled"), "{html}");
    assert!(html.contains("All 2 accounts"), "{html}");
}

#[test]
fn an_event_image_given_and_changed_matches_a_fresh_build() {
    // The image is in the event's page, its feed entry and its `timeline.json` slide.
    let site = synth_site();
    let mut served = Served::start(&site);
    let file = event_files(&site)[EVENTS / 2].clone();
    served.edit(&file, |text| {
        add_key(
            text,
            "image: { src: \"https://photos.example.net/a.jpg\", alt: A crowd }",
        )
    });
    served.rebuild_fresh("an event's image given");
    served.edit(&file, |text| {
        set_key(
            text,
            "image",
            "image: { src: \"https://photos.example.net/b.jpg\", alt: A crowd, credit: Agency }",
        )
    });
    let stats = served.rebuild_fresh("an event's image changed");
    assert!(stats.rendered < stats.pages, "{stats:?}");
}

/// Five events of 2024 and a key span of the summer, at two a page: the span is
/// on page 3 of the timeline and of 2024, while the overviews on their first pages
/// draw it.
fn split_site(config: &str) -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        &format!("title = \"T\"\ntimezone = \"UTC\"\nper_page = 2\n{config}"),
    );
    site.file("content/sources/wire.md", "---\nname: Wire\n---\nA wire.\n");
    for m in 1..=5 {
        site.file(
            &format!("content/events/e{m}.md"),
            &format!("---\ntitle: E{m}\ndate: \"2024-0{m}-10\"\n---\nHappened [@wire].\n"),
        );
    }
    site.file(
        "content/events/span.md",
        "---\ntitle: Span\ndate: \"2024-06-01\"\nend: \"2024-08\"\nkey: true\n---\nHappened [@wire].\n",
    );
    site
}

#[test]
fn overviews_on_first_pages_follow_spans_and_key_events_listed_on_later_ones() {
    for config in ["", "key_events = false\n"] {
        let site = split_site(config);
        let mut served = Served::start(&site);
        served.edit("content/events/span.md", |t| {
            t.replace("title: Span", "title: Span renamed")
        });
        served.rebuild_fresh("a span on page 3 renamed");
        served.edit("content/events/span.md", |t| {
            t.replace("end: \"2024-08\"", "end: \"2024-11\"")
        });
        served.rebuild_fresh("a span on page 3 made longer");
        served.edit("content/events/span.md", |t| t.replace("key: true\n", ""));
        served.rebuild_fresh("a span on page 3 no longer key");
        served.edit("content/events/e5.md", |t| {
            t.replace("title: E5", "title: E5\nkey: true")
        });
        served.rebuild_fresh("an event on page 3 made key");
        served.edit("content/events/e5.md", |t| {
            t.replace("title: E5", "title: E5 renamed")
        });
        served.rebuild_fresh("a key event on page 3 renamed");
    }
}

#[test]
fn a_page_a_shorter_list_no_longer_has_leaves_serve() {
    let site = split_site("");
    let mut served = Served::start(&site);
    assert!(served.files.contains_key("page/3/index.html"));
    served.remove("content/events/e5.md");
    served.remove("content/events/e4.md");
    served.rebuild_fresh("two events removed");
    assert!(!served.files.contains_key("page/3/index.html"));
    served.write(
        "content/events/e5.md",
        "---\ntitle: E5\ndate: \"2024-05-10\"\n---\nHappened [@wire].\n",
    );
    served.rebuild_fresh("an event back");
    assert!(served.files.contains_key("page/3/index.html"));
}
