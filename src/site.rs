//! The resolved site: every document checked, dated, addressed and cross-indexed.
//!
//! Documents refer to each other by index into the `Site`'s vectors, never by
//! reference, and every list is in a stable order so output is identical run to run.
//! Built by `resolve`; read by `render`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::date::Moment;
use crate::load::raw::{Extra, RawImage};

/// The resolved site: every document checked, dated and addressed, referring to the
/// others by index into these vectors. Built by [`crate::resolve::resolve`] only when
/// no error was found.
#[derive(Debug)]
pub struct Site {
    /// `dateline.toml` as parsed, with `--base-url` (or `serve`'s origin) applied.
    pub config: Config,
    /// Timeline order: earliest instant, then coarser precision, then id.
    pub events: Vec<Event>,
    /// By name, then id.
    pub sources: Vec<Source>,
    /// By title, then id.
    pub explainers: Vec<Explainer>,
    /// By slug.
    pub tags: Vec<Tag>,
    /// What drafts left out of the build cite or link: see `Corpus::draft_references`.
    pub draft_references: std::collections::HashSet<String>,
    /// The ids editors wrote in bodies, each once per body, in file order: render
    /// checks them against the ids of the page layout.
    pub written_ids: Vec<WrittenId>,
    /// A warning for each report with no `archived` copy (SPEC §9.3), at the
    /// report's first line, in timeline order, then the order written: `check`
    /// gives them with its other loose ends ([`crate::lint`]); `build` does not.
    pub unarchived: Vec<crate::diagnostic::Diagnostic>,
    /// One per figure `dateline.toml` declares, in its order (SPEC §9.5): every
    /// reading of it across the site.
    pub figures: Vec<Figure>,
    /// Every open question events give accounts of, by id (SPEC §9.6).
    pub questions: Vec<Question>,
    /// A warning for each open question with several accounts none of which is
    /// given a `status` (SPEC §9.6), for `check`, as [`Site::unarchived`].
    pub unsettled: Vec<crate::diagnostic::Diagnostic>,
    /// How dates read to readers (SPEC §11), made on first use: see
    /// [`Site::dates`].
    pub date_styles: crate::i18n::dates::DateStyles,
    /// Whether any event or explainer is in another language than the site's,
    /// found on first use: see [`Site::entry_language`].
    pub multilingual: std::sync::OnceLock<bool>,
}

/// A figure across the site (SPEC §9.5): its readings from every event, in time
/// order. Its declaration is [`Config::figures`](crate::config::Config::figures) at
/// the same position.
#[derive(Debug, Clone, Default)]
pub struct Figure {
    /// Where each reading is, oldest first (by `at`; at the same instant, in
    /// timeline order, then the order written).
    pub readings: Vec<ReadingAt>,
    /// The current reading (SPEC §9.5: the latest confirmed, else the latest not
    /// retracted), as a position in `readings`; `None` when there is none.
    pub current: Option<usize>,
}

/// Where a reading is: event, figure of the event, reading of the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadingAt {
    /// Index into [`Site::events`].
    pub event: usize,
    /// Index into the event's [`Event::figures`].
    pub figure: usize,
    /// Index into that [`EventFigure::readings`].
    pub reading: usize,
}

/// The readings one event gives of one figure (SPEC §9.5).
#[derive(Debug, Clone, PartialEq)]
pub struct EventFigure {
    /// Index into [`Config::figures`](crate::config::Config::figures) and
    /// [`Site::figures`].
    pub figure: usize,
    /// In time order (at the same instant, as written).
    pub readings: Vec<Reading>,
    /// The event's current reading of the figure, by the rule of
    /// [`figures::current`](crate::figures::current); `None` when every one is
    /// retracted.
    pub current: Option<usize>,
}

/// One reading of a figure: a number a source gave at a time (SPEC §9.5). It is
/// one of the source's claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The number, read once from what was written.
    pub value: crate::figures::Value,
    /// Index into [`Site::sources`].
    pub source: usize,
    /// The report it came in (index into [`Event::reports`]), when `source` named
    /// one, or the source has one report in the event.
    pub report: Option<usize>,
    /// When it was given: `at`, else the event's date; never before the event's
    /// date.
    pub at: Moment,
    /// The instant it is ordered and drawn at, in seconds since the Unix epoch: see
    /// [`figures::sorts_at`](crate::figures::sorts_at).
    pub sorts_at: i64,
    /// Where it stands.
    pub status: crate::figures::Status,
    /// Through whom the source had it, as written.
    pub via: Option<String>,
    /// A note shown beside it, as written.
    pub note: Option<String>,
}

