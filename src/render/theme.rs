//! The theme: Tera templates and static files, built in and overridable by the site.
//!
//! The built-in theme (the repository's `templates/` and `static/`) is embedded in the
//! binary, so a site with only `content/` builds. A site's own file with the same
//! relative name replaces the built-in one. Site files are read from disk on every
//! build so a preview picks up edits. Which files the site has, and which static
//! files a build publishes, is listed by `load::site_files`.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use std::error::Error as _;

use super::budget::{self, Budget};
use crate::diagnostic::{Diagnostic, display_path};
use crate::load::site_files::{Hidden, builtin_files, site_files};
pub use crate::load::site_files::{LeftOut, StaticFile, StaticFiles};

static BUILTIN_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The templates and static files one build renders with: the built-in theme, each
/// file replaced by the site's own of the same relative name. SPEC §1, §7.
pub struct Theme {
    /// Every template by name (`event.html`, `partials/event_item.html`), parsed;
    /// autoescaping `.html` and `.xml`, with `range()` and escaping metered by the
    /// render budget.
    pub tera: tera::Tera,
    /// Where each template came from, for error messages: `templates/x.html` for the
    /// site's own, `built-in theme: x.html` otherwise.
    origins: BTreeMap<String, String>,
    /// Each template's text, for the line shown under an error.
    sources: BTreeMap<String, String>,
    /// The static files published, listed once per build by [`StaticFiles::load`].
    pub static_files: StaticFiles,
    /// The theme's words in every language: the built-in tables under the site's
    /// `i18n/*.toml`. SPEC §11.
    pub words: std::sync::Arc<crate::i18n::strings::Words>,
    /// The site's language and its templates with their words written in, made
    /// on first use without a lock on the way to them: see [`Theme::in_language`].
    in_site_language: (
        String,
        std::sync::OnceLock<Option<std::sync::Arc<tera::Tera>>>,
    ),
    /// The same for each other language a page asked for. `None` where that did
    /// not parse.
    in_languages: std::sync::Mutex<BTreeMap<String, Option<std::sync::Arc<tera::Tera>>>>,
}

