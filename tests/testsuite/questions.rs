//! Open questions (SPEC §9.6): accounts that disagree, given on any event under a
//! site-wide id, asked once, settled when one is confirmed; listed on `/questions/`,
//! a page per question, a box on each event that adds accounts, and source pages.

use crate::helpers::{Site, errors};

/// Nournews and state TV disagree about the cause on one event; a later event
/// adds Reuters' account.
fn site() -> Site {
    let site = Site::new();
    site.file("dateline.toml", "title = \"Questions\"\ntimezone = \"Asia/Tehran\"\n")
        .file("content/sources/nournews.md", "---\nname: Nournews\n---\nNews site.\n")
        .file("content/sources/irib.md", "---\nname: Islamic Republic of Iran Broadcasting\nshort: State TV\n---\nState broadcaster.\n")
        .file("content/sources/reuters.md", "---\nname: Reuters\n---\nNews agency.\n")
        .file(
            "content/events/2024-01-03-cause.md",
            "---\ntitle: Cause unclear\ndate: 2024-01-03T17:00\nquestions:\n  cause:\n    ask: What caused the explosions?\n    accounts:\n      - { says: \"Gas canisters exploded on the road to the *cemetery*\", source: nournews, at: 2024-01-03T18:00 }\n      - { says: Not yet clear whether gas cylinders or an attack, source: irib, via: a local official, at: 2024-01-03T17:30 }\n---\nAccounts differ.\n",
        )
        .file(
            "content/events/2024-01-04-claim.md",
            "---\ntitle: Responsibility claimed\ndate: 2024-01-04\nquestions:\n  cause:\n    accounts:\n      - { says: Two suicide bombers carried out the attack, source: reuters }\n  who:\n    ask: Who carried out the attack?\n    accounts:\n      - { says: A group claimed responsibility, source: reuters, status: confirmed }\n---\nA group claims it.\n",
        );
    site
}

#[test]
fn a_question_page_lists_every_account_in_time_order_with_source_note_event_and_status() {
    let site = site();
    site.build(&[]);
    let page = site.page("/questions/cause/");
    assert_eq!(page.text("h1"), "What caused the explosions?");
    assert_eq!(
        page.texts("li.account .says"),
        [
            "Not yet clear whether gas cylinders or an attack",
            "Gas canisters exploded on the road to the cemetery",
            "Two suicide bombers carried out the attack",
        ]
    );
    // `says` is inline Markdown.
    assert_eq!(page.texts("li.account .says em"), ["cemetery"]);
    assert_eq!(
        page.texts("li.account .marker"),
        ["State TV", "Nournews", "Reuters"]
    );
    assert_eq!(page.texts("li.account .via"), ["via a local official"]);
    let events = page.attrs("li.account a[href^='/2024/']", "href");
    assert_eq!(
        events,
        [
            "/2024/01/03/cause/",
            "/2024/01/03/cause/",
            "/2024/01/04/claim/"
        ]
    );
    // Nothing is confirmed: the question is open.
    assert_eq!(page.count("li.account .status"), 0);
    assert_eq!(page.text(".question-state .status"), "open");
    let ld = page.json_ld();
    assert_eq!(ld["@type"], "Question");
    assert_eq!(ld["answerCount"], 3);
    assert_eq!(
        ld["suggestedAnswer"][0]["author"]["name"],
        "Islamic Republic of Iran Broadcasting"
    );
    assert!(ld.get("acceptedAnswer").is_none());
}

#[test]
fn the_questions_index_lists_open_questions_first_and_a_confirmed_account_settles_one() {
    let site = site();
    site.build(&[]);
    let index = site.page("/questions/");
    assert_eq!(
        index.texts(".question-list li.question > a"),
        ["What caused the explosions?", "Who carried out the attack?"]
    );
    assert_eq!(
        index.texts(".question-list li .status"),
        ["open", "settled"]
    );
    assert_eq!(
        index.texts(".question-list li .count"),
        ["3 accounts", "1 account"]
    );
    assert_eq!(index.count(".question-list li.settled"), 1);
    let who = site.page("/questions/who/");
    assert_eq!(
        who.json_ld()["acceptedAnswer"][0]["text"],
        "A group claimed responsibility"
    );
}

#[test]
fn an_event_shows_the_accounts_it_adds_and_its_sources_count_them() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2024/01/04/claim/");
    assert_eq!(
        page.texts(".questions-box h3 a"),
        ["What caused the explosions?", "Who carried out the attack?"]
    );
    assert_eq!(
        page.texts(".questions-box li.account .says"),
        [
            "Two suicide bombers carried out the attack",
            "A group claimed responsibility"
        ]
    );
    assert_eq!(page.texts(".questions-box .more a"), ["All 3 accounts"]);
    assert_eq!(page.texts(".sources-cited li .count"), ["2 claims"]);
    let reuters = site.page("/sources/reuters/");
    assert_eq!(reuters.text("#claims-h"), "Claims (2)");
    assert_eq!(
        reuters.texts(".claims li.account .says"),
        [
            "Two suicide bombers carried out the attack",
            "A group claimed responsibility"
        ]
    );
    let search = site.json("search.json");
    assert_eq!(
        search["events"][1]["questions"],
        serde_json::json!(["cause", "who"])
    );
}