/// An open question across the site (SPEC §9.6): its accounts from every event.
#[derive(Debug, Clone)]
pub struct Question {
    /// Site-wide, a plain slug: `cause`; its page is `questions/{id}/`.
    pub id: String,
    /// The question as readers see it, as written once.
    pub ask: String,
    /// Where each account is, oldest first (by `at`; at the same instant, in
    /// timeline order, then the order written).
    pub accounts: Vec<AccountAt>,
    /// Whether an account is confirmed: the question is settled.
    pub settled: bool,
}

/// Where an account is: event, question of the event, account of the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountAt {
    /// Index into [`Site::events`].
    pub event: usize,
    /// Index into the event's [`Event::questions`].
    pub question: usize,
    /// Index into that [`EventQuestion::accounts`].
    pub account: usize,
}

/// The accounts one event gives of one question (SPEC §9.6).
#[derive(Debug, Clone)]
pub struct EventQuestion {
    /// The question's id: `cause`.
    pub id: String,
    /// Index into [`Site::questions`]; set when every event is known.
    pub question: usize,
    /// In the order written.
    pub accounts: Vec<Account>,
}

/// One account of an open question: what a source said about it, when (SPEC §9.6).
/// It is one of the source's claims.
#[derive(Debug, Clone)]
pub struct Account {
    /// What the source says, as inline HTML (links resolved as in a body).
    pub html: Arc<str>,
    /// The same as plain text.
    pub text: Arc<str>,
    /// Index into [`Site::sources`].
    pub source: usize,
    /// The report it came in (index into [`Event::reports`]), as for a reading.
    pub report: Option<usize>,
    /// Through whom the source had it, as written.
    pub via: Option<String>,
    /// When it was said: `at`, else the event's date; never before it.
    pub at: Moment,
    /// The instant it is ordered at: see [`figures::sorts_at`](crate::figures::sorts_at).
    pub sorts_at: i64,
    /// Where it stands.
    pub status: crate::figures::Status,
}

/// An id an editor wrote in a body: `{#notes}` on a heading, `id="notes"` in raw
/// HTML. Ids the build generates (`claim-N`, `fn-N`) and ids used twice in one body
/// are refused when bodies are resolved; whether the page layout uses the id is
/// known only to render, which has the theme.
#[derive(Debug, Clone)]
pub struct WrittenId {
    /// As written: `notes`.
    pub id: String,
    /// Where it is written: file, line, column and the line's text, with no message
    /// yet.
    pub at: crate::diagnostic::Diagnostic,
}

