//! `dateline new`: a content file with its front matter filled in, where it belongs.
//!
//! Arguments that shape the file (the date and id that name it, the source ids it
//! cites) are checked first; then the file is tried with the rest of the site, so
//! everything else is checked by the build's own checks and a new file builds at
//! once. A file is never overwritten: it is created with `create_new`, which fails if
//! it exists.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Outcome;
use crate::config::Config;
use crate::date::{Moment, Precision};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::load::Kind;
use crate::load::boundary::Boundary;
use crate::messages::report;

/// `dateline new`'s options.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// What to create, and its fields.
    #[command(subcommand)]
    pub kind: NewKind,
    /// The site folder (holding content/ and dateline.toml)
    #[arg(long, default_value = ".", value_parser = super::existing_dir, global = true)]
    pub root: PathBuf,
}

/// The kinds of file `dateline new` creates, with the fields each takes.
#[derive(Subcommand, Debug)]
pub enum NewKind {
    /// An event: content/events/YYYY/YYYY-MM-DD-slug.md
    Event {
        /// The headline, e.g. "Two explosions near Soleimani's grave"
        title: String,
        /// When it happened: 2024, 2024-01, 2024-01-03 or 2024-01-03T14:50 [default: today]
        #[arg(long)]
        date: Option<String>,
        /// A source id from content/sources/ (repeat for several)
        #[arg(long = "source", value_name = "ID")]
        sources: Vec<String>,
        /// Where it happened, e.g. "Kerman, Iran"
        #[arg(long)]
        place: Option<String>,
        /// A tag (repeat for several)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// A source: content/sources/ID.md
    Source {
        /// The id events cite it by, e.g. afp
        id: String,
        /// Its full name, e.g. "Agence France-Presse"
        #[arg(long)]
        name: String,
        /// news-agency, broadcaster, newspaper, official, ngo, social-media or other
        #[arg(long)]
        kind: Option<String>,
        /// Its home page
        #[arg(long)]
        url: Option<String>,
        /// The name its citation markers show, e.g. AFP [default: the name]
        #[arg(long)]
        short: Option<String>,
        /// Another name editors use for it in wikilinks (repeat for several)
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// Where it is based, e.g. France
        #[arg(long)]
        country: Option<String>,
        /// The language it publishes in, as a BCP 47 tag: fa, en, pt-BR
        #[arg(long)]
        language: Option<String>,
    },
    /// An explainer: content/explainers/ID.md
    Explainer {
        /// The title, e.g. "Who is Qasem Soleimani"
        title: String,
        /// Another name events use for the subject (repeat for several)
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// person, place, organization, topic or other
        #[arg(long)]
        kind: Option<String>,
    },
}

/// Why nothing was written: a mistake in the arguments (exit 2, like any usage
/// error), or a file or id that exists already (exit 1).
struct Usage {
    message: String,
    help: Option<String>,
    taken: bool,
}

fn usage(message: impl Into<String>, help: Option<String>) -> Usage {
    Usage {
        message: message.into(),
        help,
        taken: false,
    }
}

impl NewArgs {
    /// Writes the new file and prints its path, relative to the site root. Nothing is
    /// written, and the reason is reported, when the root is not a site, an argument
    /// is wrong or the file would not build ([`Outcome::Usage`]), or when
    /// `dateline.toml` has errors or the file or id exists already
    /// ([`Outcome::ContentErrors`]). `Err` when the file cannot be created.
    pub fn run(self) -> anyhow::Result<Outcome> {
        if !self.root.join(crate::config::CONFIG_FILE).is_file()
            && !self.root.join("content").is_dir()
        {
            errln!(
                "error: {} is not a dateline site: it has no dateline.toml and no content/ folder",
                self.root.display()
            );
            errln!(
                "  = help: run this in a site folder, pass --root, or start one with dateline init"
            );
            return Ok(Outcome::Usage);
        }
        let config = match Config::load(&self.root) {
            Ok(config) => config,
            Err(errors) => {
                let mut diagnostics = Diagnostics::default();
                diagnostics.extend(errors);
                report(&diagnostics);
                return Ok(Outcome::ContentErrors);
            }
        };
        let site = Content::discover(&self.root, &config);
        let planned = match &self.kind {
            NewKind::Event {
                title,
                date,
                sources,
                place,
                tags,
            } => event(
                &site,
                &config,
                title,
                date.as_deref(),
                sources,
                place.as_deref(),
                tags,
            ),
            NewKind::Source {
                id,
                name,
                kind,
                url,
                short,
                aliases,
                country,
                language,
            } => source(
                &site,
                id,
                &SourceFields {
                    name,
                    short: short.as_deref(),
                    kind: kind.as_deref(),
                    url: url.as_deref(),
                    country: country.as_deref(),
                    language: language.as_deref(),
                    aliases,
                },
            ),
            NewKind::Explainer {
                title,
                aliases,
                kind,
            } => explainer(&site, title, aliases, kind.as_deref()),
        };
        let (rel, text) = match planned {
            Ok(planned) => planned,
            Err(Usage {
                message,
                help,
                taken,
            }) => {
                errln!("error: {message}");
                if let Some(help) = help {
                    errln!("  = help: {help}");
                }
                return Ok(if taken {
                    Outcome::ContentErrors
                } else {
                    Outcome::Usage
                });
            }
        };
        // Never through a link leading outside the site, as the build would not read it.
        if let Err(error) = site.boundary.check_write(&self.root.join(&rel)) {
            report(&Diagnostics::from(error));
            errln!("error: nothing was written");
            return Ok(Outcome::ContentErrors);
        }
        // Try the file with the rest of the site first: a new file must build, and
        // must not break what builds now. Errors the site has already are not its
        // own — often they are the reason for it: an event that cites a source not
        // written yet.
        let trial = site.trial(&config, &rel, &text);
        if !trial.introduced.0.is_empty() {
            report(&trial.introduced);
            errln!(
                "error: {} would not build ({}); nothing was written",
                display_path(&rel),
                crate::messages::counts(&trial.introduced)
            );
            return Ok(Outcome::Usage);
        }
        match create_new(&self.root.join(&rel), &text) {
            Ok(()) => {
                outln!("{}", display_path(&rel));
                if let Some(note) = fixes_note(&trial.fixed) {
                    warnln!("{note}");
                }
                Ok(Outcome::Success)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                errln!(
                    "error: {} already exists; nothing was written",
                    display_path(&rel)
                );
                errln!("  = help: edit that file, or choose another title or id");
                Ok(Outcome::ContentErrors)
            }
            Err(e) => Err(anyhow::anyhow!("cannot write {}: {e}", display_path(&rel))),
        }
    }
}

/// Writes `text` to a file that must not exist yet, creating its folder, and
/// flushes it to the disk.
pub fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    write_new(path, text)?.sync_all()
}

