//! Alias links (SPEC §4): in an event body, the first whole-word mention of each
//! explainer's `subject` or `aliases` in plain text links to the explainer — never
//! inside a link, code or heading (the writer decides which text is plain), and never
//! for an explainer the page already links.
//!
//! The aliases are indexed by their first word in [`Targets`](super::Targets), so a body
//! is scanned once whatever the number of explainers.

use pulldown_cmark::{CowStr, Event};

use super::markup;
use super::text::{Words, is_word_boundary};
use super::writer::{Writer, push_once};

impl<'a> Writer<'_, '_, 'a> {
    /// Writes `text`, linking the first whole-word mention of each explainer's subject
    /// or aliases not linked yet.
    pub(super) fn autolink(&mut self, text: CowStr<'a>) {
        let mut rest: &str = &text;
        let mut pieces: Vec<Event<'a>> = Vec::new();
        while let Some((at, len, x)) = self.next_alias(rest) {
            self.linked.insert(x);
            push_once(&mut self.result.explainers, x);
            let entry = &self.targets.explainers[x];
            if at > 0 {
                pieces.push(Event::Text(rest[..at].to_owned().into()));
            }
            pieces.push(Event::InlineHtml(
                markup::alias_link_start(&entry.url).into(),
            ));
            pieces.push(Event::Text(rest[at..at + len].to_owned().into()));
            pieces.push(Event::InlineHtml(markup::ALIAS_LINK_END.into()));
            rest = &rest[at + len..];
        }
        if pieces.is_empty() {
            self.out.push(Event::Text(text));
            return;
        }
        if !rest.is_empty() {
            pieces.push(Event::Text(rest.to_owned().into()));
        }
        self.out.extend(pieces);
    }

    /// The earliest whole-word alias in `text` of an explainer not yet linked; the
    /// longest alias wins at one position. Byte offset, byte length, explainer.
    ///
    /// One pass over the words of `text`: each word is looked up among the aliases'
    /// first words, so the cost does not grow with the number of explainers.
    fn next_alias(&self, text: &str) -> Option<(usize, usize, usize)> {
        let targets = self.targets;
        let best = self.next_unindexed_alias(text);
        let mut words = Words::new(text);
        while let Some((at, word)) = words.next() {
            if best.is_some_and(|(b, _, _)| b <= at) {
                break;
            }
            if !targets.first_bytes[usize::from(word.as_bytes()[0])] {
                continue;
            }
            let Some(candidates) = targets.by_first_word.get(word) else {
                continue;
            };
            // Longest first, so the first that fits wins at this position.
            let found = candidates.iter().find_map(|&i| {
                let (alias, x) = &targets.aliases[i];
                let fits = !self.linked.contains(x)
                    && text[at..].starts_with(alias.as_str())
                    && is_word_boundary(text, at, at + alias.len());
                fits.then_some((at, alias.len(), *x))
            });
            if found.is_some() {
                return found;
            }
        }
        best
    }

    /// [`Self::next_alias`] for aliases starting with punctuation, searched one by one.
    fn next_unindexed_alias(&self, text: &str) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for &i in &self.targets.unindexed {
            let (alias, x) = &self.targets.aliases[i];
            if self.linked.contains(x) {
                continue;
            }
            let mut from = 0;
            while let Some(found) = text[from..].find(alias.as_str()) {
                let at = from + found;
                if best.is_some_and(|(b, _, _)| b <= at) {
                    break;
                }
                if is_word_boundary(text, at, at + alias.len()) {
                    best = Some((at, alias.len(), *x));
                    break;
                }
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::annotate;
    use super::super::fixtures::{event_mode, targets};
    use crate::config::Config;

    #[test]
    fn links_aliases_typed_with_straight_or_curly_apostrophes_but_not_inside_html_links() {
        let config = Config::default();
        let t = targets(&config);
        let out = annotate(
            "<a href=\"https://x\">Kata'ib Hezbollah</a> and then Kata'ib Hezbollah.\n",
            &t,
            &event_mode(),
        );
        assert_eq!(
            out.html.matches("class=\"alias\"").count(),
            1,
            "{}",
            out.html
        );
        assert!(out.html.contains("then <a class=\"alias\""), "{}", out.html);
    }
}