/// An event: one file under `content/events/`, checked. SPEC §2.1.
#[derive(Debug)]
pub struct Event {
    /// The file stem, unique across sub-folders: `2024-01-03-kerman-explosions`.
    pub id: String,
    /// The content file, relative to the site root:
    /// `content/events/2024/2024-01-03-kerman-explosions.md`.
    pub file: PathBuf,
    /// Front matter `slug`, else the file stem slugified, less a leading date that
    /// agrees with `date`: `kerman-explosions`. Lower-case letters, digits and single
    /// hyphens, NFC. SPEC §2.1.
    pub slug: String,
    /// Site path without the base: `2024/01/03/kerman-explosions/`.
    pub path: String,
    /// As written in front matter, trimmed; never empty.
    pub title: String,
    /// When it happened: front matter `date`, else the `YYYY-MM-DD-` of the file name,
    /// at the precision written. SPEC §3.
    pub date: Moment,
    /// The end of a span (front matter `end`): not before `date`, nor a coarser name
    /// for the period `date` falls in (`2024` for `2024-01-05`).
    pub end: Option<Moment>,
    /// Free text from front matter, as written (`Kerman, Iran`); `None` when blank.
    pub place: Option<String>,
    /// Front matter `language`, a BCP 47 tag (`fa`), when the event is written in
    /// another language than the site's. SPEC §11.
    pub language: Option<String>,
    /// `(latitude, longitude)` in degrees, within ±90 and ±180.
    pub coordinates: Option<(f64, f64)>,
    /// Sources cited, each once, in order of first citation, with how often.
    pub citations: Vec<Citation>,
    /// Explainers this event is about (indexes into `Site::explainers`).
    pub explainers: Vec<usize>,
    /// Indexes into `Site::tags`, in the order written, each once.
    pub tags: Vec<usize>,
    /// Front matter `summary` as plain text (its inline Markdown read), else the
    /// body's first paragraph as plain text; may be empty.
    pub summary: String,
    /// The same as inline HTML, without a paragraph around it: front matter's
    /// Markdown rendered, links resolved; the first paragraph's text escaped.
    pub summary_html: Arc<str>,
    /// Whether `summary` is front matter's, written to be the summary, rather than
    /// the body's first paragraph: page descriptions cut only the latter.
    pub summary_written: bool,
    /// Front matter `image`, checked, its `src` as it is printed: an absolute URL
    /// as written (what no URL may hold escaped), or the site path of the file it
    /// names under `static/`, percent-encoded
    /// ([`urls::static_file`](crate::urls::static_file)).
    pub image: Option<RawImage>,
    /// When it was last revised: front matter `updated`, or the date of its latest
    /// correction when that is later or `updated` is not given (SPEC §9.4); never
    /// before `date` at the coarser of their precisions (an error at load).
    pub updated: Option<Moment>,
    /// Front matter `key: true`: a key event, marked on the timeline and its
    /// overview and listed on the timeline's first page. SPEC §10.
    pub key: bool,
    /// Front matter `draft: true`: built only with `--drafts`, and then labelled
    /// "Draft" wherever it is shown.
    pub draft: bool,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    /// What `body_html` and `cited` were made from, when `serve` remembers
    /// bodies; else 0. See [`Annotated::print`](crate::resolve::links::Annotated).
    pub body_print: u64,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: Extra,
    /// Claims in the body, in order of their first citation: one per source per
    /// citing block. SPEC §9.1.
    pub cited: Vec<Cited>,
    /// Front matter `reports`, checked, in the order written. SPEC §9.3.
    pub reports: Vec<Report>,
    /// Front matter `corrections`, checked, oldest first (in the order written on
    /// the same date). SPEC §9.4.
    pub corrections: Vec<Correction>,
    /// Its readings of figures (SPEC §9.5), in the order `dateline.toml` declares
    /// the figures.
    pub figures: Vec<EventFigure>,
    /// Its accounts of open questions (SPEC §9.6), by question id.
    pub questions: Vec<EventQuestion>,
    /// Events its body links to (indexes into `Site::events`), in order of first
    /// link, itself left out.
    pub references: Vec<usize>,
    /// Events whose bodies link to this one, in timeline order. Filled by the
    /// cross-indexing pass.
    pub referenced_by: Vec<usize>,
    /// Up to [`RELATED_LIMIT`](crate::resolve::index::RELATED_LIMIT) events sharing
    /// an explainer or tag, each with why, in timeline order. They are the most
    /// related: by shared explainers, then shared tags, then nearness in time.
    pub related: Vec<Related>,
    /// Up to [`SAME_DAY_LIMIT`](crate::resolve::index::SAME_DAY_LIMIT) events of the
    /// same calendar day in other years, the nearest years, in timeline order; empty
    /// unless the date is known to the day.
    pub same_day: Vec<usize>,
}

/// Whether `event` gives a reading of a figure (SPEC §9.5) or an account of a
/// question (SPEC §9.6) from source `s` (index into [`Site::sources`]).
pub fn gives_figures_or_accounts(event: &Event, s: usize) -> bool {
    (event.figures.iter().flat_map(|f| &f.readings)).any(|r| r.source == s)
        || (event.questions.iter().flat_map(|q| &q.accounts)).any(|a| a.source == s)
}

/// Whether a reading or an account of `event` came in its `r`th report: the
/// report's claim is then that reading or account.
pub fn report_given(event: &Event, r: usize) -> bool {
    (event.figures.iter().flat_map(|f| &f.readings)).any(|x| x.report == Some(r))
        || (event.questions.iter().flat_map(|q| &q.accounts)).any(|a| a.report == Some(r))
}

/// An event related to another, and why: an entry of [`Event::related`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    /// Index into [`Site::events`].
    pub event: usize,
    /// What relates the two, never empty: the explainers both are about, then the
    /// tags both carry (each in the order the event lists them), then the links
    /// between their bodies.
    pub reasons: Vec<Reason>,
}

/// One thing two related events have in common: see [`Related::reasons`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Both are about this explainer (index into [`Site::explainers`]).
    Explainer(usize),
    /// Both carry this tag (index into [`Site::tags`]).
    Tag(usize),
    /// The event's body links to the related one.
    Referenced,
    /// The related event's body links to the event.
    References,
}