/// Writes `text` to a file that must not exist yet, creating its folder; not
/// flushed to the disk (the caller flushes it, or many at once). Returns the open
/// file.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<std::fs::File> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    Ok(file)
}

/// The longest slug taken from a title, in characters, and the most words it
/// keeps: enough to tell events apart in a folder listing, short enough to read in
/// an address. The title itself is kept whole in the front matter.
const MAX_SLUG: usize = 50;
const MAX_SLUG_WORDS: usize = 6;

fn event(
    site: &Content,
    config: &Config,
    title: &str,
    date: Option<&str>,
    sources: &[String],
    place: Option<&str>,
    tags: &[String],
) -> Result<(PathBuf, String), Usage> {
    let slug = title_slug(title, "event")?;
    let date = match date {
        Some(text) => {
            // Read as the build reads it: written offsets are kept, so the file is
            // named after the day as written.
            let moment = Moment::parse(text, config.timezone, None)
                .map_err(|e| usage(format!("--date {text}: {}", e.message), e.help))?;
            (text.trim().to_owned(), moment)
        }
        None => {
            let today = today(config);
            let moment = Moment::parse(&today, None, None).map_err(|e| usage(e.message, e.help))?;
            (today, moment)
        }
    };
    let known = site.ids(Kind::Source);
    for id in sources {
        if !known.iter().any(|k| k == id) {
            let help =
                crate::suggest::did_you_mean(id, known.iter().map(String::as_str)).or_else(|| {
                    Some(if known.is_empty() {
                        format!("add it first: dateline new source {id} --name \"…\"")
                    } else {
                        format!("known sources: {}", known.join(", "))
                    })
                });
            return Err(usage(format!("unknown source `{id}`"), help));
        }
    }
    let (text, moment) = date;
    let stem = format!("{}-{slug}", stem_date(&moment));
    let folder = events_folder(&site.root, &moment);
    let rel = folder.join(format!("{stem}.md"));
    site.check_free_id(Kind::Event, &stem)?;

    let mut matter = format!("title: {}\ndate: {}\n", yaml(title.trim()), yaml(&text));
    if let Some(place) = place.map(str::trim).filter(|p| !p.is_empty()) {
        matter.push_str(&format!("place: {}\n", yaml(place)));
    }
    if !sources.is_empty() {
        matter.push_str(&format!("sources: {}\n", yaml_list(sources)));
    }
    if !tags.is_empty() {
        matter.push_str(&format!("tags: {}\n", yaml_list(tags)));
    }
    let hint = crate::lint::placeholder::EVENT;
    Ok((rel, format!("---\n{matter}---\n\n{hint}\n")))
}