impl Theme {
    /// Loads the built-in templates, overridden by `root/templates` read inside the
    /// site's boundary (`config.follow_links_outside`), to publish `static_files`
    /// (see [`StaticFiles::load`]) with `words` (see [`Words::load`], whose errors
    /// are its caller's to report). Returns every template error found.
    ///
    /// [`Words::load`]: crate::i18n::strings::Words::load
    pub fn load(
        root: &Path,
        config: &crate::config::Config,
        static_files: StaticFiles,
        words: std::sync::Arc<crate::i18n::strings::Words>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let boundary = crate::load::boundary::Boundary::new(root, config);
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut origins = BTreeMap::new();
        for (name, text) in builtin_templates() {
            origins.insert(name.clone(), format!("built-in theme: {name}"));
            sources.insert(name, text.to_owned());
        }
        let mut errors = Vec::new();
        for (name, path) in site_files(root, "templates", &boundary, Hidden::Skip, &mut errors) {
            match crate::fsx::read_regular(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_owned()))
            {
                Ok(text) => {
                    let text = text.replace("\r\n", "\n");
                    let shown = format!("templates/{name}");
                    if let Some(at) = text.find('\0') {
                        errors.push(crate::load::nul_error(Path::new(&shown), &text, at));
                        continue;
                    }
                    origins.insert(name.clone(), shown);
                    sources.insert(name, text);
                }
                Err(e) => errors.push(Diagnostic::file(
                    format!("templates/{name}"),
                    format!("cannot read template: {e}"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = new_tera();
        let add = tera.add_raw_templates(sources.iter());
        let theme = Theme {
            tera,
            origins,
            sources,
            static_files,
            words,
            in_site_language: (config.language.clone(), Default::default()),
            in_languages: Default::default(),
        };
        if let Err(e) = add {
            errors.extend(theme.template_errors(&e, ""));
        }
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    /// Every template's name, origin and text, hashed: pages rendered with a theme of
    /// the same fingerprint need not be rendered again.
    pub fn fingerprint(&self) -> u64 {
        crate::fingerprint::of(&(&self.sources, &self.origins, self.words.fingerprint()))
    }

    /// Every template's text under the name the user knows it by, so the link
    /// check can point at the line that wrote a broken link.
    pub fn template_texts(&self) -> Vec<crate::linkcheck::TemplateText<'_>> {
        self.sources
            .iter()
            .map(|(name, text)| crate::linkcheck::TemplateText {
                shown: self.origins.get(name).map_or(name.as_str(), String::as_str),
                text,
            })
            .collect()
    }

    /// The ids the page layout writes: every `id` attribute with a literal value
    /// in any template (`<main id="main">`), each with the first place that writes
    /// it: the template as shown to the user (`built-in theme: base.html`), its
    /// text, and the byte offset of the value there. Values made with a template
    /// expression (`id="{{ year.anchor }}"`) are left out: they are known only per
    /// page. Every id is taken to be on every page, as a site's templates may show
    /// a body anywhere.
    pub fn layout_ids(&self) -> BTreeMap<&str, (&str, &str, usize)> {
        let mut ids = BTreeMap::new();
        for (name, text) in &self.sources {
            let shown = self.origins.get(name).map_or(name.as_str(), String::as_str);
            for (at, id) in literal_ids(text) {
                ids.entry(id).or_insert((shown, text.as_str(), at));
            }
        }
        ids
    }

    /// Where a template came from, as shown to the user.
    pub fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// Whether a template of that name (`event.html`) is loaded, built in or the
    /// site's.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `context` within `budget`. A page that runs past the
    /// budget fails naming its template and spends the budget: every later call
    /// then fails with no diagnostic of its own, since the one that spent it has
    /// reported why the build failed.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        budget: &Budget,
    ) -> Result<String, Vec<Diagnostic>> {
        if budget.spent() {
            return Err(Vec::new());
        }
        let language = context
            .get("lang")
            .and_then(|lang| lang.as_map()?.get(&tera::value::Key::Str("tag"))?.as_str())
            .and_then(|tag| self.in_language(tag));
        let tera = language.as_deref().unwrap_or(&self.tera);
        let (mut meter, deadline) = budget.meter();
        let mut rendered = tera.render_to(template, context, &mut meter);
        drop(deadline);
        if language.is_some()
            && let Err(e) = &rendered
            && budget::exceeded(e).is_none()
            && !error_chain(e).contains(budget::RANGE_PAST_BUDGET)
        {
            // Said where the templates as written have it: rendered again so, into
            // a meter of its own (the first one holds the failed page's start).
            // A page that ran past its budget is not given a second one.
            let deadline;
            (meter, deadline) = budget.meter();
            rendered = self.tera.render_to(template, context, &mut meter);
            drop(deadline);
        }
        let Err(e) = rendered else {
            return String::from_utf8(meter.into_bytes()).map_err(|_| {
                let message = format!("template error: {template} wrote text that is not UTF-8");
                vec![Diagnostic::file(self.origin(template), message)]
            });
        };
        if let Some(exceeded) = budget::exceeded(&e) {
            budget.spend();
            let message = format!("template error: {template} ran past {exceeded} per page");
            let help = format!(
                "a loop or component that does not end, in {template} or a template it \
                 extends, includes or calls? The budget is in docs/TEMPLATES.md"
            );
            return Err(vec![
                Diagnostic::file(self.origin(template), message).with_help(Some(help)),
            ]);
        }
        let text = error_chain(&e);
        if text.contains(budget::RANGE_PAST_BUDGET) {
            budget.spend();
        }
        if text.contains(COMPONENT_DEPTH) {
            return Err(self.recursion_errors(template));
        }
        Err(self.template_errors(&e, ""))
    }

    /// The templates of a page in language `tag` with each `{{ t.word }}` that
    /// prints a plain word replaced by the word itself, escaped as Tera would print
    /// it: the page reads the same, and a word costs no lookup on every page that
    /// prints it. Made on first use per language and kept for the build; `None`
    /// when a template rebinds `t` or the result does not parse, and the templates
    /// as written serve. An error met rendering is reported from the templates as
    /// written ([`Theme::render`]).
    fn in_language(&self, tag: &str) -> Option<std::sync::Arc<tera::Tera>> {
        let (site, made) = &self.in_site_language;
        if tag == site {
            return made.get_or_init(|| self.with_words_of(tag)).clone();
        }
        let mut made = self.in_languages.lock().unwrap_or_else(|e| e.into_inner());
        made.entry(tag.to_owned())
            .or_insert_with(|| self.with_words_of(tag))
            .clone()
    }

    /// The templates with the plain words of `tag` written in: see
    /// [`Theme::in_language`].
    fn with_words_of(&self, tag: &str) -> Option<std::sync::Arc<tera::Tera>> {
        let table = self.words.table(tag);
        let texts: Option<Vec<(&String, String)>> = self
            .sources
            .iter()
            .map(|(name, text)| {
                // Only where Tera escapes what it prints, as the words written in are.
                let escaped = name.ends_with(".html") || name.ends_with(".xml");
                let text = if escaped {
                    with_words(text, &table.value)?
                } else {
                    text.clone()
                };
                Some((name, text))
            })
            .collect();
        texts.and_then(|texts| {
            let mut tera = new_tera();
            tera.add_raw_templates(texts).ok()?;
            Some(std::sync::Arc::new(tera))
        })
    }

    /// The components that call themselves, directly or through others, at the
    /// call that leads back: Tera's error for nesting too deep names none.
    fn recursion_errors(&self, template: &str) -> Vec<Diagnostic> {
        let definitions: Vec<Component<'_>> = self
            .sources
            .iter()
            .flat_map(|(name, source)| components(name, source))
            .collect();
        let names: Vec<&str> = definitions.iter().map(|c| c.name).collect();
        let calls: Vec<Vec<(usize, usize)>> = definitions
            .iter()
            .map(|c| component_calls(c, &names))
            .collect();
        let mut found = Vec::new();
        for (n, component) in definitions.iter().enumerate() {
            let back = calls[n]
                .iter()
                .find(|&&(callee, _)| reaches(&calls, callee, n));
            let Some(&(callee, offset)) = back else {
                continue;
            };
            let how = if callee == n {
                String::new()
            } else {
                format!(" through `{}`", definitions[callee].name)
            };
            let source = self
                .sources
                .get(component.template)
                .map_or("", String::as_str);
            let (line, col) = crate::diagnostic::line_col(source, offset);
            let message = format!(
                "template error: component `{}` calls itself{how} without end \
                 (components nest at most {MAX_COMPONENT_DEPTH} deep)",
                component.name
            );
            found.push(
                Diagnostic::at(self.origin(component.template), source, line, col, message)
                    .with_width(definitions[callee].name.chars().count()),
            );
        }
        if found.is_empty() {
            found.push(Diagnostic::file(
                self.origin(template),
                format!(
                    "template error: a component in {template} or a template it uses calls \
                     itself without end (components nest at most {MAX_COMPONENT_DEPTH} deep)"
                ),
            ));
        }
        found
    }

    /// An include or extends loop at the tag in its first template that leads to
    /// the next: Tera's error names the templates but no line.
    fn loop_error(&self, keyword: &str, chain: &[String]) -> Option<Diagnostic> {
        let first = chain.first()?;
        let next = chain.get(1).unwrap_or(first);
        let source = self.sources.get(first)?;
        let offset = tag_offset(source, keyword, next)?;
        let (line, col) = crate::diagnostic::line_col(source, offset);
        let verb = if keyword == "include" {
            "includes"
        } else {
            keyword
        };
        let path = if chain.len() <= 2 && next == first {
            format!("{first} {verb} itself")
        } else {
            let mut path = format!("{first} {verb} {next}");
            for name in chain.iter().skip(2) {
                path.push_str(&format!(", which {verb} {name}"));
            }
            path
        };
        let message = format!("template error: {keyword} loop: {path}");
        Some(Diagnostic::at(
            self.origin(first),
            source,
            line,
            col,
            message,
        ))
    }

    /// A Tera error as diagnostics at the template, line and column they name, with
    /// the underlying cause (Tera keeps it in `source()`). `doing` says what failed:
    /// `cannot render /2024/: `.
    pub fn template_errors(&self, e: &tera::Error, doing: &str) -> Vec<Diagnostic> {
        let looped = match e.kind() {
            tera::ErrorKind::CircularInclude { include_chain, .. } => {
                self.loop_error("include", include_chain)
            }
            tera::ErrorKind::CircularExtend {
                inheritance_chain, ..
            } => self.loop_error("extends", inheritance_chain),
            _ => None,
        };
        if let Some(diagnostic) = looped {
            return vec![diagnostic];
        }
        if let Some(report) = report_of(e) {
            let span = report.span();
            let mut message = report.message().to_owned();
            let mut cause = e.source();
            while let Some(c) = cause {
                if report_of_dyn(c).is_none() && !message.contains(&c.to_string()) {
                    message.push_str(": ");
                    message.push_str(&c.to_string());
                }
                cause = c.source();
            }
            let width = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                0
            };
            let place = (span.start_line, span.start_col + 1, width);
            return vec![self.at(report.filename(), place, doing, message)];
        }
        // Checks run after parsing (unknown filters, tests, functions) come back as
        // one message of rendered reports: read the place back out of each.
        let text = error_chain(e);
        let parsed: Option<Vec<Diagnostic>> = text
            .split("\n\n")
            .map(|report| {
                let (name, place, message) = parse_report(report)?;
                Some(self.at(name, place, doing, message.to_owned()))
            })
            .collect();
        if let Some(found) = parsed.filter(|found| !found.is_empty()) {
            return found;
        }
        // Errors without a position (a missing parent, an include loop) name the
        // template in their text.
        let origin = self
            .origins
            .iter()
            .find(|(name, _)| text.contains(&format!("'{name}'")))
            .map_or_else(|| "templates".to_owned(), |(_, origin)| origin.clone());
        vec![Diagnostic::file(
            origin,
            format!("template error: {doing}{text}"),
        )]
    }

    /// A diagnostic at (line, column, width) of template `name`.
    fn at(
        &self,
        name: &str,
        (line, col, width): (usize, usize, usize),
        doing: &str,
        message: String,
    ) -> Diagnostic {
        let help = if message.contains("not defined") {
            Some("the variables each template receives are listed in docs/TEMPLATES.md")
        } else if message.contains(budget::RANGE_PAST_BUDGET) {
            Some("a loop that does not end? The budget is in docs/TEMPLATES.md")
        } else {
            None
        };
        let source = self.sources.get(name).map_or("", String::as_str);
        // "Unexpected end of input" points past the last line: show the last one.
        let last = source.lines().count().max(1);
        let (line, col) = if line > last {
            let end = source.lines().last().map_or(0, |l| l.chars().count());
            (last, end + 1)
        } else {
            (line, col)
        };
        Diagnostic::at(
            self.origin(name),
            source,
            line,
            col,
            format!("template error: {doing}{message}"),
        )
        .with_width(width)
        .with_help(help)
    }
}

/// Tera's error for components nested too deep, and its limit.
const COMPONENT_DEPTH: &str = "Maximum render recursion depth for components exceeded";
const MAX_COMPONENT_DEPTH: usize = 20;

/// A component definition: `{% component name(…) %}body{% endcomponent %}`.
struct Component<'a> {
    name: &'a str,
    template: &'a str,
    /// Where its body starts in the template, and the body.
    start: usize,
    body: &'a str,
}

/// The components defined in `source`, found by their tags.
fn components<'a>(template: &'a str, source: &'a str) -> Vec<Component<'a>> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(at) = source[rest..].find("component") {
        let keyword = rest + at;
        rest = keyword + "component".len();
        if !in_tag(source, keyword) {
            continue;
        }
        let after = &source[rest..];
        let name = identifier(after.trim_start());
        let Some(open_end) = after.find("%}") else {
            break;
        };
        let start = rest + open_end + 2;
        let end = source[start..]
            .find("endcomponent")
            .map_or(source.len(), |e| start + e);
        if !name.is_empty() {
            found.push(Component {
                name,
                template,
                start,
                body: &source[start..end],
            });
        }
        rest = end;
    }
    found
}

