//! Claims and attribution notes (SPEC §9.1, §9.2): the excerpt is the sentence that
//! carries the marker, one claim per source per block of text, claims in list items,
//! table cells, block quotes and footnotes, citations in raw HTML refused, and notes
//! that name a second source listing the claim on both source pages.

use crate::helpers::Site;

/// Sources to cite, and no events yet.
fn site() -> Site {
    let site = Site::new();
    for (id, name, short) in [
        ("nordpress", "Nordpress", "Nordpress"),
        ("sahel-tv", "Sahel TV", "Sahel TV"),
        ("afp", "Agence France-Presse", "AFP"),
        ("reuters", "Reuters", "Reuters"),
        ("kerman-red-crescent", "Kerman Red Crescent", "Red Crescent"),
    ] {
        site.file(
            &format!("content/sources/{id}.md"),
            &format!("---\nname: {name}\nshort: {short}\n---\nAn outlet.\n"),
        );
    }
    site
}

/// The event file `2024-01-03-x.md` with `body`.
fn event(site: &Site, body: &str) {
    site.file(
        "content/events/2024-01-03-x.md",
        &format!("---\ntitle: Blasts\n---\n{body}"),
    );
}

/// The claim counts of the sources index, by source name.
fn counts(site: &Site) -> Vec<(String, String)> {
    let page = site.page("/sources/");
    page.texts("tbody td:first-child a")
        .into_iter()
        .zip(page.texts("tbody td.num"))
        .collect()
}

#[test]
fn each_source_gets_its_own_sentence_of_a_paragraph() {
    let site = site();
    event(
        &site,
        "Police closed two roads, Nordpress said [@nordpress]. Sahel TV reported a second blast. [@sahel-tv] Nobody else did.\n",
    );
    site.build(&[]);
    let nordpress = site.page("/sources/nordpress/");
    assert_eq!(
        nordpress.texts(".claim .excerpt"),
        ["Police closed two roads, Nordpress said."]
    );
    // An excerpt is the site's account of what was said, not a quotation.
    assert_eq!(nordpress.count(".claim blockquote"), 0);
    // A marker right after a sentence's closing punctuation belongs to that sentence.
    assert_eq!(
        site.page("/sources/sahel-tv/").texts(".claim .excerpt"),
        ["Sahel TV reported a second blast."]
    );
    assert_eq!(
        nordpress.attrs(".claim .in-context a", "href"),
        ["/2024/01/03/x/#claim-1"]
    );
}

#[test]
fn a_source_cited_twice_in_a_paragraph_makes_one_claim_with_both_sentences() {
    let site = site();
    event(
        &site,
        "The toll was 20 [@afp]. It rose to 35 [@afp]. Roads were closed. It reached 70 [@afp].\n\nMourners gathered [@afp].\n",
    );
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    assert_eq!(
        afp.texts(".claim .excerpt"),
        [
            "The toll was 20. It rose to 35. … It reached 70.",
            "Mourners gathered."
        ]
    );
    assert_eq!(afp.text("#claims-h"), "Claims (2)");
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.attrs(".body p[id]", "id"), ["claim-1", "claim-2"]);
    assert_eq!(page.texts(".sources-cited .count"), ["2 claims"]);
    assert!(counts(&site).contains(&("Agence France-Presse".into(), "2".into())));

    event(&site, "The toll was 20 [@afp]. It rose to 35 [@afp].\n");
    site.build(&[]);
    assert_eq!(site.page("/sources/afp/").count(".claim"), 1);
    assert!(counts(&site).contains(&("Agence France-Presse".into(), "1".into())));
    assert_eq!(
        site.page("/2024/01/03/x/").count(".sources-cited .count"),
        0
    );
}

