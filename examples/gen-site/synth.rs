//! A synthetic news archive, deterministic from a seed: the content `gen-site` writes
//! as a dateline site and, optionally, as the equivalent Hugo site.
//!
//! N events spread over 1950–2025 at year, month, day and minute precision (some with
//! a zone of their own, some with an offset), ~400-word bodies with 2–4 citations, a
//! wikilink, plain-text mentions of explainers (alias links), a list and emphasis;
//! max(40, N/250) sources, max(4, N/100) explainers with aliases, and 50 tags.
//! Sourcing as newsrooms write it (SPEC §9): a third of the citations carry an
//! attribution note, half of them naming a second source (`[@a, quoting @b]`); a
//! quarter of the events list the reports they rely on (two on average, four in five
//! with an archived copy, some sources with two reports cited by id); one event in ten
//! has a correction. One event in twenty gives readings of figures (SPEC §9.5): eight
//! figures, each a series of readings across the archive (dozens at 10,000 events),
//! in every form of the value grammar and every status; one in fifty gives accounts
//! of an open question (SPEC §9.6), one of N/500 questions. One in 200 is a key
//! event and one day-precision event in 50 is a span of days (SPEC §10). These are
//! drawn from generators of their own, so the rest of the archive is the same with
//! or without them.
//!
//! Shared with the test suite and the benchmarks (included by path): apart from the
//! list of source kinds, which it takes from dateline, it uses only the standard library.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Plan {
    pub events: usize,
    pub seed: u64,
}

impl Plan {
    pub fn sources(&self) -> usize {
        (self.events / 250).max(40)
    }

    pub fn explainers(&self) -> usize {
        (self.events / 100).max(4)
    }
}

/// SplitMix64: tiny, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// In `0..n`, favouring low numbers: a few sources are cited most.
    fn skewed(&mut self, n: usize) -> usize {
        let f = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((f * f * n as f64) as usize).min(n - 1)
    }
}

const SYLLABLES: [&str; 20] = [
    "ka", "ro", "mi", "sa", "del", "tor", "van", "li", "ne", "bar", "zu", "far", "ho", "qen",
    "dar", "mo", "tia", "rez", "ul", "pan",
];

const WORDS: [&str; 64] = [
    "officials",
    "said",
    "the",
    "crowd",
    "gathered",
    "near",
    "central",
    "square",
    "after",
    "reports",
    "of",
    "a",
    "second",
    "blast",
    "witnesses",
    "described",
    "smoke",
    "rising",
    "over",
    "market",
    "while",
    "police",
    "closed",
    "roads",
    "into",
    "city",
    "hospitals",
    "treated",
    "dozens",
    "injured",
    "people",
    "early",
    "morning",
    "ministry",
    "statement",
    "confirmed",
    "that",
    "rescue",
    "teams",
    "were",
    "still",
    "searching",
    "damaged",
    "buildings",
    "local",
    "media",
    "quoted",
    "governor",
    "as",
    "saying",
    "investigation",
    "had",
    "begun",
    "across",
    "region",
    "election",
    "results",
    "delayed",
    "by",
    "storm",
    "protesters",
    "marched",
    "toward",
    "parliament",
];

const TAGS: [&str; 50] = [
    "Politics",
    "Elections",
    "Protests",
    "Conflict",
    "Diplomacy",
    "Economy",
    "Energy",
    "Oil",
    "Health",
    "Disasters",
    "Floods",
    "Earthquakes",
    "Climate",
    "Science",
    "Space",
    "Technology",
    "Courts",
    "Crime",
    "Terrorism",
    "Migration",
    "Refugees",
    "Trade",
    "Labour",
    "Education",
    "Religion",
    "Culture",
    "Sport",
    "Media",
    "Transport",
    "Aviation",
    "Shipping",
    "Agriculture",
    "Water",
    "Housing",
    "Finance",
    "Banking",
    "Currency",
    "Sanctions",
    "Nuclear",
    "Military",
    "Police",
    "Human rights",
    "Women",
    "Youth",
    "Borders",
    "Infrastructure",
    "Telecoms",
    "Tourism",
    "Environment",
    "Archives",
];