/// Each call in `component`'s body to a known component, by index into `names`,
/// with the offset of the callee's name in the template.
fn component_calls(component: &Component<'_>, names: &[&str]) -> Vec<(usize, usize)> {
    let mut calls = Vec::new();
    for (at, _) in component.body.match_indices('<') {
        let name = identifier(&component.body[at + 1..]);
        let follows = component.body[at + 1 + name.len()..].chars().next();
        if !follows.is_some_and(|c| c.is_whitespace() || c == '/' || c == '>') {
            continue;
        }
        if let Some(n) = names.iter().position(|known| *known == name) {
            calls.push((n, component.start + at + 1));
        }
    }
    calls
}

/// Whether component `to` is called, at any depth, from component `from`.
fn reaches(calls: &[Vec<(usize, usize)>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; calls.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        stack.extend(calls[n].iter().map(|&(callee, _)| callee));
    }
    false
}

/// The leading identifier of `text`.
fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// Whether the word at `offset` is the first in a `{% … %}` tag.
fn in_tag(source: &str, offset: usize) -> bool {
    let before = source[..offset].trim_end();
    before.ends_with("{%") || before.ends_with("{%-")
}

/// Where `{% keyword "target" %}` is in `source`: the offset of the keyword.
fn tag_offset(source: &str, keyword: &str, target: &str) -> Option<usize> {
    source.match_indices(keyword).map(|(at, _)| at).find(|&at| {
        let after = source[at + keyword.len()..].trim_start();
        in_tag(source, at)
            && [format!("\"{target}\""), format!("'{target}'")]
                .iter()
                .any(|quoted| after.starts_with(quoted.as_str()))
    })
}