/// What `new source` writes besides the id, as given on the command line.
struct SourceFields<'a> {
    name: &'a str,
    short: Option<&'a str>,
    kind: Option<&'a str>,
    url: Option<&'a str>,
    country: Option<&'a str>,
    language: Option<&'a str>,
    aliases: &'a [String],
}

fn source(site: &Content, id: &str, fields: &SourceFields<'_>) -> Result<(PathBuf, String), Usage> {
    if !crate::slug::is_valid(id) {
        let suggestion = crate::slug::slugify(id);
        return Err(usage(
            format!("`{id}` is not a valid source id"),
            Some(format!(
                "an id is lower-case letters, digits and single hyphens{}",
                if suggestion.is_empty() {
                    String::new()
                } else {
                    format!(": `{suggestion}`")
                }
            )),
        ));
    }
    if let Some(language) = fields.language {
        check_language(language)?;
    }
    // The id names the file, so it is checked here; the name, kind and URL are
    // checked by the trial build, like any source's.
    site.check_free_id(Kind::Source, id)?;
    let mut matter = format!("name: {}\n", yaml(fields.name.trim()));
    let optional = [
        ("short", fields.short),
        ("kind", fields.kind),
        ("url", fields.url),
        ("country", fields.country),
        ("language", fields.language),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            matter.push_str(&format!("{key}: {}\n", yaml(value.trim())));
        }
    }
    if !fields.aliases.is_empty() {
        matter.push_str(&format!("aliases: {}\n", yaml_list(fields.aliases)));
    }
    let hint = crate::lint::placeholder::SOURCE;
    Ok((
        PathBuf::from("content/sources").join(format!("{id}.md")),
        format!("---\n{matter}---\n\n{hint}\n"),
    ))
}

/// A `--language` shaped like a BCP 47 tag: a two- or three-letter language, then
/// subtags of one to eight letters or digits (`fa`, `en-GB`, `zh-Hant-TW`). Catches
/// a language written as a name (`Persian`) before it reaches `<html lang>`.
fn check_language(tag: &str) -> Result<(), Usage> {
    if crate::i18n::is_tag(tag) {
        Ok(())
    } else {
        Err(usage(
            format!("--language {tag}: not a BCP 47 language tag"),
            Some(crate::i18n::TAG_HELP.into()),
        ))
    }
}

