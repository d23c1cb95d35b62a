//! Tags: spellings that differ only in case, spacing or separators are one tag,
//! named by the spelling used most; different tags whose slugs are one are an error
//! naming both, until `dateline.toml` gives one its own slug.

use crate::helpers::Site;

/// A source, so `check --strict` has no loose end to warn about.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "content/sources/afp.md",
        "---\nname: AFP\n---\nAn agency.\n",
    );
    site
}

fn event(site: &Site, name: &str, tags: &str) {
    site.file(
        &format!("content/events/{name}.md"),
        &format!("---\ntitle: {name}\nsources: [afp]\ntags: {tags}\n---\nText.\n"),
    );
}

#[test]
fn spellings_differing_in_case_spacing_or_separators_are_one_tag_named_by_the_most_used() {
    let site = site();
    event(&site, "2024-01-01-a", "[Gas explosion]");
    event(&site, "2024-01-02-b", "[gas-explosion]");
    event(&site, "2024-01-03-c", "[\"gas  Explosion\"]");
    event(&site, "2024-01-04-d", "[gas-explosion, Gas_Explosion]");
    site.build(&[]);
    assert_eq!(site.page("/tags/").texts(".tag-cloud a"), ["gas-explosion"]);
    assert_eq!(site.page("/tags/").texts(".tag-cloud .count"), ["4 events"]);
    let tag = site.page("/tags/gas-explosion/");
    assert_eq!(tag.text("h1"), "gas-explosion");
    assert_eq!(
        tag.texts(".event-title"),
        [
            "2024-01-01-a",
            "2024-01-02-b",
            "2024-01-03-c",
            "2024-01-04-d"
        ]
    );
    // Every event shows the tag under its one name, however it wrote it.
    for page in ["/2024/01/01/a/", "/2024/01/03/c/", "/2024/01/04/d/"] {
        assert_eq!(
            site.page(page).texts(".tag-list a"),
            ["gas-explosion"],
            "{page}"
        );
    }
    let search: serde_json::Value = serde_json::from_str(&site.read("public/search.json")).unwrap();
    assert_eq!(
        search["events"][0]["tags"],
        serde_json::json!(["gas-explosion"])
    );
    assert!(
        site.read("public/atom.xml")
            .contains("<category term=\"gas-explosion\"/>")
    );
    assert!(!site.read("public/atom.xml").contains("Gas explosion"));
}

#[test]
fn on_a_tie_the_spelling_met_first_names_the_tag() {
    let site = site();
    event(&site, "2024-01-02-b", "[Gas explosion]");
    event(&site, "2024-01-01-a", "[gas-explosion]");
    site.file(
        "content/explainers/blasts.md",
        "---\ntitle: Blasts\ntags: [GAS EXPLOSION, Gas explosion]\n---\nBackground.\n",
    );
    site.build(&[]);
    // Two uses each for `Gas explosion` and one each for the others: it wins.
    assert_eq!(
        site.page("/tags/gas-explosion/").text("h1"),
        "Gas explosion"
    );
    site.file(
        "content/explainers/blasts.md",
        "---\ntitle: Blasts\ntags: [GAS EXPLOSION]\n---\nBackground.\n",
    );
    site.build(&[]);
    // One use each: events come first, in path order, so `2024-01-01-a` names it.
    assert_eq!(
        site.page("/tags/gas-explosion/").text("h1"),
        "gas-explosion"
    );
}