#[test]
fn a_table_cell_is_a_block_of_its_own() {
    let site = site();
    event(
        &site,
        "| Place | Toll |\n|:--|--:|\n| Kerman | At least 20 dead. More later [@afp]. |\n| Tehran [@reuters] | none |\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.attrs("td[id]", "id"), ["claim-1", "claim-2"]);
    // The cell keeps its column's alignment.
    assert_eq!(page.attrs("#claim-1", "style"), ["text-align: right"]);
    assert_eq!(page.attrs("#claim-2", "style"), ["text-align: left"]);
    assert_eq!(
        site.page("/sources/afp/").texts(".claim .excerpt"),
        ["More later."]
    );
    assert_eq!(
        site.page("/sources/reuters/").texts(".claim .excerpt"),
        ["Tehran"]
    );
    // A table in a head cell is a `th`.
    event(&site, "| Toll [@afp] |\n|---|\n| 20 |\n");
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").attrs("th[id]", "id"),
        ["claim-1"]
    );
}

#[test]
fn citations_in_block_quotes_and_footnotes_are_claims() {
    let site = site();
    event(
        &site,
        "> \"We saw the second blast,\" a witness said [@reuters].\n\nThe count rose.[^toll]\n\n[^toll]: State media gave 20 at first [@afp].\n",
    );
    site.build(&[]);
    let reuters = site.page("/sources/reuters/");
    assert_eq!(
        reuters.texts(".claim blockquote.excerpt"),
        ["“We saw the second blast,” a witness said."]
    );
    let afp = site.page("/sources/afp/");
    assert_eq!(
        afp.texts(".claim .excerpt"),
        ["State media gave 20 at first."]
    );
    let anchor = afp.attrs(".claim .in-context a", "href");
    assert_eq!(anchor, ["/2024/01/03/x/#claim-2"]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.count(".footnote-definition #claim-2"), 1);
    assert_eq!(
        counts(&site)
            .into_iter()
            .filter(|(_, n)| n == "1")
            .map(|(name, _)| name)
            .collect::<Vec<_>>(),
        ["Agence France-Presse", "Reuters"]
    );
}

#[test]
fn a_link_citation_cites_the_sentence_its_text_starts() {
    let site = site();
    event(
        &site,
        "Two roads closed. [Sahel TV reported](source:sahel-tv) a second blast. Then calm.\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/sources/sahel-tv/").texts(".claim .excerpt"),
        ["Sahel TV reported a second blast."]
    );
}

#[test]
fn persian_sentences_are_told_apart() {
    let site = site();
    event(
        &site,
        "پلیس دو جاده را بست [@afp]. آیا انفجار دوم رخ داد؟ شبکه خبر گزارش داد [@reuters].\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/sources/afp/").texts(".claim .excerpt"),
        ["پلیس دو جاده را بست."]
    );
    assert_eq!(
        site.page("/sources/reuters/").texts(".claim .excerpt"),
        ["شبکه خبر گزارش داد."]
    );
}

#[test]
fn a_citation_in_a_raw_html_block_is_an_error_at_its_line() {
    let site = site();
    event(
        &site,
        "Before [@afp].\n\n<div class=\"box\">\nInside [@wirre] here.\n<!-- a comment [@afp] is not read -->\n</div>\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: citation `[@wirre]` in a raw HTML block, which is not read as Markdown\n --> content/events/2024-01-03-x.md:7:8\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("leave a blank line after the line that opens the HTML element"));
    assert!(stderr.contains("build failed: 1 error"), "{stderr}");
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains(":7:8"));

    // With a blank line, the text inside the element is Markdown and the citation a claim.
    event(
        &site,
        "<div class=\"box\">\n\nInside [@afp] here.\n\n</div>\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/2024/01/03/x/").attrs(".box p[id]", "id"),
        ["claim-1"]
    );
}