fn explainer(
    site: &Content,
    title: &str,
    aliases: &[String],
    kind: Option<&str>,
) -> Result<(PathBuf, String), Usage> {
    // "Who is Qasem Soleimani" is about Qasem Soleimani: that is its id and subject.
    let subject = crate::subject::subject_of(title);
    let id = title_slug(subject.as_deref().unwrap_or(title), "explainer")?;
    site.check_free_id(Kind::Explainer, &id)?;
    let mut matter = format!("title: {}\n", yaml(title.trim()));
    if let Some(subject) = &subject {
        matter.push_str(&format!("subject: {}\n", yaml(subject)));
    }
    if let Some(kind) = kind {
        matter.push_str(&format!("kind: {}\n", yaml(kind)));
    }
    if !aliases.is_empty() {
        matter.push_str(&format!("aliases: {}\n", yaml_list(aliases)));
    }
    let hint = crate::lint::placeholder::EXPLAINER;
    Ok((
        PathBuf::from("content/explainers").join(format!("{id}.md")),
        format!("---\n{matter}---\n\n{hint}\n"),
    ))
}

/// The slug for a file name, [`short_slug`]; a title with no letters or digits to
/// name the file after is refused.
fn title_slug(title: &str, what: &str) -> Result<String, Usage> {
    let slug = crate::slug::slugify(title);
    if slug.is_empty() {
        return Err(usage(
            format!("the {what} title `{title}` has no letters or digits to name the file after"),
            Some("give a title with words in it".into()),
        ));
    }
    Ok(short_slug(&slug))
}

/// The slug of a title cut for a file name: at most [`MAX_SLUG_WORDS`] words and
/// [`MAX_SLUG`] characters, cut between words — but a first word longer than that
/// (a title written without spaces) is cut between characters. Empty when the
/// title has no letters or digits.
pub(crate) fn short_slug(title: &str) -> String {
    let slug = crate::slug::slugify(title);
    // A title without spaces (Chinese, Japanese, Thai; a German compound) is one
    // long word: cut it at the limit, between characters, so the name stays short
    // and within a file name's 255 bytes.
    let first = slug.split('-').next().unwrap_or_default();
    if let Some((at, _)) = first.char_indices().nth(MAX_SLUG) {
        return first[..at].to_owned();
    }
    let mut cut = String::new();
    let mut length = 0;
    for (n, word) in slug.split('-').enumerate() {
        let with_word = length + usize::from(n > 0) + word.chars().count();
        if n == MAX_SLUG_WORDS || (n > 0 && with_word > MAX_SLUG) {
            break;
        }
        if n > 0 {
            cut.push('-');
        }
        cut.push_str(word);
        length = with_word;
    }
    cut
}

/// The site's content files as the build sees them: links followed while they stay
/// in the site, hidden files and editor leftovers skipped.
struct Content {
    root: PathBuf,
    files: Vec<(Kind, PathBuf)>,
    boundary: Boundary,
}

impl Content {
    fn discover(root: &Path, config: &Config) -> Content {
        // Problems in the existing files are for `check` to report; `new` only needs
        // to know which files there are.
        let mut ignored = Diagnostics::default();
        let boundary = Boundary::new(root, config);
        Content {
            root: root.to_owned(),
            files: crate::load::discover(root, &boundary, &mut ignored),
            boundary,
        }
    }

