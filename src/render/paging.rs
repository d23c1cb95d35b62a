//! Long lists split into pages (SPEC §10): the timeline, archives, tag, source,
//! explainer and on-this-day pages, the indexes and the corrections page show at
//! most `per_page` entries and continue at `…/page/2/`, with numbered navigation.
//!
//! The first page keeps the list's own URL, so links to it never change when a list
//! grows past one page.

use std::ops::Range;

use serde::Serialize;

use crate::config::Config;
use crate::i18n::strings::Table;
use crate::urls;

/// The `pagination` variable of a list page: where this page is in its list.
/// Every list page has one, a list of one page too (`pages` is then 1 and
/// templates show no navigation).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has, at least 1.
    pub pages: usize,
    /// How many entries the whole list has: the count to show, not this page's.
    pub total: usize,
    /// The entries on this page, by their place in the whole list, from 1:
    /// `201` and `400` on page 2 of 200 a page; 0 and 0 for an empty list.
    pub first: usize,
    /// See `first`.
    pub last: usize,
    /// The previous page, root-relative with the base path; absent on the first.
    pub previous: Option<String>,
    /// The next page, root-relative with the base path; absent on the last.
    pub next: Option<String>,
    /// The numbered links to show: the first and last pages, this one and two on
    /// each side of it, and a gap (`number` absent) where pages are left out.
    pub links: Vec<PageLink>,
}

/// An entry of `pagination.links`: a page, or a gap in the numbering.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct PageLink {
    /// The page's number; absent for a gap (shown as `…`).
    pub number: Option<usize>,
    /// The page, root-relative with the base path; absent for a gap.
    pub url: Option<String>,
    /// Whether it is the page showing the links.
    pub current: bool,
}

/// How many pages a list of `total` entries takes at `per_page` a page: at least
/// one, so an empty list still has its (first) page.
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// Each page of a list of `total` entries at `per_page` a page: its number (from
/// 1) and the range of entries it shows. An empty list has one empty page.
pub fn split(total: usize, per_page: usize) -> impl Iterator<Item = (usize, Range<usize>)> {
    let per_page = per_page.max(1);
    (0..page_count(total, per_page)).map(move |k| {
        let start = k * per_page;
        (k + 1, start..(start + per_page).min(total))
    })
}

/// How many pages on each side of the current one get a number of their own.
const AROUND: usize = 2;

/// The `pagination` of page `number` (showing `range`) of the list of `total`
/// entries whose first page is at site path `first` (`""`, `tags/kerman/`).
pub fn pagination(
    config: &Config,
    first: &str,
    number: usize,
    total: usize,
    range: Range<usize>,
) -> Pagination {
    let pages = page_count(total, config.per_page);
    let link = |n: usize| config.link(&urls::list_page(first, n));
    let mut links = Vec::new();
    let mut shown_up_to = 0;
    for n in 1..=pages {
        let near = n.abs_diff(number) <= AROUND;
        if n == 1 || n == pages || near {
            if n > shown_up_to + 1 {
                links.push(PageLink {
                    number: None,
                    url: None,
                    current: false,
                });
            }
            links.push(PageLink {
                number: Some(n),
                url: Some(link(n)),
                current: n == number,
            });
            shown_up_to = n;
        }
    }
    Pagination {
        number,
        pages,
        total,
        first: if range.is_empty() { 0 } else { range.start + 1 },
        last: range.end,
        previous: (number > 1).then(|| link(number - 1)),
        next: (number < pages).then(|| link(number + 1)),
        links,
    }
}

/// One page of a list split into pages: what rendering it needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPage {
    /// Its number, from 1.
    pub number: usize,
    /// The entries it shows, by their place in the whole list.
    pub range: Range<usize>,
    /// Its site path: the list's own for the first page, `…/page/N/` after.
    pub path: String,
    /// Its `pagination` variable.
    pub pagination: Pagination,
}

/// The pages of a list of `total` entries whose first page is at site path
/// `first`, at `per_page` entries a page; one page for an empty list.
pub fn pages(config: &Config, first: &str, total: usize) -> Vec<ListPage> {
    split(total, config.per_page)
        .map(|(number, range)| ListPage {
            number,
            path: urls::list_page(first, number),
            pagination: pagination(config, first, number, total, range.clone()),
            range,
        })
        .collect()
}