#[test]
fn a_note_naming_a_source_lists_the_claim_on_both_pages() {
    let site = site();
    event(
        &site,
        "At least 170 were injured [@reuters, quoting @kerman-red-crescent]. Roads were closed [@afp; @reuters].\n\nTwin blasts were heard [@afp, citing local media].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(
        page.attrs(".body a.cite[aria-label]", "aria-label"),
        [
            "Reuters, quoting Kerman Red Crescent",
            "AFP, citing local media"
        ]
    );
    assert_eq!(
        page.attrs(".body a.cite[aria-label]", "title"),
        [
            "Reuters, quoting Kerman Red Crescent",
            "Agence France-Presse, citing local media"
        ]
    );
    // The source a note names is a source the event relies on.
    assert!(
        page.texts(".sources-cited li a")
            .contains(&"Red Crescent Kerman Red Crescent".to_owned())
    );

    let reuters = site.page("/sources/reuters/");
    assert_eq!(
        reuters.texts(".claim .excerpt"),
        ["At least 170 were injured. Roads were closed."]
    );
    assert_eq!(
        reuters.texts(".claim .attribution"),
        ["quoting Kerman Red Crescent"]
    );
    assert_eq!(
        reuters.attrs(".claim .attribution a", "href"),
        ["/sources/kerman-red-crescent/"]
    );

    let red_crescent = site.page("/sources/kerman-red-crescent/");
    // Only the sentence whose citation names it.
    assert_eq!(
        red_crescent.texts(".claim .excerpt"),
        ["At least 170 were injured."]
    );
    assert_eq!(red_crescent.texts(".claim .attribution"), ["via Reuters"]);
    assert_eq!(
        red_crescent.attrs(".claim .in-context a", "href"),
        ["/2024/01/03/x/#claim-1"]
    );

    let afp = site.page("/sources/afp/");
    assert_eq!(afp.texts(".claim .attribution"), ["citing local media"]);
    assert_eq!(
        counts(&site),
        [
            ("Agence France-Presse".to_owned(), "2".to_owned()),
            ("Kerman Red Crescent".to_owned(), "1".to_owned()),
            ("Nordpress".to_owned(), "0".to_owned()),
            ("Reuters".to_owned(), "1".to_owned()),
            ("Sahel TV".to_owned(), "0".to_owned()),
        ]
    );
}

#[test]
fn an_unknown_source_in_a_note_is_an_error_at_it() {
    let site = site();
    event(&site, "Injured [@reuters, quoting @kerman-red-cresent].\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: unknown source `kerman-red-cresent`\n --> content/events/2024-01-03-x.md:4:28\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `kerman-red-crescent`?"),
        "{stderr}"
    );

    event(
        &site,
        "Injured [reuters, quoting @afp].\n\nAnd [@ , a note].\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: `@` in a citation is not a source id\n --> content/events/2024-01-03-x.md:6:6\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_source_named_by_several_notes_in_a_block_makes_one_claim_via_each() {
    let site = site();
    event(
        &site,
        "Injured [@reuters, quoting @kerman-red-crescent]. Roads closed [@afp, quoting @kerman-red-crescent]. More later [@kerman-red-crescent].\n",
    );
    site.build(&[]);
    let red_crescent = site.page("/sources/kerman-red-crescent/");
    assert_eq!(red_crescent.count(".claim"), 1);
    assert_eq!(
        red_crescent.texts(".claim .excerpt"),
        ["Injured. Roads closed. More later."]
    );
    assert_eq!(
        red_crescent.texts(".claim .attribution"),
        ["also via Reuters and Agence France-Presse"]
    );
    assert_eq!(
        site.page("/2024/01/03/x/")
            .texts(".sources-cited li .count"),
        Vec::<String>::new()
    );
    assert!(counts(&site).contains(&("Kerman Red Crescent".into(), "1".into())));
}

#[test]
fn a_citing_heading_is_a_block_with_its_own_id_or_the_anchor() {
    let site = site();
    event(
        &site,
        "## Toll rises [@afp]\n\nText.\n\n## Roads closed [@reuters] {#roads}\n\nMore.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(page.attrs(".body h2", "id"), ["claim-1", "roads"]);
    let afp = site.page("/sources/afp/");
    assert_eq!(afp.texts(".claim .excerpt"), ["Toll rises"]);
    assert_eq!(
        afp.attrs(".claim .in-context a", "href"),
        ["/2024/01/03/x/#claim-1"]
    );
    assert_eq!(
        site.page("/sources/reuters/")
            .attrs(".claim .in-context a", "href"),
        ["/2024/01/03/x/#roads"]
    );
}

#[test]
fn an_items_excerpt_is_its_own_text_not_the_blocks_nested_in_it() {
    let site = site();
    event(
        &site,
        "- Item text [@afp]\n  > Quoted later.\n- Claim in item [@reuters]\n  ```\n  code here\n  ```\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/sources/afp/").texts(".claim .excerpt"),
        ["Item text"]
    );
    assert_eq!(
        site.page("/sources/reuters/").texts(".claim .excerpt"),
        ["Claim in item"]
    );
}