    /// The ids of one kind of content, sorted.
    fn ids(&self, kind: Kind) -> Vec<String> {
        let mut ids: Vec<String> = self
            .files
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, path)| crate::load::id_of(path))
            .collect();
        ids.sort();
        ids
    }

    /// Ids are unique within a kind: refuse one that another file already has.
    fn check_free_id(&self, kind: Kind, id: &str) -> Result<(), Usage> {
        let taken = self
            .files
            .iter()
            .find(|(k, path)| *k == kind && crate::load::id_of(path) == id);
        match taken {
            Some((_, path)) => Err(Usage {
                taken: true,
                ..usage(
                    format!(
                        "the id `{id}` is taken by {}; nothing was written",
                        display_path(path)
                    ),
                    Some("edit that file, or choose another title or id".into()),
                )
            }),
            None => Ok(()),
        }
    }

    /// What adding `text` at `rel` does to the site's errors: those it would have
    /// that it does not have now — in the new file, or ones it causes (an explainer
    /// defined twice, a wikilink that becomes ambiguous) — and those it has now that
    /// would go away.
    fn trial(&self, config: &Config, rel: &Path, text: &str) -> Trial {
        let mut files: Vec<(PathBuf, Vec<u8>)> = self
            .files
            .iter()
            .filter_map(|(_, path)| {
                Some((
                    path.clone(),
                    crate::fsx::read_regular(&self.root.join(path)).ok()?,
                ))
            })
            .collect();
        let errors = |files: Vec<(PathBuf, Vec<u8>)>| -> Vec<Diagnostic> {
            crate::pipeline::check_files(&self.root, config.clone(), files)
                .0
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect()
        };
        let before = errors(files.clone());
        files.push((rel.to_owned(), text.as_bytes().to_vec()));
        let after = errors(files);
        let mut introduced = Diagnostics::default();
        introduced.extend(
            after
                .iter()
                .filter(|d| !before.iter().any(|b| same_error(b, d)))
                .cloned(),
        );
        let fixed = before
            .into_iter()
            .filter(|b| !after.iter().any(|d| same_error(b, d)))
            .collect();
        Trial { introduced, fixed }
    }
}

/// The site's errors with a new file compared to without it.
struct Trial {
    /// Errors the site would have only with the file: in it, or caused by it.
    introduced: Diagnostics,
    /// Errors the site has now that the file would end.
    fixed: Vec<Diagnostic>,
}

/// Whether two diagnostics report one error: the same message at the same place.
/// The help may differ — a new source changes the suggestions for a citation that
/// was unknown before and still is — without the error being a new one.
fn same_error(a: &Diagnostic, b: &Diagnostic) -> bool {
    (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message)
}

/// `note: this fixes 1 error: unknown source `afp` in content/events/x.md:5:15`, or
/// one line per error when there are several; `None` when it fixes none.
fn fixes_note(fixed: &[Diagnostic]) -> Option<String> {
    let line = |d: &Diagnostic| format!("{} in {}", d.message, d.location());
    match fixed {
        [] => None,
        [one] => Some(format!("note: this fixes 1 error: {}", line(one))),
        many => Some(format!(
            "note: this fixes {}:{}",
            crate::messages::plural(many.len(), "error"),
            many.iter()
                .map(|d| format!("\n  {}", line(d)))
                .collect::<String>()
        )),
    }
}

/// `2024-01-03`, `2024-01` or `2024`: the date part of an event's file name.
pub(crate) fn stem_date(moment: &Moment) -> String {
    let date = moment.local.date();
    match moment.precision {
        Precision::Year => date.format("%Y").to_string(),
        Precision::Month => date.format("%Y-%m").to_string(),
        Precision::Day | Precision::Minute => date.format("%Y-%m-%d").to_string(),
    }
}

/// Year folders (`content/events/2024/`) unless the site keeps its events flat.
pub(crate) fn events_folder(root: &Path, moment: &Moment) -> PathBuf {
    let events = PathBuf::from("content/events");
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(root.join(&events))
        .map(|dir| dir.filter_map(Result::ok).collect())
        .unwrap_or_default();
    let is_year = |e: &std::fs::DirEntry| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()) && e.path().is_dir()
    };
    let flat = !entries.iter().any(is_year)
        && entries
            .iter()
            .any(|e| e.path().extension().is_some_and(|x| x == "md"));
    if flat {
        events
    } else {
        events.join(stem_date(moment).get(..4).unwrap_or("0000"))
    }
}

/// Today's date in the site's time zone (UTC when it has none).
pub fn today(config: &Config) -> String {
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    match config.timezone {
        Some(tz) => now.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        None => now.format("%Y-%m-%d").to_string(),
    }
}