/// A source an event cites, once per source: see [`Event::citations`].
#[derive(Debug, Clone, Hash)]
pub struct Citation {
    /// Index into [`Site::sources`].
    pub source: usize,
    /// Its claims in the event (SPEC §9.1): one per citing block (cited, or named in
    /// a note); when the body does not cite it, one per report of it the event lists,
    /// or 1.
    pub count: usize,
}

/// A specific report an event relies on: an entry of front matter `reports`
/// (SPEC §9.3), checked. Its anchor on the event page is `report-N`, N its 1-based
/// position in [`Event::reports`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Report {
    /// Its own citation name (`afp-toll`, NFC), needed when its source has several
    /// reports in the event: a valid id, no source's, unique in the event.
    pub id: Option<String>,
    /// Index into [`Site::sources`] of the outlet.
    pub source: usize,
    /// Where it was published, as written: an `http://` or `https://` URL.
    pub url: String,
    /// Its headline, as written, trimmed; `None` when not given or blank.
    pub title: Option<String>,
    /// When it was published (SPEC §3), read in the event's zone: not more than a
    /// day before the event's `date`. `None` when not given.
    pub published: Option<Moment>,
    /// A copy kept by an archive, as written: an `http://` or `https://` URL. `None`
    /// when not given, which `check` warns about.
    pub archived: Option<String>,
    /// When the editor read it (SPEC §3), read in the event's zone: not before
    /// `published`. `None` when not given.
    pub retrieved: Option<Moment>,
}

/// A dated correction of an event or explainer: an entry of front matter
/// `corrections`, checked (SPEC §9.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correction {
    /// When the correction was made, at the precision written, read in the event's
    /// `timezone` (else the site's); never before the event's `date` at the coarser
    /// of their precisions.
    pub date: Moment,
    /// The text as inline HTML, without a paragraph around it: Markdown emphasis,
    /// code and links, links and wikilinks resolved as in a body, citations shown
    /// as markers (they record no claim). Never empty.
    pub html: Arc<str>,
    /// The same text as plain text, for structured data: `An earlier version gave
    /// the first toll as 30; state TV said at least 20.`
    pub text: Arc<str>,
}

/// A news source: one file under `content/sources/`, checked. SPEC §2.2.
#[derive(Debug)]
pub struct Source {
    /// The file stem, which citations use: `afp` for `[@afp]`.
    pub id: String,
    /// The content file, relative to the site root: `content/sources/afp.md`.
    pub file: PathBuf,
    /// Front matter `name`, trimmed; never empty: `Agence France-Presse`.
    pub name: String,
    /// The marker text: front matter `short` as written (`AFP`), else `name`.
    pub short: String,
    /// Front matter `kind`, one of [`SOURCE_KINDS`](crate::load::raw::SOURCE_KINDS).
    pub kind: Option<String>,
    /// The outlet's home page, as written: an `http://` or `https://` URL.
    pub url: Option<String>,
    /// Free text from front matter, as written.
    pub country: Option<String>,
    /// BCP 47 tag from front matter, as written, shaped like one: the language the
    /// source publishes in. SPEC §11.
    pub language: Option<String>,
    /// Other names editors use for it (`Iranian state TV`), which wikilinks match; as
    /// written.
    pub aliases: Vec<String>,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: Extra,
    /// Every claim, in timeline order.
    pub claims: Vec<Claim>,
    /// Every reading of a figure it gave (SPEC §9.5), in timeline order: claims
    /// too, counted with `claims`.
    pub readings: Vec<ReadingAt>,
    /// Every account of an open question it gave (SPEC §9.6), in timeline order:
    /// claims too, counted with `claims`.
    pub accounts: Vec<AccountAt>,
}

impl Source {
    /// How many claims it made (SPEC §9.1): those in bodies, its readings of
    /// figures and its accounts of questions.
    pub fn claim_count(&self) -> usize {
        self.claims.len() + self.readings.len() + self.accounts.len()
    }
}

/// What a source said in one event (SPEC §9.1): one per source (and report) per
/// citing block; for a source the body does not cite but the event lists, one about
/// the event as a whole per report of it, or one.
#[derive(Debug, Clone, Hash)]
pub struct Claim {
    /// Index into [`Site::events`] of the citing event.
    pub event: usize,
    /// The claim as the event's body made it: excerpt, anchor, note, the sources it
    /// names or came through, its report. A claim about the event as a whole has no
    /// excerpt or anchor.
    pub cited: Cited,
}