const PLACES: [&str; 12] = [
    "Kerman, Iran",
    "Baghdad, Iraq",
    "Beirut, Lebanon",
    "Cairo, Egypt",
    "Istanbul, Turkey",
    "London, United Kingdom",
    "Paris, France",
    "Nairobi, Kenya",
    "Delhi, India",
    "Tokyo, Japan",
    "Lima, Peru",
    "Sydney, Australia",
];

/// Zones events may carry, with the standard offset the Hugo copy uses (Hugo has no
/// per-page zones; daylight saving is ignored there).
const ZONES: [(&str, &str); 6] = [
    ("Asia/Tehran", "+03:30"),
    ("Europe/London", "+00:00"),
    ("America/New_York", "-05:00"),
    ("Asia/Tokyo", "+09:00"),
    ("Africa/Cairo", "+02:00"),
    ("Australia/Sydney", "+10:00"),
];

/// A name built from `i`'s base-20 digits, so every index gets its own.
fn coined(mut i: usize, syllables: usize) -> String {
    let mut name = String::new();
    for _ in 0..syllables {
        name.push_str(SYLLABLES[i % 20]);
        i /= 20;
    }
    let mut chars = name.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

struct Source {
    id: String,
    name: String,
    short: String,
}

struct Explainer {
    id: String,
    subject: String,
    alias: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

struct Event {
    id: String,
    slug: String,
    folder: String,
    title: String,
    precision: Precision,
    y: i32,
    m: u32,
    d: u32,
    hh: u32,
    mm: u32,
    /// Some(index into ZONES) for a zone key; for minute precision without a zone,
    /// `offset` says whether the time carries an offset or is read in the site's zone.
    zone: Option<usize>,
    offset: bool,
    place: &'static str,
    tags: Vec<usize>,
    /// Paragraphs of Markdown with `{cite:N}`, `{wiki:N}`, `{event:N}` markers.
    body: Vec<String>,
    /// The sources the body cites, in order.
    cited: Vec<usize>,
}

/// Everything generated, before it is written in either engine's format.
pub struct Archive {
    sources: Vec<Source>,
    explainers: Vec<Explainer>,
    events: Vec<Event>,
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for k in 0..words {
        let w = rng.pick(&WORDS);
        if k == 0 {
            let mut c = w.chars();
            s.push(c.next().unwrap().to_ascii_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            if rng.below(25) == 0 {
                let _ = write!(s, "*{w}*");
            } else if rng.below(40) == 0 {
                let _ = write!(s, "**{w}**");
            } else {
                s.push_str(w);
            }
        }
    }
    s
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut p = String::new();
    for k in 0..sentences {
        if k > 0 {
            p.push(' ');
        }
        let n = 10 + rng.below(9);
        p.push_str(&sentence(rng, n));
        p.push('.');
    }
    p
}

impl Archive {
    pub fn new(plan: &Plan) -> Archive {
        let mut rng = Rng(plan.seed);
        let sources: Vec<Source> = (0..plan.sources())
            .map(|i| {
                let place = coined(i, 3);
                let noun = ["Herald", "Wire", "Radio", "Monitor", "Post", "Agency"][i % 6];
                let name = format!("{place} {noun}");
                Source {
                    id: format!("src-{}-{}", place.to_lowercase(), noun.to_lowercase()),
                    short: format!("{}{}", &place[..1], &noun[..1]).to_uppercase() + &i.to_string(),
                    name,
                }
            })
            .collect();
        let explainers: Vec<Explainer> = (0..plan.explainers())
            .map(|i| {
                // Family names from i's digits (unique, 3 syllables + "i"); given names
                // are two syllables, so never equal to anyone's family name.
                let family = format!("{}i", coined(i, 3));
                let given = coined(rng.below(400), 2);
                Explainer {
                    id: format!("who-is-{}-{}", given.to_lowercase(), family.to_lowercase()),
                    subject: format!("{given} {family}"),
                    alias: family,
                }
            })
            .collect();
        let mut events = Vec::with_capacity(plan.events);
        for i in 0..plan.events {
            let y = 1950 + rng.below(76) as i32;
            let m = 1 + rng.below(12) as u32;
            let d = 1 + rng.below(days_in(y, m) as usize) as u32;
            let precision = match rng.below(100) {
                0..8 => Precision::Year,
                8..20 => Precision::Month,
                20..75 => Precision::Day,
                _ => Precision::Minute,
            };
            let zone = (precision == Precision::Minute && rng.below(3) == 0)
                .then(|| rng.below(ZONES.len()));
            let offset = precision == Precision::Minute && zone.is_none() && rng.below(2) == 0;
            let (a, b) = (rng.pick(&WORDS), rng.pick(&WORDS));
            let town = coined(rng.below(8000), 3);
            let slug = format!("{a}-{b}-in-{}-{i}", town.to_lowercase());
            let stem = match precision {
                Precision::Year => format!("{y}-{slug}"),
                Precision::Month => format!("{y}-{m:02}-{slug}"),
                _ => format!("{y}-{m:02}-{d:02}-{slug}"),
            };
            let mut tags: Vec<usize> = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let t = rng.below(TAGS.len());
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let mut cited: Vec<usize> = Vec::new();
            while cited.len() < 2 + rng.below(3) {
                let s = rng.skewed(sources.len());
                if !cited.contains(&s) {
                    cited.push(s);
                }
            }
            // Six paragraphs and a list: ~400 words.
            let mut body: Vec<String> = (0..6).map(|_| paragraph(&mut rng, 4)).collect();
            for (k, &s) in cited.iter().enumerate() {
                let _ = write!(body[k * 2 % 6], " {{cite:{s}}}");
            }
            let mentioned = rng.below(explainers.len());
            let linked = rng.below(explainers.len());
            body[0] = format!(
                "{} of {} told reporters. {}",
                explainers[mentioned].alias,
                rng.pick(&PLACES),
                body[0]
            );
            let _ = write!(body[1], " See also {{wiki:{linked}}}.");
            if i > 0 && rng.below(3) == 0 {
                let earlier = rng.below(i);
                let _ = write!(body[4], " It followed {{event:{earlier}}}.");
            }
            let list: Vec<String> = (0..3)
                .map(|_| {
                    let n = 6 + rng.below(6);
                    format!("- {}", sentence(&mut rng, n))
                })
                .collect();
            body.insert(3, list.join("\n"));
            events.push(Event {
                folder: y.to_string(),
                title: format!("{} {} in {town}", capitalised(a), b),
                id: stem,
                slug,
                precision,
                y,
                m,
                d,
                // Daytime: clocks change between midnight and 03:00, and a time that
                // daylight saving skipped is (rightly) an error.
                hh: 6 + rng.below(16) as u32,
                mm: rng.below(60) as u32,
                zone,
                offset,
                place: rng.pick(&PLACES),
                tags,
                body,
                cited,
            });
        }
        Archive {
            sources,
            explainers,
            events,
        }
    }

    /// Writes the dateline site: `dateline.toml` and `content/`.
    pub fn write_dateline(&self, out: &Path) -> io::Result<usize> {
        let mut files = 0;
        write(
            &out.join("dateline.toml"),
            &format!(
                "title = \"Synthetic archive\"\nbase_url = \"/\"\ntimezone = \"UTC\"\n{}",
                FIGURES
                    .iter()
                    .map(|(name, label)| format!("\n[figures.{name}]\nlabel = \"{label}\"\n"))
                    .collect::<String>()
            ),
        )?;
        for s in &self.sources {
            let kinds = dateline::load::raw::SOURCE_KINDS;
            let kind = kinds[s.id.len() % kinds.len()];
            let text = format!(
                "---\nname: {}\nshort: {}\nkind: {kind}\nurl: https://example.org/{}/\n---\n{}\n",
                s.name, s.short, s.id, "A synthetic source that reports on the archive's events."
            );
            write(&out.join(format!("content/sources/{}.md", s.id)), &text)?;
            files += 1;
        }
        for (i, x) in self.explainers.iter().enumerate() {
            let other = &self.explainers[(i + 1) % self.explainers.len()];
            let text = format!(
                "---\ntitle: Who is {}\nsubject: {}\nkind: person\naliases: [{}]\n---\n\
                 {} is a figure who recurs across the archive. Colleagues include \
                 [[{}]].\n\nA second paragraph gives more background on the career \
                 and the events that shaped it.\n",
                x.subject, x.subject, x.alias, x.subject, other.subject
            );
            write(&out.join(format!("content/explainers/{}.md", x.id)), &text)?;
            files += 1;
        }
        for e in &self.events {
            let mut fm = format!("---\ntitle: {}\n", e.title);
            match e.precision {
                Precision::Year => writeln!(fm, "date: \"{}\"", e.y),
                Precision::Month => writeln!(fm, "date: \"{}-{:02}\"", e.y, e.m),
                Precision::Day => Ok(()),
                Precision::Minute => {
                    let offset = if e.offset { "+03:30" } else { "" };
                    writeln!(
                        fm,
                        "date: \"{}-{:02}-{:02}T{:02}:{:02}{offset}\"",
                        e.y, e.m, e.d, e.hh, e.mm
                    )
                }
            }
            .unwrap();
            if let Some(z) = e.zone {
                writeln!(fm, "timezone: {}", ZONES[z].0).unwrap();
            }
            fm.push_str(&self.key_and_span(e));
            let tags: Vec<&str> = e.tags.iter().map(|&t| TAGS[t]).collect();
            writeln!(fm, "place: {}\ntags: [{}]\n---", e.place, tags.join(", ")).unwrap();
            let sourcing = self.sourcing(e);
            fm.insert_str(fm.len() - "---\n".len(), &sourcing.front_matter);
            let body = self.body(
                e,
                |s| sourcing.citation(s, &self.sources),
                |x| format!("[[{}]]", self.explainers[x].subject),
                |j| format!("[an earlier report](event:{})", self.events[j].id),
            );
            let path = out.join(format!("content/events/{}/{}.md", e.folder, e.id));
            write(&path, &format!("{fm}{body}"))?;
            files += 1;
        }
        Ok(files)
    }

    /// How event `e` cites its sources (SPEC §9.2–§9.4): attribution notes, reports
    /// and corrections, drawn from a generator seeded by the event's id.
    fn sourcing(&self, e: &Event) -> Sourcing {
        let seed = e.id.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        });
        let mut rng = Rng(seed);
        let mut notes = Vec::new();
        for &s in &e.cited {
            notes.push(match rng.below(6) {
                0 => {
                    let other = (s + 1 + rng.below(self.sources.len() - 1)) % self.sources.len();
                    Some(format!("quoting @{}", self.sources[other].id))
                }
                1 => Some(
                    rng.pick(&["citing local media", "quoting a local official"])
                        .to_owned(),
                ),
                _ => None,
            });
        }
        // A report is never earlier than the day the event is known to: the last day
        // of its year or month, its own day.
        let day = match e.precision {
            Precision::Year => format!("{}-12-31", e.y),
            Precision::Month => format!("{}-{:02}-{:02}", e.y, e.m, days_in(e.y, e.m)),
            _ => format!("{}-{:02}-{:02}", e.y, e.m, e.d),
        };
        let mut front_matter = String::new();
        let mut report_ids = Vec::new();
        if rng.below(4) == 0 {
            front_matter.push_str("reports:\n");
            for (k, &s) in e.cited.iter().take(2).enumerate() {
                let id = &self.sources[s].id;
                let twice = k == 0 && rng.below(4) == 0;
                for n in 0..1 + usize::from(twice) {
                    let report_id = format!("{id}-{}", n + 1);
                    let url = format!("https://example.com/{id}/{}/{}", e.slug, n + 1);
                    let _ = writeln!(front_matter, "  - source: {id}");
                    if twice {
                        let _ = writeln!(front_matter, "    id: {report_id}");
                    }
                    let _ = write!(
                        front_matter,
                        "    url: {url}\n    title: {}\n    published: \"{day}\"\n",
                        e.title
                    );
                    if rng.below(5) > 0 {
                        let _ = writeln!(
                            front_matter,
                            "    archived: https://archive.example.org/2024/{url}"
                        );
                    }
                    report_ids.push((s, twice.then_some(report_id)));
                }
            }
        }
        if rng.below(10) == 0 {
            let _ = write!(
                front_matter,
                "corrections:\n  - date: \"{}-01-15\"\n    text: An earlier version of this entry gave the wrong *place*.\n",
                e.y + 1
            );
        }
        front_matter.push_str(&self.figures_and_questions(e, seed));
        Sourcing {
            cited: e.cited.clone(),
            notes,
            report_ids,
            front_matter,
        }
    }

    /// `key: true` on one event in 200, and an `end` (a span of 1–9 days in its
    /// month) on one day-precision event in 50 (SPEC §10's key events and the
    /// overview's bands), from a generator of their own seeded by the event's id.
    fn key_and_span(&self, e: &Event) -> String {
        let seed = e.id.bytes().fold(0x84_22_23_25u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        });
        let mut rng = Rng(seed ^ 0xD1B5_4A32_D192_ED03);
        let mut out = String::new();
        if rng.below(200) == 0 {
            out.push_str("key: true\n");
        }
        if e.precision == Precision::Day && rng.below(50) == 0 && e.d < days_in(e.y, e.m) {
            let last = (e.d + 1 + rng.below(9) as u32).min(days_in(e.y, e.m));
            let _ = writeln!(out, "end: \"{}-{:02}-{last:02}\"", e.y, e.m);
        }
        out
    }

    /// The `figures:` and `questions:` of event `e`, from a generator of their own
    /// seeded from `seed`: readings on one event in twenty, accounts on one in fifty.
    fn figures_and_questions(&self, e: &Event, seed: u64) -> String {
        let mut rng = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        let mut out = String::new();
        let Some(&first) = e.cited.first() else {
            return out;
        };
        let source = |rng: &mut Rng| &self.sources[e.cited[rng.below(e.cited.len())]].id;
        if rng.below(20) == 0 {
            out.push_str("figures:\n");
            let figures = 1 + rng.below(2);
            let start = rng.below(FIGURES.len());
            for f in 0..figures {
                let (name, _) = FIGURES[(start + f) % FIGURES.len()];
                let _ = writeln!(out, "  {name}:");
                for _ in 0..1 + rng.below(3) {
                    let n = 5 + rng.below(2000);
                    let value = match rng.below(7) {
                        0 => format!("at least {n}"),
                        1 => format!("\">= {n}\""),
                        2 => format!("more than {n}"),
                        3 => format!("up to {n}"),
                        4 => format!("about {n}"),
                        5 => format!("{n}-{}", n + 1 + rng.below(300)),
                        _ => {
                            let n = 1000 + rng.below(20_000);
                            format!("\"{},{:03}\"", n / 1000, n % 1000)
                        }
                    };
                    let status = match rng.below(12) {
                        0 => ", status: confirmed",
                        1 => ", status: disputed",
                        2 => ", status: retracted",
                        3 => ", status: revised",
                        _ => "",
                    };
                    let _ = writeln!(
                        out,
                        "    - {{ value: {value}, source: {}{status} }}",
                        source(&mut rng)
                    );
                }
            }
        }
        if rng.below(50) == 0 {
            let questions = (self.events.len() / 500).max(2);
            let q = rng.below(questions);
            let _ = writeln!(
                out,
                "questions:\n  q-{q}:\n    ask: What caused incident {q}?\n    accounts:"
            );
            for k in 0..1 + rng.below(3) {
                let status = match rng.below(6) {
                    0 => ", status: confirmed",
                    1 => ", status: disputed",
                    2 => ", status: denied",
                    _ => "",
                };
                let words = 6 + rng.below(6);
                let says = sentence(&mut rng, words);
                let who = if k == 0 {
                    &self.sources[first].id
                } else {
                    source(&mut rng)
                };
                let _ = writeln!(out, "      - {{ says: \"{says}\", source: {who}{status} }}");
            }
        }
        out
    }

    /// Writes the equivalent Hugo site: the same events, bodies, dates and tags, with
    /// sources as a taxonomy (their descriptions as term pages), explainers as pages,
    /// and minimal templates for an event page, the index and taxonomy pages.
    pub fn write_hugo(&self, out: &Path) -> io::Result<usize> {
        let mut files = 0;
        write(&out.join("config.toml"), HUGO_CONFIG)?;
        for (name, text) in HUGO_LAYOUTS {
            write(&out.join("layouts").join(name), text)?;
        }
        for s in &self.sources {
            let text = format!(
                "---\ntitle: {}\n---\nA synthetic source that reports on the archive's events.\n",
                s.name
            );
            write(
                &out.join(format!("content/sources/{}/_index.md", s.id)),
                &text,
            )?;
            files += 1;
        }
        for (i, x) in self.explainers.iter().enumerate() {
            let other = &self.explainers[(i + 1) % self.explainers.len()];
            let text = format!(
                "---\ntitle: Who is {}\n---\n{} is a figure who recurs across the archive. \
                 Colleagues include [{}](/explainers/{}/).\n\nA second paragraph gives \
                 more background on the career and the events that shaped it.\n",
                x.subject, x.subject, other.subject, other.id
            );
            write(&out.join(format!("content/explainers/{}.md", x.id)), &text)?;
            files += 1;
        }
        for e in &self.events {
            let (m, d) = match e.precision {
                Precision::Year => (1, 1),
                Precision::Month => (e.m, 1),
                _ => (e.m, e.d),
            };
            let (hh, mm, offset) = match (e.precision, e.zone) {
                (Precision::Minute, Some(z)) => (e.hh, e.mm, ZONES[z].1),
                (Precision::Minute, None) if e.offset => (e.hh, e.mm, "+03:30"),
                (Precision::Minute, None) => (e.hh, e.mm, "+00:00"),
                _ => (0, 0, "+00:00"),
            };
            let tags: Vec<&str> = e.tags.iter().map(|&t| TAGS[t]).collect();
            let mut cited: Vec<&str> = Vec::new();
            let body = self.body(
                e,
                |s| {
                    let source = &self.sources[s];
                    format!("[{}](/sources/{}/)", source.short, source.id)
                },
                |x| {
                    let x = &self.explainers[x];
                    format!("[{}](/explainers/{}/)", x.subject, x.id)
                },
                |j| format!("[an earlier report]({})", self.events[j].hugo_url()),
            );
            for p in &e.body {
                let mut rest = p.as_str();
                while let Some(at) = rest.find("{cite:") {
                    let end = at + rest[at..].find('}').unwrap();
                    let s: usize = rest[at + 6..end].parse().unwrap();
                    cited.push(&self.sources[s].id);
                    rest = &rest[end..];
                }
            }
            let text = format!(
                "---\ntitle: \"{}\"\nslug: {}\ndate: {}-{m:02}-{d:02}T{hh:02}:{mm:02}:00{offset}\n\
                 place: \"{}\"\ntags: [{}]\nsources: [{}]\n---\n{body}",
                e.title,
                e.slug,
                e.y,
                e.place,
                tags.join(", "),
                cited.join(", ")
            );
            let path = out.join(format!("content/events/{}/{}.md", e.folder, e.id));
            write(&path, &text)?;
            files += 1;
        }
        Ok(files)
    }

    /// The body with its markers written by the given functions.
    fn body(
        &self,
        e: &Event,
        cite: impl Fn(usize) -> String,
        wiki: impl Fn(usize) -> String,
        event: impl Fn(usize) -> String,
    ) -> String {
        let mut out = String::new();
        for p in &e.body {
            let mut rest = p.as_str();
            while let Some(at) = rest.find('{') {
                out.push_str(&rest[..at]);
                let end = at + rest[at..].find('}').unwrap();
                let (what, n) = rest[at + 1..end].split_once(':').unwrap();
                let n: usize = n.parse().unwrap();
                out.push_str(&match what {
                    "cite" => cite(n),
                    "wiki" => wiki(n),
                    _ => event(n),
                });
                rest = &rest[end + 1..];
            }
            out.push_str(rest);
            out.push_str("\n\n");
        }
        out
    }
}