#[test]
fn distinct_tags_with_one_slug_are_an_error_naming_both_spellings_and_their_places() {
    let site = site();
    event(&site, "2024-01-01-a", "[C++]");
    event(&site, "2024-01-02-b", "[\"C#\"]");
    event(&site, "2024-01-03-c", "[Compilers, C]");
    for command in [&["check", "--strict"][..], &["build"][..]] {
        let output = site.run(command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(
                "error: the tags `C#` and `C++` would share one page, tags/c/\n --> content/events/2024-01-02-b.md:4:9\n"
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains(
                "= help: `C++` is used at content/events/2024-01-01-a.md:4:8; tags that differ in more than case, spacing and separators are different tags: give this one its own slug in dateline.toml, such as `[tags.\"C#\"] slug = \"c-sharp\"`, or write both alike if they are one tag"
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains(
                "error: the tags `C` and `C++` would share one page, tags/c/\n --> content/events/2024-01-03-c.md:4:19\n"
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains("such as `[tags.C] slug = \"c-2\"`"),
            "{stderr}"
        );
        assert!(stderr.contains("failed: 2 errors"), "{stderr}");
    }
    assert!(!site.path("public").exists());
}

#[test]
fn a_slug_given_in_dateline_toml_keeps_the_tags_apart_under_their_own_names() {
    let site = site();
    site.file(
        "dateline.toml",
        "[tags.\"c++\"]\nslug = \"cpp\"\n\n[tags.\"C#\"]\nslug = \"c-sharp\"\n",
    );
    event(&site, "2024-01-01-a", "[C++]");
    event(&site, "2024-01-02-b", "[\"C#\", c++]");
    event(&site, "2024-01-03-c", "[C]");
    let output = site.run(&["check", "--strict"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    site.build(&[]);
    assert_eq!(
        site.page("/tags/").attrs(".tag-cloud a", "href"),
        ["/tags/c/", "/tags/c-sharp/", "/tags/cpp/"]
    );
    assert_eq!(
        site.page("/tags/").texts(".tag-cloud a"),
        ["C", "C#", "C++"]
    );
    assert_eq!(site.page("/tags/cpp/").text("h1"), "C++");
    assert_eq!(
        site.page("/tags/cpp/").texts(".event-title"),
        ["2024-01-01-a", "2024-01-02-b"]
    );
    assert_eq!(site.page("/2024/01/03/c/").texts(".tag-list a"), ["C"]);
    assert_eq!(
        site.page("/2024/01/03/c/").attrs(".tag-list a", "href"),
        ["/tags/c/"]
    );
    assert_eq!(
        site.page("/2024/01/02/b/").texts(".tag-list a"),
        ["C#", "C++"]
    );
}

#[test]
fn a_given_slug_that_another_tag_has_is_an_error_saying_where_it_was_given() {
    let site = site();
    site.file("dateline.toml", "[tags.\"C#\"]\nslug = \"c\"\n");
    event(&site, "2024-01-01-a", "[\"C#\"]");
    event(&site, "2024-01-02-b", "[C]");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: the tags `C` and `C#` would share one page, tags/c/\n --> content/events/2024-01-02-b.md:4:8\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: `C#` is used at content/events/2024-01-01-a.md:4:9 (its slug is set in dateline.toml); "
        ),
        "{stderr}"
    );
}

#[test]
fn an_explainers_tag_collides_like_an_events() {
    let site = site();
    event(&site, "2024-01-01-a", "[AT&T]");
    site.file(
        "content/explainers/phones.md",
        "---\ntitle: Phones\ntags: [AT T]\n---\nBackground.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: the tags `AT T` and `AT&T` would share one page, tags/at-t/\n --> content/explainers/phones.md:3:8\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("such as `[tags.\"AT T\"] slug = \"at-t-2\"`"),
        "{stderr}"
    );
}

#[test]
fn a_bad_tags_table_is_an_error_at_its_line() {
    let site = site();
    event(&site, "2024-01-01-a", "[C++]");
    site.file(
        "dateline.toml",
        "title = \"T\"\n\n[tags.\"C++\"]\nslug = \"C plus plus\"\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: `C plus plus` is not a valid slug for the tag `C++`\n --> dateline.toml:4:8\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: a slug is lower-case letters, digits and single hyphens: `slug = \"c-plus-plus\"`"
        ),
        "{stderr}"
    );

    site.file(
        "dateline.toml",
        "[tags.\"C++\"]\nslug = \"cpp\"\n\n[tags.\"c++\"]\nslug = \"c-plus-plus\"\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: `[tags.\"C++\"]` and `[tags.\"c++\"]` are one tag\n --> dateline.toml:5:8\n"
        ),
        "{stderr}"
    );

    site.file("dateline.toml", "[tags.\"C++\"]\nslg = \"cpp\"\n");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("unknown field `slg`"), "{stderr}");
    assert!(stderr.contains(" --> dateline.toml:2:1"), "{stderr}");
}

#[test]
fn a_tag_without_letters_or_digits_is_still_an_error_at_each_use() {
    let site = site();
    event(&site, "2024-01-01-a", "[\"++\"]");
    event(&site, "2024-01-02-b", "[Kerman, \"++\"]");
    let stderr = site.build_fails(&[]);
    for at in ["2024-01-01-a.md:4:9", "2024-01-02-b.md:4:17"] {
        assert!(
            stderr.contains(&format!(
                "error: the tag `++` has no letters or digits\n --> content/events/{at}\n"
            )),
            "{stderr}"
        );
    }
    assert!(stderr.contains("build failed: 2 errors;"), "{stderr}");
}

#[test]
fn new_refuses_a_tag_another_tag_has_the_slug_of() {
    let site = site();
    event(&site, "2024-01-01-a", "[C++]");
    let output = site.run(&[
        "new",
        "event",
        "Compilers",
        "--date",
        "2024-01-05",
        "--source",
        "afp",
        "--tag",
        "C#",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: the tags `C#` and `C++` would share one page, tags/c/"),
        "{stderr}"
    );
    assert!(!site.path("content/events/2024-01-05-compilers.md").exists());
    // A spelling of the same tag is welcome.
    let output = site.run(&[
        "new",
        "event",
        "Compilers",
        "--date",
        "2024-01-05",
        "--source",
        "afp",
        "--tag",
        "c++",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        site.path("content/events/2024-01-05-compilers.md")
            .is_file()
    );
}

#[test]
fn a_tags_entry_no_tag_takes_is_a_loose_end() {
    let site = site();
    site.file(
        "dateline.toml",
        "[tags.\"C++\"]\nslug = \"cpp\"\n\n[tags.\"Rust lang\"]\nslug = \"rust\"\n\n[tags.\"Go\"]\nslug = \"golang\"\n",
    );
    event(&site, "2024-01-01-a", "[c++]");
    // A tag only a draft has is not unused: the draft is just left out.
    site.file(
        "content/events/2024-01-02-b.md",
        "---\ntitle: b\ndraft: true\ntags: [Go]\nsources: [afp]\n---\nText.\n",
    );
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: no event or explainer has the tag `Rust lang` that `[tags]` gives a slug"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("that `[tags]` gives a slug").count(),
        1,
        "{stderr}"
    );
    assert!(!site.run(&["check", "--strict"]).status.success());
}