/// A YAML scalar: plain when it reads back as the same string both as a value and
/// as an item of a flow list, else double-quoted (a JSON string is a valid YAML
/// double-quoted scalar).
pub fn yaml(text: &str) -> String {
    use std::collections::BTreeMap;
    let as_value = serde_saphyr::from_str::<BTreeMap<String, String>>(&format!("k: {text}\n"))
        .ok()
        .and_then(|mut map| map.remove("k"));
    let as_item =
        serde_saphyr::from_str::<BTreeMap<String, Vec<String>>>(&format!("k: [{text}]\n"))
            .ok()
            .and_then(|mut map| map.remove("k"));
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(['\n', '\r'])
        && as_value.as_deref() == Some(text)
        && as_item.as_deref() == Some(&[text.to_owned()][..]);
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// A YAML flow list: `[afp, "Kerman, Iran"]`.
fn yaml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| yaml(i.trim())).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::RawEvent;

    #[test]
    fn quotes_yaml_only_when_needed_and_reads_back() {
        for text in [
            "Kerman explosions",
            "Soleimani's grave",
            "Two blasts: 84 dead",
            "#1 story",
            "yes",
            "[@afp]",
            "\"quoted\"",
            "انفجار کرمان",
            "a\\b",
            "- dash",
            "https://x.org/a:",
            "https://www.afp.com/fr?a=1#top",
            "x # not a comment",
            "&anchor",
            "*alias",
            "!tag",
            "%x",
            "@x",
            "`x`",
            "a: b",
            "Kerman, Iran",
            "۱۴۰۲",
            "2024-01-03",
            "1e5",
        ] {
            let matter = format!("---\ntitle: {}\ntags: [{}]\n---\n", yaml(text), yaml(text));
            let doc: crate::load::Doc<RawEvent> = crate::load::parse_doc(
                Path::new("x.md"),
                matter.clone(),
                crate::load::raw::EVENT_FIELDS,
            )
            .unwrap_or_else(|e| panic!("{matter}\n{e}"));
            assert_eq!(doc.raw.title, text, "{matter}");
            assert_eq!(doc.raw.tags, [text], "{matter}");
        }
        assert_eq!(yaml("Kerman, Iran"), "\"Kerman, Iran\"");
        assert_eq!(yaml("Soleimani's grave"), "Soleimani's grave");
        assert_eq!(yaml("2024-01-03T14:50"), "2024-01-03T14:50");
        assert_eq!(yaml("https://www.afp.com/"), "https://www.afp.com/");
        assert_eq!(yaml("https://x.org/a:"), "\"https://x.org/a:\"");
    }

    #[test]
    fn cuts_long_slugs_at_a_word() {
        let slug = |title: &str| title_slug(title, "event").ok().unwrap();
        // Six words at most.
        assert_eq!(
            slug(
                "An extremely long headline that goes on and on about many different things at once"
            ),
            "an-extremely-long-headline-that-goes"
        );
        assert_eq!(
            slug("Sabzrud Dam spillway fails after weeks of rain"),
            "sabzrud-dam-spillway-fails-after-weeks"
        );
        // Fifty characters at most, never in the middle of a word.
        assert_eq!(
            slug("Internationalization considerations overwhelmingly complicate reorganization"),
            "internationalization-considerations-overwhelmingly"
        );
        assert_eq!(
            slug("Parliament's environmental committee summons the minister"),
            "parliaments-environmental-committee-summons-the"
        );
        // Short titles are whole.
        assert_eq!(
            slug("Two blasts: 84 dead near the grave"),
            "two-blasts-84-dead-near-the"
        );
        assert_eq!(slug("Kerman explosions"), "kerman-explosions");
        // One word longer than the limit (a title written without spaces) is cut
        // between characters.
        let word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz";
        assert_eq!(
            slug(word),
            "rindfleischetikettierungsüberwachungsaufgabenübert"
        );
        let headline = "伊朗克尔曼市发生两起爆炸".repeat(10);
        assert_eq!(slug(&headline).chars().count(), 50);
        assert!(headline.starts_with(&slug(&headline)));
        // Counted in characters, not bytes: six six-letter Persian words.
        assert_eq!(slug(&"انفجار ".repeat(20)), ["انفجار"; 6].join("-"));
    }
}