/// The figures the archive's events give readings of: name and label.
const FIGURES: [(&str, &str); 8] = [
    ("killed", "Killed"),
    ("injured", "Injured"),
    ("displaced", "Displaced"),
    ("arrested", "Arrested"),
    ("missing", "Missing"),
    ("evacuated", "Evacuated"),
    ("rescued", "Rescued"),
    ("detained", "Detained"),
];

/// How one event cites its sources: see [`Archive::sourcing`].
struct Sourcing {
    cited: Vec<usize>,
    /// The attribution note of each citation, by position in `cited`.
    notes: Vec<Option<String>>,
    /// The reports listed: source, and the id that cites it when it has two.
    report_ids: Vec<(usize, Option<String>)>,
    /// `reports:` and `corrections:`, to go at the end of the front matter.
    front_matter: String,
}

impl Sourcing {
    /// The citation of source `s`: by the id of its first report when it has
    /// two, else by its own id; with its note.
    fn citation(&self, s: usize, sources: &[Source]) -> String {
        let name = self
            .report_ids
            .iter()
            .find_map(|(r, id)| (*r == s).then_some(id.as_deref()).flatten())
            .unwrap_or(&sources[s].id);
        let k = self.cited.iter().position(|&c| c == s);
        match k.and_then(|k| self.notes[k].as_deref()) {
            Some(note) => format!("[@{name}, {note}]"),
            None => format!("[@{name}]"),
        }
    }
}

impl Event {
    fn hugo_url(&self) -> String {
        let (m, d) = match self.precision {
            Precision::Year => (1, 1),
            Precision::Month => (self.m, 1),
            _ => (self.m, self.d),
        };
        format!("/{}/{m:02}/{d:02}/{}/", self.y, self.slug)
    }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn write(path: &PathBuf, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

const HUGO_CONFIG: &str = r#"baseURL = "http://localhost/"
title = "Synthetic archive"
languageCode = "en"
disableKinds = ["RSS"]

[taxonomies]
tag = "tags"
source = "sources"

[permalinks]
events = "/:year/:month/:day/:slug/"

[markup.goldmark.renderer]
unsafe = false
"#;

const HUGO_LAYOUTS: [(&str, &str); 5] = [
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.place }}</p>
{{ .Content }}
{{ with .GetTerms "sources" }}<h2>Sources</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .GetTerms "tags" }}<p>Tags: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ range (where .Site.RegularPages "Section" "events").GroupByDate "2006" }}
<section><h2>{{ .Key }}</h2><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time> <span>{{ .Params.place }}</span></li>
{{ end }}</ul></section>
{{ end }}{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time></li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
"#,
    ),
];