/// A page's title with its number after the first, in `table`'s language and
/// digits (`page_title.page_of`): `Tagged: Kerman`, then `Tagged: Kerman, page 2
/// of 5`.
pub fn title(table: &Table, title: &str, number: usize, pages: usize) -> String {
    if number <= 1 {
        title.to_owned()
    } else {
        let digits = crate::i18n::strings::digits_of(&table.tag);
        table.fill(
            "page_title.page_of",
            &[
                ("title", title),
                ("number", &digits.apply(&number.to_string())),
                ("pages", &digits.apply(&pages.to_string())),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(per_page: usize) -> Config {
        Config {
            base_path: "/kerman/".to_owned(),
            per_page,
            ..Config::default()
        }
    }

    #[test]
    fn lists_split_into_full_pages_and_a_last_partial_one() {
        let pages: Vec<_> = split(450, 200).collect();
        assert_eq!(pages, [(1, 0..200), (2, 200..400), (3, 400..450)]);
        assert_eq!(split(400, 200).count(), 2);
        assert_eq!(split(0, 200).collect::<Vec<_>>(), [(1, 0..0)]);
        assert_eq!(page_count(1, 200), 1);
        assert_eq!(page_count(201, 200), 2);
    }

    #[test]
    fn the_first_page_keeps_the_lists_url_and_the_others_continue_under_page() {
        assert_eq!(urls::list_page("", 1), "");
        assert_eq!(urls::list_page("", 2), "page/2/");
        assert_eq!(urls::list_page("tags/kerman/", 3), "tags/kerman/page/3/");
        let p = pagination(&config(200), "tags/kerman/", 2, 450, 200..400);
        assert_eq!(p.previous.as_deref(), Some("/kerman/tags/kerman/"));
        assert_eq!(p.next.as_deref(), Some("/kerman/tags/kerman/page/3/"));
        assert_eq!(
            (p.number, p.pages, p.total, p.first, p.last),
            (2, 3, 450, 201, 400)
        );
    }

    #[test]
    fn numbered_links_show_the_ends_and_the_pages_near_this_one_with_gaps() {
        let numbers = |number: usize, pages: usize| -> Vec<Option<usize>> {
            let range = (number - 1) * 10..number * 10;
            pagination(&config(10), "", number, pages * 10, range)
                .links
                .iter()
                .map(|l| l.number)
                .collect()
        };
        assert_eq!(numbers(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(numbers(1, 50), [Some(1), Some(2), Some(3), None, Some(50)]);
        assert_eq!(
            numbers(25, 50),
            [
                Some(1),
                None,
                Some(23),
                Some(24),
                Some(25),
                Some(26),
                Some(27),
                None,
                Some(50)
            ]
        );
        // No gap stands for a single page: 1 and 3 are shown around 2.
        assert_eq!(
            numbers(4, 7),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        let p = pagination(&config(10), "", 25, 500, 240..250);
        let current: Vec<usize> = p
            .links
            .iter()
            .filter(|l| l.current)
            .filter_map(|l| l.number)
            .collect();
        assert_eq!(current, [25]);
        assert_eq!(p.links[0].url.as_deref(), Some("/kerman/"));
        assert_eq!(p.links[2].url.as_deref(), Some("/kerman/page/23/"));
    }

    #[test]
    fn an_empty_list_has_one_page_with_no_entries() {
        let p = pagination(&config(200), "sources/", 1, 0, 0..0);
        assert_eq!((p.pages, p.first, p.last), (1, 0, 0));
        assert_eq!((p.previous, p.next), (None, None));
    }

    #[test]
    fn titles_name_the_page_after_the_first() {
        let words = crate::i18n::strings::Words::builtin();
        let en = words.table("en");
        assert_eq!(title(&en, "Tagged: Kerman", 1, 5), "Tagged: Kerman");
        assert_eq!(
            title(&en, "Tagged: Kerman", 2, 5),
            "Tagged: Kerman, page 2 of 5"
        );
    }

    #[test]
    fn titles_name_the_page_in_the_language_and_its_digits() {
        let words = crate::i18n::strings::Words::builtin();
        assert_eq!(
            title(&words.table("fa"), "برچسب: کرمان", 2, 12),
            "برچسب: کرمان، صفحهٔ ۲ از ۱۲"
        );
        assert_eq!(
            title(&words.table("fr"), "Étiquette : Kerman", 3, 5),
            "Étiquette : Kerman, page 3 sur 5"
        );
    }
}
