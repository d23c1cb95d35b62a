//! Open questions (SPEC §9.6): the `questions` of every event checked — each id a
//! plain slug, each account's `says` one paragraph of inline Markdown, its source
//! known, its time not before the event, its status one of the five — and gathered
//! across the site: one `ask` per question (a second one that differs is an error
//! naming both places), accounts from every event in time order, settled when one
//! is confirmed.
//!
//! Runs once every link target is known, after the bodies, since `says` links and
//! cites as a body does.

use super::corrections::inline_markdown;
use super::figures::{Sources, free_text, moment_at, status, unknown_keys};
use super::links::Targets;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::figures::{ACCOUNT_STATUSES, Status};
use crate::fingerprint::FastMap;
use crate::load::Corpus;
use crate::load::locate::Step::{Index, Key};
use crate::site::{Account, AccountAt, Event, EventQuestion, Question, Source};

/// How to fix an account's `at` before its event's date.
const ACCOUNT_AT_HELP: &str = "an account is given on or after the day of what it is about; check the date, or put the account on the event it belongs to";

/// The front matter key questions are written under.
const KEY: &str = "questions";

/// Checks the questions of every event file; gives the `events` (each with the
/// index of its file in `corpus.events`, `event_docs`) their accounts, and returns
/// the site's questions, by id. `lost` holds the citation names of reports that
/// could not be checked. The questions of files that gave no event are checked too.
/// With `check`'s warnings wanted, a warning for each open question with several
/// accounts none of which is given a `status` comes back alongside (SPEC §9.6).
pub(super) fn resolve(
    corpus: &Corpus,
    (targets, sources, lost): (&Targets<'_>, &[Source], &[String]),
    (events, event_docs): (&mut [Event], &[usize]),
    out: &mut Diagnostics,
) -> (Vec<Question>, Vec<Diagnostic>) {
    if corpus.events.iter().all(|doc| doc.raw.questions.is_empty()) {
        return (Vec::new(), Vec::new());
    }
    let ids: FastMap<&str, usize> = (sources.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut event_of_doc = vec![None; corpus.events.len()];
    for (i, &n) in event_docs.iter().enumerate() {
        event_of_doc[n] = Some(i);
    }
    // Each question's `ask`, where it is first given, by id.
    let mut asked: FastMap<String, (String, Diagnostic)> = FastMap::default();
    let mut first_seen: Vec<(String, Diagnostic)> = Vec::new();
    // Questions whose `ask` is wrong, with an error of its own.
    let mut told: std::collections::HashSet<String> = Default::default();
    // Questions some account of which is given a `status`.
    let mut judged: std::collections::HashSet<String> = Default::default();
    for (n, doc) in corpus.events.iter().enumerate() {
        if doc.raw.questions.is_empty() {
            continue;
        }
        let event = event_of_doc[n].map(|i| &events[i]);
        let reports = event.map(|e| e.reports.as_slice()).unwrap_or_default();
        let read = match doc.raw.timezone.as_deref().map(crate::date::parse_zone) {
            _ if doc.unread("timezone") || doc.unread(KEY) => None,
            Some(Err(_)) => None,
            Some(Ok(zone)) => Some(Some(zone)),
            None => Some(None),
        };
        let dates = read.map(|zone| (event.map(|e| &e.date), zone));
        let named = Sources {
            ids: &ids,
            broken: &corpus.broken_ids,
            drafts: &corpus.draft_ids,
            reports,
            lost,
        };
        let mut found = Vec::with_capacity(doc.raw.questions.len());
        for (id, question) in &doc.raw.questions {
            let here = doc.error_at_key_path(&[Key(KEY), Key(id)], "");
            if !crate::slug::is_valid(id) {
                let slug = crate::slug::slugify(id);
                out.push(
                    doc.error_at_key_path(&[Key(KEY), Key(id)], format!("`{id}` is not a valid question id"))
                        .with_help(Some(format!(
                            "a question's id is its address, `questions/{slug}/`: lower-case letters, digits and single hyphens, like `{slug}`"
                        ))),
                );
                continue;
            }
            let known = crate::load::raw::QUESTION_FIELDS;
            unknown_keys(
                doc,
                &[Key(KEY), Key(id)],
                (&question.unknown, known, "a question"),
                out,
            );
            if !first_seen.iter().any(|(seen, _)| seen == id) {
                first_seen.push((id.clone(), here.clone()));
            }
            if let Some(ask) = question.ask.as_deref().map(str::trim) {
                let place = doc.error_at_path(&[Key(KEY), Key(id), Key("ask")], "");
                if ask.is_empty() {
                    // Its own error says what to do: it is not "never asked" too.
                    told.insert(id.clone());
                    out.push(
                        doc.error_at_path(&[Key(KEY), Key(id), Key("ask")], "the question's `ask` is empty")
                            .with_help(Some("write the question as readers see it, like `What caused the explosions?`, or leave `ask` out when another event gives it")),
                    );
                } else {
                    match asked.get(id.as_str()) {
                        Some((first, at)) if first != ask => {
                            let message = format!(
                                "the question `{id}` is asked differently here: `{ask}`; it is first asked as `{first}` at {}",
                                at.location()
                            );
                            out.push(
                                doc.error_at_path(&[Key(KEY), Key(id), Key("ask")], message)
                                    .with_help(Some("a question is asked once: leave `ask` out here, or write it word for word as there")),
                            );
                        }
                        Some(_) => {}
                        None => {
                            asked.insert(id.clone(), (ask.to_owned(), place));
                        }
                    }
                }
            }
            let mut accounts = Vec::with_capacity(question.accounts.len());
            for (i, entry) in question.accounts.iter().enumerate() {
                let path = [Key(KEY), Key(id), Key("accounts"), Index(i)];
                let at_field = |field: &str, message: String| {
                    let mut place = path.to_vec();
                    place.push(Key(field));
                    doc.error_at_path(&place, message)
                };
                let known = crate::load::raw::ACCOUNT_FIELDS;
                let misspelt = unknown_keys(doc, &path, (&entry.unknown, known, "an account"), out);
                let says = match entry.says.as_deref() {
                    None if misspelt.contains(&"says") => None,
                    None => {
                        out.push(
                            at_field("says", "an account needs `says`".to_owned())
                                .with_help(Some(says_help(doc.format()))),
                        );
                        None
                    }
                    Some(text) if text.trim().is_empty() => {
                        out.push(
                            at_field("says", "the account's `says` is empty".to_owned())
                                .with_help(Some(says_help(doc.format()))),
                        );
                        None
                    }
                    Some(text) => {
                        // Each problem at its character, wherever the value is written.
                        let mut place = path.to_vec();
                        place.push(Key("says"));
                        let value =
                            crate::load::locate::place(doc.matter_text(), doc.format(), &place);
                        let field = "an account's `says`";
                        inline_markdown(
                            text,
                            (targets, reports),
                            (field, false),
                            |(offset, width), m, h| {
                                let at = value.and_then(|v| {
                                    crate::load::nested::place_in_value(
                                        doc.matter_text(),
                                        v,
                                        text,
                                        offset,
                                    )
                                });
                                let diagnostic = match at {
                                    Some(place) => doc.error_in_matter(place, m).with_width(width),
                                    None => at_field("says", m),
                                };
                                out.push(diagnostic.with_help(h));
                            },
                        )
                    }
                };
                let source = match entry.source.as_deref() {
                    None if misspelt.contains(&"source") => None,
                    None => {
                        out.push(at_field("source", "an account needs a `source`".to_owned()).with_help(Some(
                            "name who says it: a source id (`afp`), or the id of one of the event's reports",
                        )));
                        None
                    }
                    Some(written) => match named.resolve(written) {
                        Ok(found) => found,
                        Err((message, help)) => {
                            out.push(at_field("source", message).with_help(Some(help)));
                            None
                        }
                    },
                };
                if entry.status.is_some() {
                    judged.insert(id.clone());
                }
                let status = match entry.status.as_deref() {
                    None => Some(Status::Reported),
                    Some(word) => match status(word, ACCOUNT_STATUSES, "account") {
                        Ok(s) => Some(s),
                        Err((message, help)) => {
                            out.push(at_field("status", message).with_help(Some(help)));
                            None
                        }
                    },
                };
                let at = moment_at(
                    corpus,
                    (&path, entry.at.as_ref().map(|d| d.0.as_str())),
                    doc,
                    (dates, ACCOUNT_AT_HELP),
                    out,
                );
                if let (Some((html, text)), Some((source, report)), Some(status), Some(at)) =
                    (says, source, status, at)
                {
                    let zone = dates.and_then(|(_, zone)| zone).or(corpus.config.timezone);
                    accounts.push(Account {
                        html,
                        text,
                        source,
                        report,
                        via: free_text(entry.via.as_deref()),
                        sorts_at: crate::figures::sorts_at(&at, zone),
                        at,
                        status,
                    });
                }
            }
            found.push(EventQuestion {
                id: id.clone(),
                question: 0,
                accounts,
            });
        }
        if let Some(i) = event_of_doc[n] {
            events[i].questions = found;
        }
    }
    for (id, at) in &first_seen {
        if !asked.contains_key(id.as_str()) && !told.contains(id) {
            let message = format!("the question `{id}` is never asked");
            out.push(
                Diagnostic { message, ..at.clone() }
                    .with_help(Some(format!(
                        "give `{id}` an `ask` on one of its events: the question as readers see it, such as “What caused the explosions?”"
                    ))),
            );
        }
    }
    let asked_ids =
        (first_seen.iter()).filter_map(|(id, _)| Some((id, asked.get(id.as_str())?.0.clone())));
    let questions = gather(asked_ids, events);
    let mut warnings = Vec::new();
    if corpus.lint {
        for question in &questions {
            let open = !question.settled && question.accounts.len() > 1;
            if open && !judged.contains(&question.id) {
                let Some((_, at)) = first_seen.iter().find(|(id, _)| *id == question.id) else {
                    continue;
                };
                let message = format!(
                    "the question `{}` has {} accounts and none has a `status`",
                    question.id,
                    question.accounts.len()
                );
                warnings.push(
                    Diagnostic { message, ..at.clone() }
                        .with_help(Some(
                            "say where the accounts stand with `status`: `confirmed` settles the question; `disputed`, `denied` or `retracted` tell readers which account is in doubt",
                        ))
                        .warning(),
                );
            }
        }
    }
    (questions, warnings)
}

/// How to give an account's `says`, in the front matter's language.
fn says_help(format: crate::load::frontmatter::Format) -> &'static str {
    match format {
        crate::load::frontmatter::Format::Yaml => {
            "say what the source says, like `says: Gas canisters exploded`"
        }
        crate::load::frontmatter::Format::Toml => {
            "say what the source says, like `says = \"Gas canisters exploded\"`"
        }
    }
}

/// The site's questions, by id, from the accounts of `events` (in timeline order);
/// each event's questions get their index.
fn gather<'a>(
    asked: impl Iterator<Item = (&'a String, String)>,
    events: &mut [Event],
) -> Vec<Question> {
    let mut questions: Vec<Question> = asked
        .map(|(id, ask)| Question {
            id: id.clone(),
            ask,
            accounts: Vec::new(),
            settled: false,
        })
        .collect();
    questions.sort_by(|a, b| a.id.cmp(&b.id));
    let index: FastMap<String, usize> = (questions.iter().enumerate())
        .map(|(i, q)| (q.id.clone(), i))
        .collect();
    for (e, event) in events.iter_mut().enumerate() {
        for (q, question) in event.questions.iter_mut().enumerate() {
            let Some(&i) = index.get(&question.id) else {
                continue;
            };
            question.question = i;
            for a in 0..question.accounts.len() {
                questions[i].accounts.push(AccountAt {
                    event: e,
                    question: q,
                    account: a,
                });
            }
        }
    }
    for question in &mut questions {
        let account =
            |at: &AccountAt| &events[at.event].questions[at.question].accounts[at.account];
        question.accounts.sort_by_key(|at| account(at).sorts_at);
        question.settled = question
            .accounts
            .iter()
            .any(|at| account(at).status == Status::Confirmed);
    }
    questions
}