/// Background on a person, place or topic: a file under `content/explainers/`, or a
/// section of an event body headed `{#id .explainer}`, checked. SPEC §2.3, §4.
#[derive(Debug)]
pub struct Explainer {
    /// The file stem, or the section heading's `{#id}`: `qasem-soleimani`; unique across
    /// files and sections.
    pub id: String,
    /// The file it is written in, relative to the site root: its own, or for a section
    /// the event's.
    pub file: PathBuf,
    /// Front matter `title` (trimmed; never empty), or the section heading's text.
    pub title: String,
    /// What it explains, which alias links match: front matter `subject` as written, or
    /// for a section what its heading asks about (`Who is Qasem Soleimani` → `Qasem
    /// Soleimani`).
    pub subject: Option<String>,
    /// Other names events use for the subject, which alias links match; as written.
    /// Empty for sections.
    pub aliases: Vec<String>,
    /// Front matter `kind`, one of [`EXPLAINER_KINDS`](crate::load::raw::EXPLAINER_KINDS);
    /// `None` for sections.
    pub kind: Option<String>,
    /// Front matter `language`, a BCP 47 tag, when the explainer is written in
    /// another language than the site's; for a section, its event's. SPEC §11.
    pub language: Option<String>,
    /// Front matter `summary` as plain text (its inline Markdown read), else the
    /// body's first paragraph as plain text (always the latter for sections); may be
    /// empty. Event pages show it on background cards.
    pub summary: String,
    /// The same as inline HTML: see [`Event::summary_html`].
    pub summary_html: Arc<str>,
    /// Whether `summary` is front matter's: see [`Event::summary_written`].
    pub summary_written: bool,
    /// Front matter `draft: true`: built only with `--drafts`, and then labelled
    /// "Draft" on its page. Never set for inline sections.
    pub draft: bool,
    /// Front matter `updated`, or the date of its latest correction when that is
    /// later or `updated` is not given (SPEC §9.4); `None` for sections.
    pub updated: Option<Moment>,
    /// Front matter `corrections`, checked, oldest first (in the order written on
    /// the same date); empty for sections, which have no front matter. SPEC §9.4.
    pub corrections: Vec<Correction>,
    /// Indexes into [`Site::tags`], in the order written, each once; empty for sections.
    pub tags: Vec<usize>,
    /// Front matter `image`, checked and spelled as an event's is; `None` for
    /// sections.
    pub image: Option<RawImage>,
    /// Shared with the memo of annotated bodies that `serve` keeps.
    pub body_html: Arc<str>,
    /// Front matter `extra`, as written; empty when not given.
    pub extra: Extra,
    /// For an inline section: the event it is written in.
    pub defined_in: Option<usize>,
    /// Events that mention it, in timeline order.
    pub mentioned_in: Vec<usize>,
    /// Other explainers its body links to.
    pub links_to: Vec<usize>,
}

/// A tag of events and explainers: every spelling with one slug is one tag.
#[derive(Debug)]
pub struct Tag {
    /// The first spelling met (events first, in file order), trimmed: `US–Iran`.
    pub name: String,
    /// The name slugified, the tag's identity and URL segment: `us-iran`. SPEC §2.1.
    pub slug: String,
    /// In timeline order.
    pub events: Vec<usize>,
    /// Explainers with the tag, in title order.
    pub explainers: Vec<usize>,
}

impl Site {
    /// The site's date style: its `language` and `calendar`, made once per build.
    /// Every date a reader sees goes through it; machine formats do not.
    pub fn dates(&self) -> &crate::i18n::dates::DateStyle {
        (self.date_styles).site(&self.config.language, self.config.calendar)
    }

    /// The date style of a page in language `tag` (its `language` front matter), in
    /// the site's calendar: made once per tag.
    pub fn dates_in(&self, tag: &str) -> std::sync::Arc<crate::i18n::dates::DateStyle> {
        self.dates();
        (self.date_styles).for_tag(tag, self.config.calendar)
    }

    /// The date style of a page in its own `language`, or in the site's when it has
    /// none (SPEC §11: a page's dates read in its language).
    pub fn page_dates(&self, tag: Option<&str>) -> std::sync::Arc<crate::i18n::dates::DateStyle> {
        self.dates_in(tag.unwrap_or(&self.config.language))
    }