/// Reads `error: message`, `--> name:line:col` and the caret line back out of a
/// report Tera rendered as text.
fn parse_report(report: &str) -> Option<(&str, (usize, usize, usize), &str)> {
    let mut lines = report.trim().lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let location = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = location.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let width = lines
        .find(|l| l.contains('^'))
        .map_or(0, |l| l.matches('^').count());
    Some((name, (line, col, width), message))
}

/// The first error in the chain that points into a template.
fn report_of(e: &tera::Error) -> Option<&tera::ReportError> {
    report_of_dyn(e).or_else(|| {
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            if let Some(report) = report_of_dyn(c) {
                return Some(report);
            }
            cause = c.source();
        }
        None
    })
}

fn report_of_dyn<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a tera::ReportError> {
    match e.downcast_ref::<tera::Error>()?.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    }
}

/// Tera keeps the real cause in `source()`; show the whole chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

impl Theme {
    /// The built-in theme overridden by templates held in memory, `(name, text)` with
    /// names relative to `templates/` (`event.html`, `partials/pager.html`), and no
    /// site static files: for property tests and fuzzing, which render whole sites
    /// without a folder on disk. Errors as [`Theme::load`] reports them.
    pub fn from_memory(templates: Vec<(String, String)>) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut origins = BTreeMap::new();
        for (name, text) in builtin_templates() {
            origins.insert(name.clone(), format!("built-in theme: {name}"));
            sources.insert(name, text.to_owned());
        }
        let mut overridden = std::collections::BTreeSet::new();
        for (name, text) in templates {
            overridden.insert(name.clone());
            origins.insert(name.clone(), format!("templates/{name}"));
            sources.insert(name, text.replace("\r\n", "\n"));
        }
        // Parsing the built-in templates is most of the work for a small site: done
        // once per process, then only the site's are added.
        static BUILTIN: std::sync::OnceLock<tera::Tera> = std::sync::OnceLock::new();
        let mut tera = BUILTIN
            .get_or_init(|| {
                let mut tera = new_tera();
                // Every built-in template parses (a unit test says so).
                let _ = tera.add_raw_templates(builtin_templates());
                tera
            })
            .clone();
        let add = tera.add_raw_templates(
            sources
                .iter()
                .filter(|(name, _)| overridden.contains(*name)),
        );
        let theme = Theme {
            tera,
            origins,
            sources,
            static_files: StaticFiles::builtin(),
            words: crate::i18n::strings::Words::builtin(),
            in_site_language: ("en".to_owned(), Default::default()),
            in_languages: Default::default(),
        };
        match add {
            Ok(()) => Ok(theme),
            Err(e) => Err(theme.template_errors(&e, "")),
        }
    }
}

