//! Template and static overrides, extra data, and template errors.

use crate::helpers::Site;

#[test]
fn a_site_template_replaces_the_built_in_one() {
    let site = Site::basic();
    site.file(
        "templates/event.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ event.title }}</h1><p class=\"desk\">{{ event.extra.desk | default(value=\"none\") }}</p>{% endblock content %}",
    )
    .file("content/events/2024-02-01-extra.md", "---\ntitle: With extra\nextra:\n  desk: World desk\n---\nx\n");
    site.build(&[]);
    let page = site.page("/2024/02/01/extra/");
    assert_eq!(page.text("h1.custom"), "With extra");
    assert_eq!(page.text("p.desk"), "World desk");
    // Other templates keep the built-in theme.
    assert_eq!(site.page("/").count(".year-nav"), 1);
}

#[test]
fn a_site_partial_replaces_the_built_in_one_everywhere() {
    let site = Site::basic();
    site.file(
        "templates/partials/event_item.html",
        "<li class=\"mine\">{{ item.title }}</li>\n",
    );
    site.build(&[]);
    assert_eq!(
        site.page("/").texts("li.mine"),
        ["Soleimani killed", "Kerman explosions", "Day of mourning"]
    );
    assert_eq!(site.page("/tags/attacks/").count("li.mine"), 2);
}

#[test]
fn a_site_compact_partial_replaces_the_entries_of_an_event_page() {
    let site = Site::basic();
    site.file(
        "templates/partials/event_item_compact.html",
        "<li class=\"short\"><a href=\"{{ item.url }}\">{{ item.title }}</a> {{ site.counts.events }}</li>\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/kerman-explosions/");
    // Each related entry says, inside it, what it shares with the page's event.
    assert_eq!(
        page.texts(".related li.short"),
        [
            "Soleimani killed 3 Shared background: Who is Qasem Soleimani · Shared tag: Soleimani",
            "Day of mourning 3 Shared tag: Attacks"
        ]
    );
    assert_eq!(page.texts(".on-this-day li.short"), ["Soleimani killed 3"]);
    // Full entries keep the built-in partial.
    assert_eq!(site.page("/").count("li.short"), 0);
    assert_eq!(site.page("/").count("li.event-item p.summary"), 3);
}

#[test]
fn list_templates_may_render_entries_themselves_or_include_the_entry_partial() {
    let site = Site::basic();
    site.file(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<ul class=\"own\">{% for item in tag.events %}<li>{{ item.title }}</li>{% endfor %}</ul><ol class=\"spliced\">{% for item in tag.events %}{% include \"partials/event_item.html\" %}{% endfor %}</ol>{% endblock content %}",
    );
    site.build(&[]);
    let page = site.page("/tags/attacks/");
    assert_eq!(
        page.texts("ul.own li"),
        ["Kerman explosions", "Day of mourning"]
    );
    assert_eq!(
        page.texts("ol.spliced li.event-item h3"),
        ["Kerman explosions", "Day of mourning"]
    );
    assert_eq!(
        page.texts("ol.spliced li.event-item p.summary"),
        ["Two blasts near the grave.", "A national day of mourning."]
    );
}

#[test]
fn an_error_in_the_entry_details_partial_is_reported_once_naming_the_entries() {
    let site = Site::basic();
    // Rendered once per event, with `item` and `site` only: no `page`.
    site.file(
        "templates/partials/event_details.html",
        "<p>\n{{ item.summary }} {{ page.title }}</p>\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(" --> templates/partials/event_details.html:2:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cannot render the list entry of content/events/"),
        "{stderr}"
    );
    assert!(stderr.contains("and 2 other events"), "{stderr}");
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
    assert!(!site.path("public").exists());
}

#[test]
fn site_static_files_are_copied_over_the_theme() {
    let site = Site::basic();
    site.file("static/style.css", "body { color: rebeccapurple }\n")
        .file("static/images/logo.svg", "<svg/>");
    site.build(&[]);
    assert_eq!(
        site.read("public/style.css"),
        "body { color: rebeccapurple }\n"
    );
    assert_eq!(site.read("public/images/logo.svg"), "<svg/>");
    assert!(site.path("public/favicon.svg").is_file());
}

#[test]
fn site_config_extra_reaches_templates() {
    let site = Site::basic();
    site.file("dateline.toml", "timezone = \"Asia/Tehran\"\n[extra]\npublisher = \"The Desk\"\n")
        .file("templates/tags.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ site.extra.publisher }}</h1>{% endblock content %}");
    site.build(&[]);
    assert_eq!(site.page("/tags/").text("main h1"), "The Desk");
}

