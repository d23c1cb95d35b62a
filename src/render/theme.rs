//! The theme: Tera templates and static files, built in and overridable by the site.
//!
//! The built-in theme (the repository's `templates/` and `static/`) is embedded in the
//! binary, so a site with only `content/` builds. A site's own file with the same
//! relative name replaces the built-in one. Site files are read from disk on every
//! build so a preview picks up edits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use std::error::Error as _;

use crate::diagnostic::{Diagnostic, display_path};

static BUILTIN_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static BUILTIN_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct Theme {
    pub tera: tera::Tera,
    /// Where each template came from, for error messages: `templates/x.html` for the
    /// site's own, `built-in theme: x.html` otherwise.
    origins: BTreeMap<String, String>,
    /// Each template's text, for the line shown under an error.
    sources: BTreeMap<String, String>,
    /// Static files by output path; the site's replace the theme's.
    pub static_files: BTreeMap<String, StaticFile>,
}

pub enum StaticFile {
    Builtin(&'static [u8]),
    Site(PathBuf),
}

impl Theme {
    /// Loads the built-in theme, overridden by `root/templates` and `root/static`.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut origins = BTreeMap::new();
        for file in builtin_files(&BUILTIN_TEMPLATES) {
            if let Some(text) = file.contents_utf8() {
                let name = display_path(file.path());
                origins.insert(name.clone(), format!("built-in theme: {name}"));
                sources.insert(name, text.to_owned());
            }
        }
        let mut errors = Vec::new();
        for (name, path) in site_files(root, "templates", false, &mut errors) {
            match std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_owned()))
            {
                Ok(text) => {
                    origins.insert(name.clone(), format!("templates/{name}"));
                    sources.insert(name, text.replace("\r\n", "\n"));
                }
                Err(e) => errors.push(Diagnostic::file(
                    format!("templates/{name}"),
                    format!("cannot read template: {e}"),
                )),
            }
        }
        let mut static_files: BTreeMap<String, StaticFile> = builtin_files(&BUILTIN_STATIC)
            .map(|f| (display_path(f.path()), StaticFile::Builtin(f.contents())))
            .collect();
        for (name, path) in site_files(root, "static", true, &mut errors) {
            static_files.insert(name, StaticFile::Site(path));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let add = tera.add_raw_templates(sources.iter());
        let theme = Theme {
            tera,
            origins,
            sources,
            static_files,
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

    /// Every template's text under the name the user knows it by, so the link
    /// check can point at the line that wrote a broken link.
    /// Every template's name, origin and text, hashed: pages rendered with a theme of
    /// the same fingerprint need not be rendered again.
    pub fn fingerprint(&self) -> u64 {
        crate::fingerprint::of(&(&self.sources, &self.origins))
    }

    pub fn template_texts(&self) -> Vec<crate::linkcheck::TemplateText<'_>> {
        self.sources
            .iter()
            .map(|(name, text)| crate::linkcheck::TemplateText {
                shown: self.origins.get(name).map_or(name.as_str(), String::as_str),
                text,
            })
            .collect()
    }

    /// Where a template came from, as shown to the user.
    pub fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// A Tera error as diagnostics at the template, line and column they name, with
    /// the underlying cause (Tera keeps it in `source()`). `doing` says what failed:
    /// `cannot render /2024/: `.
    pub fn template_errors(&self, e: &tera::Error, doing: &str) -> Vec<Diagnostic> {
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
        let help = message
            .contains("not defined")
            .then_some("the variables each template receives are listed in docs/TEMPLATES.md");
        Diagnostic::at(
            self.origin(name),
            self.sources.get(name).map_or("", String::as_str),
            line,
            col,
            format!("template error: {doing}{message}"),
        )
        .with_width(width)
        .with_help(help)
    }
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
        let builtin = builtin_files(&BUILTIN_TEMPLATES)
            .filter_map(|file| Some((display_path(file.path()), file.contents_utf8()?)));
        for (name, text) in builtin {
            origins.insert(name.clone(), format!("built-in theme: {name}"));
            sources.insert(name, text.to_owned());
        }
        let mut overridden = std::collections::BTreeSet::new();
        for (name, text) in templates {
            overridden.insert(name.clone());
            origins.insert(name.clone(), format!("templates/{name}"));
            sources.insert(name, text.replace("\r\n", "\n"));
        }
        let static_files = builtin_files(&BUILTIN_STATIC)
            .map(|f| (display_path(f.path()), StaticFile::Builtin(f.contents())))
            .collect();
        // Parsing the built-in templates is most of the work for a small site: done
        // once per process, then only the site's are added.
        static BUILTIN: std::sync::OnceLock<tera::Tera> = std::sync::OnceLock::new();
        let mut tera = BUILTIN
            .get_or_init(|| {
                let mut tera = tera::Tera::new();
                tera.autoescape_on([".html", ".xml"]);
                let builtin = builtin_files(&BUILTIN_TEMPLATES)
                    .filter_map(|file| Some((display_path(file.path()), file.contents_utf8()?)));
                // Every built-in template parses (a unit test says so).
                let _ = tera.add_raw_templates(builtin);
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
            static_files,
        };
        match add {
            Ok(()) => Ok(theme),
            Err(e) => Err(theme.template_errors(&e, "")),
        }
    }
}

fn builtin_files(
    dir: &'static Dir<'static>,
) -> impl Iterator<Item = &'static include_dir::File<'static>> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        files.extend(dir.files());
        stack.extend(dir.dirs());
    }
    files.into_iter()
}

/// Files under `root/folder`, by path relative to it, skipping editor backups and
/// version-control folders, and hidden files unless `hidden` (static files such as
/// `.well-known/` are published as they are).
fn site_files(
    root: &Path,
    folder: &str,
    hidden: bool,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let base = root.join(folder);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let links = crate::load::Links::new(root, &base);
    let mut outside = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            (e.depth() == 0
                || !(matches!(
                    name.as_ref(),
                    ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db"
                ) || (!hidden && name.starts_with('.'))))
                && links.inside(e, &mut outside)
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let name = entry.file_name().to_string_lossy();
                if name.ends_with('~') || name.ends_with(".swp") {
                    continue;
                }
                let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
                files.push((display_path(rel), entry.path().to_owned()));
            }
            Ok(_) => {}
            Err(e) => errors.push(crate::load::walk_error(root, &e)),
        }
    }
    errors.extend(outside);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_parses() {
        let theme = Theme::load(Path::new("/nonexistent")).unwrap_or_else(|e| {
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
}