#[test]
fn a_citation_in_an_image_description_is_an_error() {
    let site = site();
    event(
        &site,
        "![Mourners in Kerman [@afp]](https://example.com/k.jpg \"ATTA KENARE / AFP\")\n\nText with ![an icon [@reuters]](https://example.com/i.png) inline.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: citation `[@afp]` in an image's description, which cannot hold a link\n --> content/events/2024-01-03-x.md:4:22\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: citation `[@reuters]` in an image's description, which cannot hold a link\n --> content/events/2024-01-03-x.md:6:21\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 2 errors"), "{stderr}");
}

#[test]
fn notes_are_plain_text_and_separators_are_read_as_written() {
    let site = site();
    event(
        &site,
        "One [@afp, citing Le Monde &amp; Libération; later R\\&D]. Two [@afp; @reuters، به نقل از @kerman-red-crescent].\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/x/");
    assert_eq!(
        page.attrs(".body a.cite[aria-label]", "aria-label"),
        [
            "AFP, citing Le Monde & Libération; later R&D",
            "Reuters, به نقل از Kerman Red Crescent"
        ]
    );
    assert_eq!(page.texts(".body a.cite"), ["AFP", "AFP", "Reuters"]);

    event(&site, "Two [@afp, @reuters].\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: `@reuters` after a comma is an attribution note, not another citation\n --> content/events/2024-01-03-x.md:4:12\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("separate citations with `;`"), "{stderr}");

    event(&site, "Two [@afp @reuters]. Three [@afp, quoting @].\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: `@afp @reuters` in a citation is not a source id\n --> content/events/2024-01-03-x.md:4:6\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: `@` in an attribution note names no source\n --> content/events/2024-01-03-x.md:4:43\n"),
        "{stderr}"
    );
}

#[test]
fn a_citation_in_a_pre_block_must_move_out() {
    let site = site();
    event(&site, "<pre>\nraw [@afp]\n</pre>\n");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains(":5:5\n"), "{stderr}");
    assert!(
        stderr.contains("a `<pre>` or `<textarea>` element is raw HTML up to its closing tag"),
        "{stderr}"
    );
    // Text no reader sees is not read.
    event(
        &site,
        "<script>\nvar a = \"[@nobody]\";\n</script>\n\nSaid [@afp].\n",
    );
    site.build(&[]);
}

#[test]
fn reports_of_one_source_in_one_block_are_claims_of_their_own() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: Blasts\nreports:\n  - { id: afp-claim, source: afp, url: \"https://example.com/a\", archived: \"https://archive.example.com/a\" }\n  - { id: afp-reaction, source: afp, url: \"https://example.com/b\", archived: \"https://archive.example.com/b\" }\n  - { id: afp-later, source: afp, url: \"https://example.com/c\" }\n---\nA group claimed it [@afp-claim]. The president vowed revenge [AFP reported](source:afp-reaction). Generic [@afp].\n",
    );
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    assert_eq!(
        afp.texts(".claim .excerpt"),
        [
            "A group claimed it.",
            "The president vowed revenge AFP reported.",
            "Generic."
        ]
    );
    assert_eq!(
        afp.attrs(".claim .report a.headline", "href"),
        ["https://example.com/a", "https://example.com/b"]
    );
    // A report the body does not cite is not a claim of a source the body cites.
    assert_eq!(afp.text("#claims-h"), "Claims (3)");
    assert_eq!(
        site.page("/2024/01/03/x/").texts(".sources-cited .count"),
        ["3 claims"]
    );
}