#[test]
fn a_template_syntax_error_names_the_template() {
    let site = Site::basic();
    site.file(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ tag.name \n{% endblock content %}",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains(" --> templates/tag.html:"), "{stderr}");
    assert!(!stderr.contains("error: error:"), "{stderr}");
}

#[test]
fn a_missing_variable_names_the_template() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{{ nothing.here }}{% endblock content %}",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("templates/tags.html"), "{stderr}");
    assert!(stderr.contains("nothing"), "{stderr}");
}

#[test]
fn a_static_file_may_not_replace_a_generated_page() {
    let site = Site::basic();
    site.file("static/sources/index.html", "<p>mine</p>");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("static/sources/index.html"), "{stderr}");
}

#[test]
fn reports_a_template_error_once_with_its_line() {
    let site = Site::basic();
    site.file("templates/event.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ event.missing }}\n{% endblock content %}");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(" --> templates/event.html:3:10\n"),
        "{stderr}"
    );
    assert!(stderr.contains("3 | {{ event.missing }}\n"), "{stderr}");
    assert!(stderr.contains("^^^^^^^"), "{stderr}");
    assert!(
        stderr.contains("Field `missing` is not defined"),
        "{stderr}"
    );
    assert!(stderr.contains("and 2 other pages"), "{stderr}");
    assert!(
        stderr
            .contains("help: the variables each template receives are listed in docs/TEMPLATES.md"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 1 error;"), "{stderr}");
}

#[test]
fn reports_every_unknown_filter_at_its_place() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ 1 | nofilter }}\n{{ 2 | other }}\n{% endblock content %}",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains(
            "error: template error: Unknown filter `nofilter`\n --> templates/tags.html:3:8"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: template error: Unknown filter `other`\n --> templates/tags.html:4:8"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("build failed: 2 errors;"), "{stderr}");
}

#[test]
fn copies_hidden_static_files_and_refuses_a_static_folder_over_pages() {
    let site = Site::basic();
    site.file("static/.well-known/security.txt", "Contact: x\n");
    site.build(&[]);
    assert_eq!(site.read("public/.well-known/security.txt"), "Contact: x\n");
    site.file("static/tags", "a file where the tag pages go");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("static/tags would replace the generated page"),
        "{stderr}"
    );
}

#[test]
fn tag_pages_list_explainers_with_the_tag() {
    let site = Site::basic();
    site.file(
        "content/explainers/kerman.md",
        "---\ntitle: Kerman\ntags: [Places]\n---\nA city.\n",
    );
    site.build(&[]);
    let page = site.page("/tags/places/");
    assert_eq!(page.texts("h2.list-title"), ["Explainers"]);
    assert_eq!(page.texts(".card h3"), ["Kerman"]);
}

/// Runs `dateline <command>` on `site` with a render budget of `budget_ms` per page,
/// killing it if it has not ended within 30 s: a runaway template must not hang.
fn run_bounded(site: &Site, command: &str, budget_ms: u64) -> (Option<i32>, String) {
    let started = std::time::Instant::now();
    let mut child = site
        .command(&[command])
        .env("DATELINE_RENDER_BUDGET_MS", budget_ms.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dateline");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().expect("kill");
            panic!("`dateline {command}` still running after 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

/// `build` and `check` both fail with exit 1; returns what each printed. Where a
/// runaway is stopped depends on timing, so the callers check both.
fn build_and_check_fail(site: &Site, budget_ms: u64) -> [String; 2] {
    let (code, built) = run_bounded(site, "build", budget_ms);
    assert_eq!(code, Some(1), "{built}");
    assert!(!site.path("public").exists());
    let (code, checked) = run_bounded(site, "check", budget_ms);
    assert_eq!(code, Some(1), "{checked}");
    [built, checked]
}

/// `build` and `check` both fail with exit 1, reporting the same template errors.
fn fails_alike(site: &Site, budget_ms: u64) -> String {
    let [built, checked] = build_and_check_fail(site, budget_ms);
    let errors = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .filter(|block| block.starts_with("error: template error"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(errors(&built), errors(&checked));
    built
}

#[test]
fn errors_on_nested_loops_that_run_past_the_render_budget() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}x{% endfor %}{% endfor %}\n{% endblock content %}",
    );
    let started = std::time::Instant::now();
    let outputs = build_and_check_fail(&site, 300);
    assert!(started.elapsed() < std::time::Duration::from_secs(40));
    for stderr in outputs {
        // The writer stops the page, or — when the machine is busy and the deadline
        // passes between two rows — the next `range()`, at its line.
        let by_writer = stderr.contains(
            "error: template error: cannot render /tags/index.html: tags.html ran past the render budget of 300 ms per page\n --> templates/tags.html\n",
        ) && stderr.contains(
            "help: a loop or component that does not end, in tags.html or a template it extends, includes or calls? The budget is in docs/TEMPLATES.md",
        );
        let by_range = stderr.contains(
            "error: template error: cannot render /tags/index.html: the page ran past the render budget of 300 ms\n --> templates/tags.html:2:",
        );
        assert!(by_writer || by_range, "{stderr}");
        assert!(stderr.contains("1 error"), "{stderr}");
    }
}

#[test]
fn errors_on_nested_loops_that_write_nothing_at_the_loop() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}\n{% endblock content %}",
    );
    let stderr = fails_alike(&site, 300);
    assert!(
        stderr.contains(
            "error: template error: cannot render /tags/index.html: the page ran past the render budget of 300 ms\n --> templates/tags.html:2:"
        ),
        "{stderr}"
    );
}