/// The `id` attributes of a template's text whose value is written out (no `{{`
/// or `{%` in it), with the byte offset of each value: `<main id="main">` gives
/// `main`. The text is read by the one HTML tokenizer
/// ([`crate::html::tokens::scan`]), so only attributes of start tags count: not
/// Tera code (`{% set id = "x" %}`), comments or the text of a `<script>`.
fn literal_ids(text: &str) -> Vec<(usize, &str)> {
    /// Collects written-out `id` values with their offsets in the text.
    struct Ids<'t> {
        text: &'t str,
        found: Vec<(usize, &'t str)>,
    }
    impl<'t> crate::html::tokens::Sink<'t> for Ids<'t> {
        fn attribute(&mut self, name: &'t str, value: &'t str, _span: std::ops::Range<usize>) {
            let computed = value.contains("{{") || value.contains("{%");
            if name.eq_ignore_ascii_case("id") && !value.is_empty() && !computed {
                let at = value.as_ptr() as usize - self.text.as_ptr() as usize;
                self.found.push((at, value));
            }
        }
    }
    let mut ids = Ids {
        text,
        found: Vec::new(),
    };
    crate::html::tokens::scan(text, &mut ids);
    ids.found
}

/// The built-in theme's templates, `(name, text)`: `partials/pager.html`.
fn builtin_templates() -> impl Iterator<Item = (String, &'static str)> {
    builtin_files(&BUILTIN_TEMPLATES)
        .filter_map(|file| Some((display_path(file.path()), file.contents_utf8()?)))
}

