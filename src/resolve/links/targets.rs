//! The link target index: everything a body may point at, by id and by name, and how
//! a link destination, a wikilink or a citation's `@id` is resolved against it (SPEC
//! §4, §9.1).
//!
//! This file decides *what* an annotation points at and what the error is when it
//! points at nothing. It writes no HTML: the writer (`writer.rs`, `citations.rs`)
//! turns a resolved [`Target`] into markup.

use rayon::prelude::*;

use crate::fingerprint::FastMap as HashMap;

use pulldown_cmark::LinkType;

use super::text::{collapse_whitespace, first_word};
use crate::config::Config;
use crate::load::site_files::StaticFiles;

/// One thing a body may point at: a kind and a position in that kind's entries
/// ([`Targets::events`], [`Targets::explainers`], [`Targets::sources`]), which are
/// also the positions of the documents in the resolved site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// An event, by position in the site's events.
    Event(usize),
    /// An explainer, by position in the site's explainers.
    Explainer(usize),
    /// A source, by position in the site's sources.
    Source(usize),
}

impl Target {
    /// What kind of thing it points at.
    pub(super) fn kind(self) -> TargetKind {
        match self {
            Target::Event(_) => TargetKind::Event,
            Target::Explainer(_) => TargetKind::Explainer,
            Target::Source(_) => TargetKind::Source,
        }
    }
}

/// The kinds of thing a link may point at, each with its own ids and link prefix
/// (SPEC §4: `event:`, `explainer:`, `source:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TargetKind {
    /// `event:id`.
    Event,
    /// `explainer:id`.
    Explainer,
    /// `source:id`, and `@id` in citations.
    Source,
}

impl TargetKind {
    /// Every kind, in the order link prefixes are tried.
    const ALL: [TargetKind; 3] = [TargetKind::Event, TargetKind::Explainer, TargetKind::Source];

    /// Its name in links and messages: `event`, `explainer`, `source`.
    pub(super) fn name(self) -> &'static str {
        match self {
            TargetKind::Event => "event",
            TargetKind::Explainer => "explainer",
            TargetKind::Source => "source",
        }
    }

    /// What starts an explicit link to it: `event:`, `explainer:`, `source:`.
    pub(super) fn prefix(self) -> &'static str {
        match self {
            TargetKind::Event => "event:",
            TargetKind::Explainer => "explainer:",
            TargetKind::Source => "source:",
        }
    }

    /// The target of this kind at position `i` of its entries.
    fn at(self, i: usize) -> Target {
        match self {
            TargetKind::Event => Target::Event(i),
            TargetKind::Explainer => Target::Explainer(i),
            TargetKind::Source => Target::Source(i),
        }
    }
}

/// Positions of entries by id, a map per kind of target.
struct Ids {
    events: HashMap<String, usize>,
    explainers: HashMap<String, usize>,
    sources: HashMap<String, usize>,
}

impl Ids {
    /// The ids of one kind of target.
    fn of(&self, kind: TargetKind) -> &HashMap<String, usize> {
        match kind {
            TargetKind::Event => &self.events,
            TargetKind::Explainer => &self.explainers,
            TargetKind::Source => &self.sources,
        }
    }
}

/// What a link can point at, with what a reader sees of it. One shape for every kind;
/// the fields that belong to one kind only are empty for the others.
#[derive(Debug, Clone, Hash)]
pub struct Entry {
    /// The document's id (file stem, or the `{#id}` of an inline explainer section).
    pub id: String,
    /// Root-relative URL with the base path.
    pub url: String,
    /// Title (events, explainers) or name (sources): the tooltip of a citation
    /// marker, the title of a background card, the name in error messages.
    pub title: String,
    /// Sources: the text of their citation markers, the front matter's `short`
    /// (default `name`; SPEC §2.2). Empty for events and explainers.
    pub marker: String,
    /// Explainers: the summary shown on their background cards (SPEC §4), as inline
    /// HTML; may be empty. See [`Targets::set_explainer_summaries`]. Empty for events
    /// and sources.
    pub summary: String,
}

