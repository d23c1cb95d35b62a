//! Corrections as pages and feeds show them (SPEC §9.4): each event's and
//! explainer's own, every correction on the site for the `/corrections/` page, and
//! the notice a feed entry opens with. Views and small pieces of HTML only; the
//! templates lay out the pages.

use serde::Serialize;

use crate::html::escape;
use crate::i18n::dates::DateStyle;
use crate::i18n::strings::Table;
use crate::site::{Correction, Site};
use crate::urls;

/// The id of the section that lists a page's corrections at its end, which every
/// notice links to (`#corrections`). The built-in `event.html` and
/// `explainer.html` write it as a literal `id`, so it is one of the page layout's
/// ids that no body may use.
pub const SECTION_ID: &str = "corrections";

/// A correction as a page shows it: an entry of `event.corrections` and
/// `explainer.corrections`, and with its document of `corrections` on the
/// corrections page.
#[derive(Serialize)]
pub struct CorrectionView<'a> {
    /// Human date, at the precision written: `4 January 2024`.
    pub date: String,
    /// Machine date as precise as written, for `<time datetime>`: `2024-01-04`,
    /// `2024-01-04T09:30+03:30`.
    pub datetime: String,
    /// The text as inline HTML, without a paragraph around it, links resolved;
    /// output it with `| safe`.
    pub html: &'a str,
    /// The text as plain text, Markdown and citation markers left out.
    pub text: &'a str,
}

/// `corrections` (a document's, oldest first) as its page shows them, in the same
/// order, their dates as `dates` reads them.
pub fn views<'a>(corrections: &'a [Correction], dates: &DateStyle) -> Vec<CorrectionView<'a>> {
    corrections.iter().map(|c| view(c, dates)).collect()
}

fn view<'a>(correction: &'a Correction, dates: &DateStyle) -> CorrectionView<'a> {
    CorrectionView {
        date: dates.display(&correction.date),
        datetime: correction.date.machine(),
        html: &correction.html,
        text: &correction.text,
    }
}

/// An entry of `corrections` on `corrections.html`: a correction and the event or
/// explainer it corrects.
#[derive(Serialize)]
pub struct SiteCorrection<'a> {
    /// The correction: `date`, `datetime`, `html`, `text` as in [`CorrectionView`].
    #[serde(flatten)]
    pub correction: CorrectionView<'a>,
    /// What it corrects: `event` or `explainer`.
    pub kind: &'static str,
    /// The event's or explainer's id: `2024-01-03-kerman-explosions`.
    pub id: &'a str,
    /// The event's or explainer's title.
    pub title: &'a str,
    /// The list of corrections at the end of its page, root-relative with the base
    /// path: `/kerman/2024/01/03/kerman-explosions/#corrections`.
    pub url: String,
}

/// Every correction on the site, newest first. Corrections of one date keep the
/// order of their documents — events in timeline order, then explainers by title —
/// and, within a document, the order written.
pub fn site_corrections(site: &Site) -> Vec<SiteCorrection<'_>> {
    let config = &site.config;
    let section = |path: &str| format!("{}#{SECTION_ID}", config.link(path));
    let events = site.events.iter().flat_map(|event| {
        let url = section(&event.path);
        event
            .corrections
            .iter()
            .map(move |c| (c, "event", &event.id, &event.title, url.clone()))
    });
    let explainers = site.explainers.iter().flat_map(|explainer| {
        let url = section(&urls::explainer(&explainer.id));
        explainer
            .corrections
            .iter()
            .map(move |c| (c, "explainer", &explainer.id, &explainer.title, url.clone()))
    });
    let mut all: Vec<_> = events.chain(explainers).collect();
    // Stable, so equal dates keep the order above.
    all.sort_by(|a, b| b.0.date.timeline_cmp(&a.0.date));
    all.into_iter()
        .map(|(correction, kind, id, title, url)| SiteCorrection {
            correction: view(correction, site.dates()),
            kind,
            id,
            title,
            url,
        })
        .collect()
}

/// What the corrections page shows, fingerprinted: `serve` renders it again when a
/// correction, or the title or address of a corrected document, changes.
pub fn print(site: &Site) -> u64 {
    crate::fingerprint::of_serialized(&site_corrections(site))
}

/// The notice a feed entry opens with when its event has corrections (oldest
/// first), as the event page does: the latest correction with its date, and a link
/// to the list at the end of the page (`#corrections`, made absolute with the rest
/// of the entry), in the words of `table` (`corrected`, `see_the_correction`,
/// `see_all_corrections`) and the dates of `dates`: the event's language's. `None`
/// without corrections.
pub fn feed_notice(corrections: &[Correction], table: &Table, dates: &DateStyle) -> Option<String> {
    let latest = corrections.last()?;
    let more = match corrections.len() {
        1 => table.text("see_the_correction").to_owned(),
        n => table.counted("see_all_corrections", n),
    };
    Some(format!(
        "<aside class=\"correction-notice\"><p><strong>{} <time datetime=\"{}\">{}</time>:</strong> {} <a href=\"#{SECTION_ID}\">{}</a></p></aside>\n",
        escape(table.text("corrected")),
        escape(&latest.date.machine()),
        escape(&dates.display(&latest.date)),
        latest.html,
        escape(&more),
    ))
}