#[test]
fn errors_on_a_component_fan_out_past_the_render_budget() {
    let site = Site::basic();
    site.file(
        "templates/tree.html",
        "{% component tree(n: integer) %}{% if n > 0 %}{{ <tree n={n - 1} /> }}{{ <tree n={n - 1} /> }}{{ <tree n={n - 1} /> }}{{ <tree n={n - 1} /> }}{% endif %}.{% endcomponent tree %}",
    )
    .file(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"tree.html\" %}{{ <tree n={19} /> }}{% endblock content %}",
    );
    let stderr = fails_alike(&site, 300);
    assert!(
        stderr.contains(
            "error: template error: cannot render /tags/attacks/index.html and 1 other page: tag.html ran past the render budget of 300 ms per page\n --> templates/tag.html\n"
        ) || stderr.contains(
            "error: template error: cannot render /tags/attacks/index.html: tag.html ran past the render budget of 300 ms per page\n --> templates/tag.html\n"
        ),
        "{stderr}"
    );
}

#[test]
fn errors_on_an_include_loop_at_the_include() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"a.html\" %}{% endblock content %}",
    )
    .file("templates/a.html", "<p>a</p>\n{% include \"b.html\" %}\n")
    .file("templates/b.html", "<p>b</p>\n\n{% include 'a.html' %}\n");
    let stderr = fails_alike(&site, 10_000);
    assert!(
        stderr.contains(
            "error: template error: include loop: a.html includes b.html, which includes a.html\n --> templates/a.html:2:4\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 | {% include \"b.html\" %}\n"),
        "{stderr}"
    );
}

#[test]
fn errors_on_an_extends_loop_at_the_extends() {
    let site = Site::basic();
    site.file("templates/tags.html", "{% extends \"x.html\" %}")
        .file("templates/x.html", "\n{% extends \"y.html\" %}")
        .file("templates/y.html", "\n\n{% extends \"x.html\" %}");
    let stderr = fails_alike(&site, 10_000);
    assert!(
        stderr.contains(
            "error: template error: extends loop: x.html extends y.html, which extends x.html\n --> templates/x.html:2:4\n"
        ),
        "{stderr}"
    );
}

#[test]
fn errors_on_a_template_that_extends_itself_at_the_extends() {
    let site = Site::basic();
    site.file("templates/tags.html", "\n\n{% extends \"tags.html\" %}");
    let stderr = fails_alike(&site, 10_000);
    assert!(
        stderr.contains(
            "error: template error: extends loop: tags.html extends itself\n --> templates/tags.html:3:4\n"
        ),
        "{stderr}"
    );
}

#[test]
fn errors_on_a_template_that_ends_early_at_its_last_line() {
    let site = Site::basic();
    site.file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}\n{% if site.title %}\n<p>hi</p>\n",
    );
    let stderr = fails_alike(&site, 10_000);
    assert!(
        stderr.contains(
            "error: template error: Unexpected end of input\n --> templates/tags.html:3:10\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("3 | <p>hi</p>\n"), "{stderr}");
}

#[test]
fn errors_on_a_component_that_recurses_without_end_naming_it() {
    let site = Site::basic();
    site.file(
        "templates/echo.html",
        "{% component echo(name: string) %}\n<b>{{ <echo name={name} /> }}</b>\n{% endcomponent echo %}",
    )
    .file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"echo.html\" %}{{ <echo name=\"x\" /> }}{% endblock content %}",
    );
    let stderr = fails_alike(&site, 10_000);
    assert!(
        stderr.contains(
            "error: template error: cannot render /tags/index.html: component `echo` calls itself without end (components nest at most 20 deep)\n --> templates/echo.html:2:8\n"
        ),
        "{stderr}"
    );
}