/// Everything bodies may refer to. Built once per build, shared by every body.
pub struct Targets<'a> {
    /// The site's configuration: base path of URLs, `autolink`.
    pub config: &'a Config,
    /// The static files the build publishes, which body images may show.
    pub static_files: &'a StaticFiles,
    /// Events, in the order of the site's events ([`Target::Event`] indexes them).
    pub events: Vec<Entry>,
    /// Explainers, in the order of the site's explainers.
    pub explainers: Vec<Entry>,
    /// Sources, in the order of the site's sources.
    pub sources: Vec<Entry>,
    ids: Ids,
    /// Wikilink names, normalised, to everything they may mean.
    names: HashMap<String, Vec<Target>>,
    /// Alias texts, whitespace collapsed to single spaces and folded
    /// ([`crate::fold`]), and their explainer, longest first.
    pub(super) aliases: Vec<(String, usize)>,
    /// Positions in `aliases` by the alias's first word (folded), so a body is scanned once
    /// whatever the number of aliases. Aliases that do not start with a word character
    /// are in `unindexed`, searched for one by one.
    pub(super) by_first_word: HashMap<String, Vec<usize>>,
    /// Positions in `aliases` of the aliases that start with no word character
    /// (`#MeToo`, `"Tehran 7"`): tried at every position of a text.
    pub(super) unindexed: Vec<usize>,
    /// First bytes of the indexed aliases: most words are dismissed on it alone.
    pub(super) first_bytes: [bool; 256],
    /// Ids and wikilink names (normalised) of files that failed to load: references
    /// to them are not reported, the file's own error is.
    broken_ids: std::collections::HashSet<String>,
    broken_names: std::collections::HashSet<String>,
    /// Everything above and the configuration, hashed: two bodies annotated against
    /// targets of one fingerprint come out alike (see `bodies::Memo`).
    fingerprint: u64,
}

/// The names a wikilink may use for one entry: its id, title, and (by kind) subject,
/// name, short name and aliases (SPEC §4, wikilinks).
pub struct Names<'a> {
    /// The entry they name.
    pub target: Target,
    /// Its names as written; matched with whitespace collapsed and case ignored.
    pub names: Vec<&'a str>,
}