#[test]
fn a_question_asked_twice_differently_is_an_error_naming_both_places() {
    let site = site();
    site.file(
        "content/events/2024-01-05-again.md",
        "---\ntitle: Again\ndate: 2024-01-05\nquestions:\n  cause:\n    ask: Why did the blasts happen?\n    accounts:\n      - { says: An attack, source: reuters }\n  never:\n    accounts:\n      - { says: Something, source: reuters }\n  Bad Id:\n    ask: Bad?\n---\nx\n",
    );
    let found = errors(&site.build_fails(&[]));
    assert_eq!(
        found,
        [
            (
                "content/events/2024-01-05-again.md:6:10".to_owned(),
                "the question `cause` is asked differently here: `Why did the blasts happen?`; it is first asked as `What caused the explosions?` at content/events/2024-01-03-cause.md:6:10".to_owned(),
                Some("a question is asked once: leave `ask` out here, or write it word for word as there".to_owned()),
            ),
            (
                "content/events/2024-01-05-again.md:9:3".to_owned(),
                "the question `never` is never asked".to_owned(),
                Some("give `never` an `ask` on one of its events: the question as readers see it, such as “What caused the explosions?”".to_owned()),
            ),
            (
                "content/events/2024-01-05-again.md:12:3".to_owned(),
                "`Bad Id` is not a valid question id".to_owned(),
                Some("a question's id is its address, `questions/bad-id/`: lower-case letters, digits and single hyphens, like `bad-id`".to_owned()),
            ),
        ]
    );
}

#[test]
fn every_wrong_account_is_an_error_at_its_place() {
    let site = site();
    site.file(
        "content/events/2024-01-05-wrong.md",
        "---\ntitle: Wrong\ndate: 2024-01-05\nquestions:\n  cause:\n    accounts:\n      - { says: \"# A heading\", source: reuters }\n      - { says: Fine, source: reutres }\n      - { says: Fine, source: reuters, status: denid }\n      - { says: Fine, source: reuters, at: 2024-01-01 }\n      - { sayz: Fine, source: reuters }\n---\nx\n",
    );
    let found = errors(&site.build_fails(&[]));
    let at = |line: usize, col: usize| format!("content/events/2024-01-05-wrong.md:{line}:{col}");
    assert_eq!(
        found,
        [
            (at(7, 18), "an account's `says` is one paragraph of inline Markdown, not a heading".to_owned(), Some("a line that starts with `#` and a space is a heading: leave out the `#`, or write `**…**` for emphasis".to_owned())),
            (at(8, 31), "unknown source `reutres`".to_owned(), Some("did you mean `reuters`?".to_owned())),
            (at(9, 48), "unknown status `denid`".to_owned(), Some("did you mean `denied`? An account's status is one of `reported`, `confirmed`, `disputed`, `denied`, `retracted`".to_owned())),
            (at(10, 44), "`at` (2024-01-01) is before the event's `date` (2024-01-05)".to_owned(), Some("an account is given on or after the day of what it is about; check the date, or put the account on the event it belongs to".to_owned())),
            (at(11, 11), "unknown key `sayz` in an account".to_owned(), Some("did you mean `says`? An account takes `says`, `source`, `via`, `at`, `status`".to_owned())),
        ]
    );
}

#[test]
fn check_warns_about_an_open_question_whose_accounts_have_no_status() {
    let site = site();
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: the question `cause` has 3 accounts and none has a `status`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/events/2024-01-03-cause.md:5:3"),
        "{stderr}"
    );
    // A status on any account says where they stand.
    site.file(
        "content/events/2024-01-04-claim.md",
        "---\ntitle: Responsibility claimed\ndate: 2024-01-04\nquestions:\n  cause:\n    accounts:\n      - { says: Two suicide bombers carried out the attack, source: reuters, status: disputed }\n---\nA group claims it.\n",
    );
    let output = site.run(&["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("none has a `status`"), "{stderr}");
}

#[test]
fn an_empty_ask_is_one_error_and_toml_help_is_written_in_toml() {
    let site = site();
    site.file(
        "content/events/2024-01-05-blank.md",
        "+++\ntitle = \"Blank\"\ndate = 2024-01-05\n\n[questions.blank]\nask = \"  \"\n\n[[questions.blank.accounts]]\nsource = \"reuters\"\n+++\nx\n",
    );
    let found = errors(&site.build_fails(&[]));
    assert_eq!(
        found,
        [
            (
                "content/events/2024-01-05-blank.md:6:7".to_owned(),
                "the question's `ask` is empty".to_owned(),
                Some("write the question as readers see it, like `What caused the explosions?`, or leave `ask` out when another event gives it".to_owned()),
            ),
            (
                "content/events/2024-01-05-blank.md:8:1".to_owned(),
                "an account needs `says`".to_owned(),
                Some("say what the source says, like `says = \"Gas canisters exploded\"`".to_owned()),
            ),
        ]
    );
}