/// `text` with each `{{ t.key }}` (written so, `key` dotted for a group's word)
/// whose word in `words` is plain text replaced by that word, escaped as Tera
/// escapes what it prints. Words holding `{`, `}` or `%` stay looked up, as they
/// could read as template code, and so do words that start or end with a space,
/// which whitespace control would trim as text. `None` when the template may give
/// `t` a meaning of its own ([`binds_t`]).
fn with_words(text: &str, words: &tera::Value) -> Option<String> {
    const OPEN: &str = "{{ t.";
    if !text.contains(OPEN) {
        return Some(text.to_owned());
    }
    if binds_t(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(after.len());
        let key = &after[..key_len];
        let word = after[key_len..]
            .starts_with(" }}")
            .then(|| words.get_from_path(key))
            .flatten()
            .and_then(tera::Value::as_str)
            // Whitespace control (`{%-`, `-}}`) trims text next to it, never a
            // printed value: a word that starts or ends with a space stays printed.
            .filter(|w| !w.contains(['{', '}', '%']) && w.trim() == *w);
        match word {
            Some(word) => {
                out.push_str(&rest[..at]);
                let mut escaped = Vec::with_capacity(word.len());
                tera::escape_html(word, &mut escaped).ok()?;
                out.push_str(std::str::from_utf8(&escaped).ok()?);
                rest = &after[key_len + 3..];
            }
            None => {
                out.push_str(&rest[..at + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Whether `text` may give `t` a meaning of its own, so that its `t.key` is not
/// the table's: a tag that sets, loops or defines (`set`, `set_global`, `for`,
/// `macro`) and names `t`; a component (whose body sees only its arguments); or a
/// `raw` block (whose `{{ t.key }}` is text to show).
fn binds_t(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("{%") {
        let inside = &rest[at + 2..];
        let end = inside.find("%}").unwrap_or(inside.len());
        let tag = &inside[..end];
        rest = &inside[end..];
        let mut names = tag
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .filter(|name| !name.is_empty());
        match names.next() {
            Some("raw" | "component") => return true,
            Some("set" | "set_global" | "for" | "macro") if names.any(|name| name == "t") => {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Tera as every theme uses it: HTML and XML escaped, `range()` and the escaper
/// replaced by ones that keep to the page's render budget, and the `plural` and
/// `fill` filters that put numbers and names into the theme's words
/// ([`crate::i18n::strings::register`]).
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.register_function("range", budget::range);
    crate::i18n::strings::register(&mut tera);
    tera.set_escape_fn(budget::escape_html);
    tera
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_written_into_the_templates_escaped() {
        let words = tera::Value::from_serializable(&serde_json::json!({
            "key_event": "Key event",
            "in_the_events_reports": "in the event's reports",
            "status": { "confirmed": "Confirmed <sure>" },
            "no_claims": "No event cites {source} yet.",
        }));
        assert_eq!(
            with_words(
                "<b>{{ t.key_event }}</b> {{ t.in_the_events_reports }} {{ t.status.confirmed }}",
                &words
            )
            .unwrap(),
            "<b>Key event</b> in the event&#39;s reports Confirmed &lt;sure&gt;"
        );
        // A word with a placeholder, a filter, another spacing, an unknown word and
        // a group read by value stay looked up.
        for kept in [
            "{{ t.no_claims | fill(source=s) }}",
            "{{ t.no_claims }}",
            "{{t.key_event}}",
            "{{ t.missing }}",
            "{{ t.status[kind] }}",
            "{{ t.key_event | upper }}",
        ] {
            assert_eq!(with_words(kept, &words).unwrap(), kept);
        }
        // A template with a `t` of its own, a component or a raw block keeps
        // every lookup.
        for own in [
            "{% set t = other %}{{ t.key_event }}",
            "{%- set\tt = other -%}{{ t.key_event }}",
            "{% for k, t in pairs %}{{ t.key_event }}{% endfor %}",
            "{% component card(t) %}{{ t.key_event }}{% endcomponent %}",
            "{% raw %}{{ t.key_event }}{% endraw %}",
        ] {
            assert_eq!(with_words(own, &words), None, "{own}");
        }
        // A word that starts or ends with a space stays printed: whitespace
        // control would trim it as text.
        let spaced = tera::Value::from_serializable(&serde_json::json!({ "comma": ", " }));
        assert_eq!(
            with_words("a{{ t.comma }}{%- if x %}b{% endif %}", &spaced).unwrap(),
            "a{{ t.comma }}{%- if x %}b{% endif %}"
        );
    }

    #[test]
    fn every_builtin_template_parses() {
        let theme = Theme::load(
            Path::new("/nonexistent"),
            &Default::default(),
            StaticFiles::builtin(),
            crate::i18n::strings::Words::builtin(),
        )
        .unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        for name in crate::render::TEMPLATES {
            assert!(theme.has_template(name), "missing built-in template {name}");
        }
    }

    #[test]
    fn layout_ids_are_the_literal_ids_of_the_builtin_templates() {
        let theme = Theme::from_memory(Vec::new()).expect("the built-in theme");
        let ids: Vec<(&str, &str)> = theme
            .layout_ids()
            .into_iter()
            .map(|(id, (shown, _, _))| (id, shown))
            .collect();
        assert_eq!(
            ids,
            [
                ("accounts-h", "built-in theme: source.html"),
                ("background-h", "built-in theme: event.html"),
                ("claims-h", "built-in theme: source.html"),
                ("corrections", "built-in theme: event.html"),
                ("corrections-h", "built-in theme: event.html"),
                ("event-title", "built-in theme: event.html"),
                ("explainer-title", "built-in theme: explainer.html"),
                ("figures-h", "built-in theme: event.html"),
                ("key-events-h", "built-in theme: index.html"),
                ("main", "built-in theme: base.html"),
                ("mentioned-h", "built-in theme: explainer.html"),
                ("otd-h", "built-in theme: event.html"),
                ("questions-h", "built-in theme: event.html"),
                ("readings-h", "built-in theme: source.html"),
                ("refs-h", "built-in theme: event.html"),
                ("related-h", "built-in theme: event.html"),
                ("reports-h", "built-in theme: event.html"),
                ("search", "built-in theme: search.html"),
                ("source-title", "built-in theme: source.html"),
                ("sources-h", "built-in theme: event.html"),
            ]
        );
    }

    #[test]
    fn literal_ids_skip_expressions_and_other_attributes() {
        let text = "{% set id = \"code\" %}<main id=\"main\"><h2 id='x' data-id=\"no\" grid=\"no\"><p\nid = bare>\n<section id=\"{{ year.anchor }}\"><h2 id=\"y{{ year.year }}\"><p id=\"{% if a %}a{% endif %}\"><script>let s = '<b id=\"script\">';</script>";
        let ids: Vec<&str> = literal_ids(text).into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, ["main", "x", "bare"]);
    }
}