impl<'a> Targets<'a> {
    /// Indexes the entries of each kind (`[events, explainers, sources]`, each in the
    /// site's order), the wikilink `names` of each entry, and the `aliases` that link
    /// plain-text mentions to an explainer (alias text, explainer position). Nothing is
    /// checked here: an unknown id is an error only when a body uses it.
    pub fn new(
        config: &'a Config,
        static_files: &'a StaticFiles,
        [events, explainers, sources]: [Vec<Entry>; 3],
        names: Vec<Names<'_>>,
        aliases: Vec<(String, usize)>,
    ) -> Targets<'a> {
        let index = |entries: &[Entry]| {
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), i))
                .collect()
        };
        let ids = Ids {
            events: index(&events),
            explainers: index(&explainers),
            sources: index(&sources),
        };
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = crate::fingerprint::FxHasher::default();
            crate::fingerprint::of_debug(config).hash(&mut h);
            static_files.fingerprint().hash(&mut h);
            for entries in [&events, &explainers, &sources] {
                entries.hash(&mut h);
            }
            for entry in &names {
                entry.target.hash(&mut h);
                entry.names.hash(&mut h);
            }
            aliases.hash(&mut h);
            h.finish()
        };
        let normalised: Vec<(String, Target)> = names
            .par_iter()
            .flat_map_iter(|entry| {
                entry
                    .names
                    .iter()
                    .map(|name| (normalise(name), entry.target))
            })
            .collect();
        let mut name_map: HashMap<String, Vec<Target>> = HashMap::default();
        name_map.reserve(normalised.len());
        for (name, target) in normalised {
            let targets = name_map.entry(name).or_default();
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        // Smart punctuation turns ' into ’ in bodies; match aliases written either way.
        let typographic: Vec<(String, usize)> = aliases
            .iter()
            .filter(|(a, _)| a.contains('\''))
            .map(|(a, x)| (a.replace('\'', "’"), *x))
            .collect();
        // Whitespace in an alias is one space: it matches any run of whitespace in a
        // body (see `alias_at`). Aliases are kept folded (SPEC §11): `سليماني` in a
        // body is a mention of `سلیمانی`.
        let mut aliases: Vec<(String, usize)> = aliases
            .into_iter()
            .chain(typographic)
            .map(|(a, x)| (crate::fold::fold(&collapse_whitespace(&a)).into_owned(), x))
            .filter(|(a, _)| !a.is_empty())
            .collect();
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        aliases.dedup();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::default();
        let mut unindexed = Vec::new();
        let mut first_bytes = [false; 256];
        for (i, (alias, _)) in aliases.iter().enumerate() {
            let word = first_word(alias);
            if word.is_empty() {
                unindexed.push(i);
            } else {
                first_bytes[usize::from(word.as_bytes()[0])] = true;
                by_first_word.entry(word.to_owned()).or_default().push(i);
            }
        }
        Targets {
            config,
            static_files,
            events,
            explainers,
            sources,
            ids,
            names: name_map,
            aliases,
            by_first_word,
            unindexed,
            first_bytes,
            broken_ids: Default::default(),
            broken_names: Default::default(),
            fingerprint,
        }
    }

    /// Keeps quiet about references to what failed to load: `ids` of broken files
    /// (and of what they define), and `names` a wikilink may have used for them.
    pub fn with_broken<'n>(
        mut self,
        ids: &std::collections::HashSet<String>,
        names: impl Iterator<Item = &'n String>,
    ) -> Self {
        self.broken_ids = ids.clone();
        self.broken_names = names.map(|n| normalise(n)).collect();
        let mut sorted: Vec<&String> = self.broken_ids.iter().chain(&self.broken_names).collect();
        sorted.sort_unstable();
        self.fingerprint = crate::fingerprint::of(&(self.fingerprint, sorted));
        self
    }

    /// Whether `id` (NFC) belongs to a file that failed to load: a reference to it is
    /// not reported.
    pub(super) fn is_broken_id(&self, id: &str) -> bool {
        self.broken_ids.contains(id)
    }

    /// Whether a wikilink text may have meant something that failed to load.
    fn is_broken_name(&self, text: &str) -> bool {
        let key = normalise(text);
        self.broken_names.contains(&key) || self.broken_ids.contains(&crate::slug::nfc(text.trim()))
    }

    /// A hash of everything bodies are annotated against (entries, names, aliases,
    /// what failed to load, configuration, static files): equal fingerprints annotate
    /// a body alike. In-memory only; its value changes from build to build of dateline.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Takes the explainers' summaries, in the order of [`Targets::explainers`], for
    /// background cards: resolve sets them once explainer bodies are rendered, so an
    /// explainer without a `summary` in front matter shows its first paragraph.
    pub fn set_explainer_summaries<'s>(&mut self, summaries: impl Iterator<Item = &'s str>) {
        for (entry, summary) in self.explainers.iter_mut().zip(summaries) {
            entry.summary = summary.to_owned();
        }
        self.fingerprint = crate::fingerprint::of(&(self.fingerprint, &self.explainers));
    }

    /// The index of the explainer with `id`.
    pub fn explainer_index(&self, id: &str) -> Option<usize> {
        self.lookup(TargetKind::Explainer, id)
    }

    /// Every source id, in no order.
    pub(super) fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.ids.of(TargetKind::Source).keys().map(String::as_str)
    }

    /// The position of the entry of `kind` with `id` (NFC, as written after the prefix
    /// or `@`).
    pub(super) fn lookup(&self, kind: TargetKind, id: &str) -> Option<usize> {
        self.ids.of(kind).get(id).copied()
    }

    /// The entry `target` points at.
    pub(super) fn entry(&self, target: Target) -> &Entry {
        match target {
            Target::Event(i) => &self.events[i],
            Target::Explainer(i) => &self.explainers[i],
            Target::Source(i) => &self.sources[i],
        }
    }
}

/// A wikilink name as it is matched: whitespace collapsed, lower case, Persian and
/// Arabic forms folded ([`crate::fold`]).
fn normalise(name: &str) -> String {
    crate::fold::fold(&collapse_whitespace(name).to_lowercase()).into_owned()
}

/// What a link destination means (SPEC §4): a target, not an annotation
/// (`Err(None)`: a plain link, or a reference to a file that failed to load), or an
/// error message with help. `dest` is the destination as parsed, `event:id#frag`,
/// `explainer:id`, `source:id`, or a wikilink's text.
pub(super) fn resolve_link(
    link_type: LinkType,
    dest: &str,
    targets: &Targets<'_>,
) -> Result<Target, Option<(String, String)>> {
    if let LinkType::WikiLink { .. } = link_type {
        return resolve_wikilink(dest, targets)
            .map_err(|e| (!targets.is_broken_name(dest)).then_some(e));
    }
    let Some((kind, rest)) = TargetKind::ALL
        .into_iter()
        .find_map(|kind| Some((kind, dest.strip_prefix(kind.prefix())?)))
    else {
        return Err(None);
    };
    let id = &crate::slug::nfc(rest.split('#').next().unwrap_or_default());
    match targets.lookup(kind, id) {
        Some(i) => Ok(kind.at(i)),
        None if targets.is_broken_id(id) => Err(None),
        None => Err(Some(unknown_id(kind, id, targets))),
    }
}

