//! Alias links (SPEC §4): in an event body, the first whole-word mention of each
//! explainer's `subject` or `aliases` in plain text links to the explainer — never
//! inside a link, code or heading (the writer decides which text is plain), and never
//! for an explainer the page already links. A space in an alias matches any run of
//! whitespace, a line break included: the writer joins the lines of a paragraph into
//! one text, so a name a hard-wrapped file breaks over two lines is one mention. A
//! name split by emphasis, a link or a hard break is not: it is two pieces of text
//! styled apart, and a link around them would cut across that markup.
//!
//! The aliases are indexed by their first word in [`Targets`](super::Targets), so a body
//! is scanned once whatever the number of explainers.

use pulldown_cmark::{CowStr, Event};

use super::markup;
use super::text::{Words, alias_at, is_word_boundary};
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
            // Aliases are indexed folded (SPEC §11): `سليماني` finds `سلیمانی`.
            let word = crate::fold::fold(word);
            if !targets.first_bytes[usize::from(word.as_bytes().first().copied().unwrap_or(0))] {
                continue;
            }
            let Some(candidates) = targets.by_first_word.get(&*word) else {
                continue;
            };
            // Longest first, so the first that fits wins at this position.
            let found = candidates.iter().find_map(|&i| {
                let (alias, x) = &targets.aliases[i];
                if self.linked.contains(x) {
                    return None;
                }
                let len = alias_at(text, at, alias)?;
                is_word_boundary(text, at, at + len).then_some((at, len, *x))
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
            // Found by its first character, which is no word character and so not
            // one folding changes; the rest may be spaced and spelled otherwise.
            let Some(head) = alias.chars().next() else {
                continue;
            };
            let mut from = 0;
            while let Some(found) = text[from..].find(head) {
                let at = from + found;
                if best.is_some_and(|(b, _, _)| b <= at) {
                    break;
                }
                if let Some(len) = alias_at(text, at, alias)
                    && is_word_boundary(text, at, at + len)
                {
                    best = Some((at, len, *x));
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

    #[test]
    fn an_alias_matches_across_any_run_of_whitespace_but_not_across_markup() {
        let config = Config::default();
        let t = targets(&config);
        let linked = |body: &str| {
            let out = annotate(body, &t, &event_mode());
            let html = out.html.to_string();
            let start = "<a class=\"alias\" href=\"/explainers/kataib/\">";
            let text = html
                .split_once(start)
                .and_then(|(_, rest)| rest.split_once("</a>"))
                .map(|(text, _)| text.to_owned());
            (text, out.explainers)
        };
        for (body, text) in [
            ("Then Kata'ib\nHezbollah said.\n", "Kata’ib\nHezbollah"),
            ("- Then Kata'ib\n  Hezbollah said.\n", "Kata’ib\nHezbollah"),
            ("Then Kata'ib \t Hezbollah said.\n", "Kata’ib \t Hezbollah"),
            (
                "Then Kata'ib&nbsp;Hezbollah said.\n",
                "Kata’ib\u{a0}Hezbollah",
            ),
            (
                "Then Kata'ib\u{a0}Hezbollah said.\n",
                "Kata’ib\u{a0}Hezbollah",
            ),
        ] {
            assert_eq!(linked(body), (Some(text.to_owned()), vec![0]), "{body:?}");
        }
        for body in [
            "Then *Kata'ib* Hezbollah said.\n",
            "Then Kata'ib\\\nHezbollah said.\n",
            "Then Kata'ibHezbollah said.\n",
            "Then Kata'ib [Hezbollah](https://x) said.\n",
        ] {
            assert_eq!(linked(body), (None, vec![]), "{body:?}");
        }
    }

    #[test]
    fn line_breaks_are_written_as_before() {
        let config = Config::default();
        let out = annotate(
            "One\ntwo *three*\nfour.\n\n![An\nimage](https://x/a.png) and text\n",
            &targets(&config),
            &event_mode(),
        );
        assert!(
            out.html.starts_with("<p dir=\"auto\">One\ntwo <em>three</em>\nfour.</p>\n<p dir=\"auto\"><img src=\"https://x/a.png\" alt=\"An image\" loading=\"lazy\" decoding=\"async\"> and text</p>\n"),
            "{}",
            out.html
        );
    }
}