#[test]
fn a_source_only_listed_makes_a_claim_per_report_counted_alike() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: Blasts\nsources: [afp]\nreports:\n  - { id: afp-1, source: reuters, url: \"https://example.com/a\" }\n  - { id: afp-2, source: reuters, url: \"https://example.com/b\" }\n---\nBlasts [@afp].\n",
    );
    site.build(&[]);
    assert_eq!(site.page("/sources/afp/").text("#claims-h"), "Claims (1)");
    assert_eq!(
        site.page("/sources/reuters/").text("#claims-h"),
        "Claims (2)"
    );
    assert_eq!(
        site.page("/2024/01/03/x/").texts(".sources-cited ul li"),
        ["AFP Agence France-Presse", "Reuters 2 claims"]
    );
    assert!(counts(&site).contains(&("Reuters".into(), "2".into())));
}

#[test]
fn a_mistyped_report_id_is_suggested_and_a_source_cannot_quote_itself() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: Blasts\nreports:\n  - { id: afp-toll, source: afp, url: \"https://example.com/a\" }\n  - { id: afp-first, source: afp, url: \"https://example.com/b\" }\n---\nToll [@afp-tol]. Said [@reuters, quoting @reuters].\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: unknown source or report `afp-tol`\n --> content/events/2024-01-03-x.md:7:7\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `afp-toll`?"), "{stderr}");
    assert!(
        stderr.contains("error: the note of `@reuters` names the source it is a note of\n --> content/events/2024-01-03-x.md:7:34\n"),
        "{stderr}"
    );
}

#[test]
fn a_block_that_is_only_a_marker_is_still_read_in_context() {
    let site = site();
    event(&site, "Roads closed.\n\n[@afp]\n");
    site.build(&[]);
    let afp = site.page("/sources/afp/");
    assert_eq!(afp.count(".claim .excerpt"), 0);
    assert_eq!(
        afp.attrs(".claim .in-context a", "href"),
        ["/2024/01/03/x/#claim-1"]
    );
}

#[test]
fn notes_are_given_once_and_read_escapes_and_references() {
    let site = site();
    event(
        &site,
        "One [@reuters, citing A; B]. Two [@reuters, citing A; B]. Three [@afp, R&D &amp; @kerman-red-crescent]. Mail [@nordpress, via desk\\@nordpress.example].\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/sources/reuters/").texts(".claim .attribution"),
        ["citing A; B"]
    );
    assert_eq!(
        site.page("/sources/afp/").texts(".claim .attribution"),
        ["R&D & Kerman Red Crescent"]
    );
    assert_eq!(
        site.page("/sources/nordpress/")
            .texts(".claim .attribution"),
        ["via desk@nordpress.example"]
    );
}

#[test]
fn text_in_brackets_before_a_citation_is_an_error_not_lost() {
    let site = site();
    event(&site, "Said so [see][@afp]. Both [@afp][@reuters].\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: `[…][@afp]` is read as one citation of `@afp`, and the text in the first brackets is lost\n --> content/events/2024-01-03-x.md:4:9\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: `[…][@reuters]` is read as one citation of `@reuters`, and the text in the first brackets is lost\n --> content/events/2024-01-03-x.md:4:27\n"),
        "{stderr}"
    );
}

#[test]
fn corrections_and_source_links_name_the_events_reports() {
    let site = site();
    site.file(
        "content/events/2024-01-03-x.md",
        "---\ntitle: Blasts\nreports:\n  - { id: afp-toll, source: afp, url: \"https://example.com/a\" }\n  - { id: afp-first, source: afp, url: \"https://example.com/b\" }\ncorrections:\n  - date: 2024-01-04\n    text: The toll was wrong [@afp-toll].\n---\nThe toll rose [@afp-toll]. [As AFP said](source:afp-tolls).\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: unknown source or report `afp-tolls`\n  --> content/events/2024-01-03-x.md:10:28\n"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `afp-toll`?"), "{stderr}");
    assert!(stderr.contains("build failed: 1 error"), "{stderr}");
}

#[test]
fn a_footnote_defined_twice_is_an_error_not_two_equal_ids() {
    let site = site();
    event(
        &site,
        "A note.[^1] More.[^1]\n\n[^1]: First [@afp].\n\n[^1]: Second.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: footnote `[^1]` is defined twice\n --> content/events/2024-01-03-x.md:8:1\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("the first definition is on line 6"),
        "{stderr}"
    );
}