    /// The `lang` of a list entry of an event or explainer in language `tag` (its
    /// `language` front matter): `None` on a site all in one language, whose
    /// pages' `<html lang>` says it; on a site with pages in several, the entry's
    /// language always (`tag`, else the site's), because one rendered entry is
    /// listed on pages of every language. SPEC §11.
    pub fn entry_language<'a>(&'a self, tag: Option<&'a str>) -> Option<&'a str> {
        let site = self.config.language.as_str();
        let multilingual = *self.multilingual.get_or_init(|| {
            let other = |tag: &Option<String>| tag.as_deref().is_some_and(|t| t != site);
            self.events.iter().any(|e| other(&e.language))
                || self.explainers.iter().any(|x| other(&x.language))
        });
        multilingual.then_some(tag.unwrap_or(site))
    }

    /// When the timeline last changed: the latest of its events' dates and updates
    /// (an `updated`, or a correction, read as [`Moment::modified_at`] does), as the
    /// timeline's "Last updated" and the feeds say it. `None` without events.
    pub fn last_updated(&self) -> Option<&Moment> {
        self.events
            .iter()
            .map(|e| e.date.modified_at(e.updated.as_ref()))
            .max_by(|a, b| a.timeline_cmp(b))
    }

    /// The positions of the events, newest first: the reverse of the timeline, but
    /// for an event known only to a year, month or day, which heads its period in
    /// this order too (see [`Placing`](crate::date::Placing)). Ties by id.
    pub fn newest_first(&self) -> Vec<usize> {
        let events = &self.events;
        let placings = crate::date::Placing::of_all(events.iter().map(|e| &e.date));
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&a, &b| {
            placings[a]
                .newest_first(&placings[b])
                .then_with(|| events[a].id.cmp(&events[b].id))
        });
        order
    }

    /// Events grouped by year, then by month; events dated only to a year sit under
    /// month `None`, ahead of the months. Everything in timeline order.
    pub fn calendar(&self) -> BTreeMap<i32, BTreeMap<Option<u32>, Vec<usize>>> {
        use chrono::Datelike;
        let mut years: BTreeMap<i32, BTreeMap<Option<u32>, Vec<usize>>> = BTreeMap::new();
        for (i, event) in self.events.iter().enumerate() {
            let d = event.date.date();
            let month = (event.date.precision > crate::date::Precision::Year).then(|| d.month());
            years
                .entry(d.year())
                .or_default()
                .entry(month)
                .or_default()
                .push(i);
        }
        years
    }
}

/// A claim found in a body (SPEC §9.1): a source cited in one block of text, once
/// however often the block cites it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cited {
    /// Index of the source in [`Site::sources`].
    pub source: usize,
    /// The id of the citing block (`claim-2`, or the id an editor gave a citing
    /// heading).
    pub anchor: Option<String>,
    /// The sentences of the block that carry its citations of the source, in order,
    /// as plain text without markers.
    pub excerpt: Option<std::sync::Arc<str>>,
    /// The attribution notes of its citations, `@id`s written as names, joined by
    /// `; ` (SPEC §9.2): `quoting Kerman Red Crescent`.
    pub note: Option<std::sync::Arc<str>>,
    /// The sources the note names by `@id`, where it names them.
    pub named: Vec<Named>,
    /// The sources cited whose notes name this one (SPEC §9.2: "via Reuters"), in
    /// order, each once; empty when the source is only cited directly. The excerpt
    /// holds the sentences of those citations too.
    pub via: Vec<usize>,
    /// Whether the block cites the source itself too (or the event lists it), not
    /// only through `via`: "also via Reuters".
    pub direct: bool,
    /// The report cited (index into the event's [`Event::reports`]), SPEC §9.3: the
    /// one named by its id, or the source's only report in the event.
    pub report: Option<usize>,
    /// Whether the block is in a block quote: the editor quoted it.
    pub quoted: bool,
}

impl Cited {
    /// A claim of `source` citing `report` in the block with `anchor`, quoted or
    /// not; its excerpt, note and the sources it came through are filled in later.
    pub fn new(source: usize, report: Option<usize>, anchor: Option<String>, quoted: bool) -> Self {
        Cited {
            source,
            anchor,
            excerpt: None,
            note: None,
            named: Vec::new(),
            via: Vec::new(),
            direct: false,
            report,
            quoted,
        }
    }
}

/// A source an attribution note names by `@id` (SPEC §9.2), and where its name is
/// in the note as shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Named {
    /// Index into [`Site::sources`].
    pub source: usize,
    /// Byte range of the source's name in the note.
    pub name: std::ops::Range<usize>,
}