/// The error for an `id` of `kind` that names nothing (SPEC §4: "an unknown source,
/// event or explainer id is an error … and the nearest ids as suggestions"): message
/// and help.
pub(super) fn unknown_id(kind: TargetKind, id: &str, targets: &Targets<'_>) -> (String, String) {
    let what = kind.name();
    let mut known: Vec<&str> = targets.ids.of(kind).keys().map(String::as_str).collect();
    known.sort_unstable();
    (
        format!("unknown {what} `{id}`"),
        crate::resolve::suggest_id(id, known.into_iter(), what),
    )
}

/// The one entry a wikilink's text names, or the error (SPEC §4: "ambiguous or unknown
/// is an error listing candidates"): message and help.
fn resolve_wikilink(text: &str, targets: &Targets<'_>) -> Result<Target, (String, String)> {
    let key = normalise(text);
    match targets.names.get(&key).map(Vec::as_slice) {
        Some([one]) => Ok(*one),
        Some(many) if !many.is_empty() => {
            let listed: Vec<String> = many.iter().map(|t| describe(*t, targets)).collect();
            let explicit: Vec<String> = many
                .iter()
                .map(|t| format!("`[{text}]({}{})`", t.kind().prefix(), targets.entry(*t).id))
                .collect();
            Err((
                format!(
                    "`[[{text}]]` matches {} things: {}",
                    many.len(),
                    listed.join(", ")
                ),
                format!("link the one you mean by id: {}", explicit.join(" or ")),
            ))
        }
        _ => {
            let mut names: Vec<&str> = targets.names.keys().map(String::as_str).collect();
            names.sort_unstable();
            let help = match crate::suggest::nearest(&key, names.iter().copied()) {
                Some(near) => format!("did you mean `[[{}]]` ({})?", near, describe(targets.names[near][0], targets)),
                None => "a wikilink names an event, explainer or source by id, title, subject, name, short name or alias".to_owned(),
            };
            Err((format!("unknown wikilink `[[{text}]]`"), help))
        }
    }
}

/// A target as messages name it: "the explainer `id` (Title)".
fn describe(target: Target, targets: &Targets<'_>) -> String {
    let entry = targets.entry(target);
    format!(
        "the {} `{}` ({})",
        target.kind().name(),
        entry.id,
        entry.title
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_target_kind_looks_up_its_own_ids() {
        let config = Config::default();
        let entry = |id: &str| Entry {
            id: id.into(),
            url: format!("/{id}/"),
            title: id.into(),
            marker: id.into(),
            summary: id.into(),
        };
        static BUILTIN: std::sync::OnceLock<StaticFiles> = std::sync::OnceLock::new();
        // `both` is an id of every kind, at a different position in each.
        let t = Targets::new(
            &config,
            BUILTIN.get_or_init(StaticFiles::builtin),
            [
                vec![entry("both"), entry("e")],
                vec![entry("x"), entry("y"), entry("both")],
                vec![entry("s"), entry("both")],
            ],
            vec![],
            vec![],
        );
        let own = [
            (TargetKind::Event, "e", 1),
            (TargetKind::Explainer, "y", 1),
            (TargetKind::Source, "s", 0),
        ];
        for (kind, id, at) in own {
            assert_eq!(t.lookup(kind, id), Some(at), "{kind:?} `{id}`");
            for (other, other_id, _) in own {
                if other != kind {
                    assert_eq!(t.lookup(kind, other_id), None, "{kind:?} `{other_id}`");
                }
            }
        }
        let both = [
            (TargetKind::Event, Target::Event(0)),
            (TargetKind::Explainer, Target::Explainer(2)),
            (TargetKind::Source, Target::Source(1)),
        ];
        for (kind, target) in both {
            let link = format!("{}both", kind.prefix());
            assert_eq!(resolve_link(LinkType::Inline, &link, &t), Ok(target));
            assert_eq!(target.kind(), kind);
            assert_eq!(kind.at(t.lookup(kind, "both").unwrap()), target);
        }
        assert_eq!(t.explainer_index("both"), Some(2));
    }
}
