//! A site's own translation tables (SPEC §11): `i18n/{lang}.toml` changes words of
//! a built-in language or adds a language; what a table lacks reads in English and
//! `check` says so; a word is escaped for HTML once, as is what is put into it.

use crate::helpers::{Site, stdout};

/// An Italian site (no built-in table) with its own table, an English table
/// changing two words, and a source no event cites, whose short name needs
/// escaping.
fn site() -> Site {
    let site = Site::new();
    site.file(
        "dateline.toml",
        "title = \"Cronologia\"\nlanguage = \"it\"\n",
    )
    .file(
        "i18n/it.toml",
        "sources_cited = \"Fonti citate\"\nno_claims = \"Nessun evento cita {source} & co <ancora>.\"\n",
    )
    .file(
        "i18n/en.toml",
        "sources_cited = \"Who said it\"\nkey_event = \"Big one\"\n",
    )
    .file(
        "content/sources/att.md",
        "---\nname: AT&T's wire\nshort: AT&T's\n---\nA wire.\n",
    )
    .file(
        "content/sources/afp.md",
        "---\nname: Agence France-Presse\nshort: AFP\n---\nAn agency.\n",
    )
    .file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Esplosioni\nsources: [afp]\nkey: true\n---\nDue esplosioni [@afp].\n",
    )
    .file(
        "content/events/2024-01-04-english.md",
        "---\ntitle: Blasts\nlanguage: en\nsources: [afp]\n---\nTwo blasts [@afp].\n",
    );
    site
}

#[test]
fn a_sites_tables_change_and_add_words_and_check_names_what_is_missing() {
    let site = site();
    let check = site.run(&["check"]);
    assert!(check.status.success());
    let said = String::from_utf8_lossy(&check.stderr).into_owned() + &stdout(&check);
    assert!(
        said.contains("i18n/it.toml") && said.contains("missing in `it` and show in English"),
        "{said}"
    );
    site.build(&[]);

    // The Italian page reads the site's Italian words, and English where the
    // table has none (the key event label, from the site's English table).
    let italian = site.page("/2024/01/03/blasts/");
    assert_eq!(italian.attrs("html", "lang"), ["it"]);
    assert_eq!(italian.text("#sources-h"), "Fonti citate");
    // An English event reads the site's English words.
    let english = site.page("/2024/01/04/english/");
    assert_eq!(english.text("#sources-h"), "Who said it");
    assert_eq!(site.page("/").text(".key-label"), "Big one");

    // A word and the name put into it are each escaped once.
    let source = site.read("public/sources/att/index.html");
    assert!(
        source.contains("<p>Nessun evento cita AT&amp;T&#39;s &amp; co &lt;ancora&gt;.</p>"),
        "{source}"
    );
}
