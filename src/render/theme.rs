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

use crate::diagnostic::{Diagnostic, display_path};

static BUILTIN_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static BUILTIN_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct Theme {
    pub tera: tera::Tera,
    /// Where each template came from, for error messages: `templates/x.html` for the
    /// site's own, `built-in theme: x.html` otherwise.
    origins: BTreeMap<String, String>,
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
        if let Err(e) = tera.add_raw_templates(sources.iter()) {
            errors.push(template_error(&origins, &e));
        }
        if errors.is_empty() {
            Ok(Theme {
                tera,
                origins,
                static_files,
            })
        } else {
            Err(errors)
        }
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
}

/// Names the template an error is about: Tera's report points at `--> name:line:col`.
fn template_error(origins: &BTreeMap<String, String>, e: &tera::Error) -> Diagnostic {
    let text = error_chain(e);
    let origin = origins
        .iter()
        .find(|(name, _)| {
            text.contains(&format!("--> {name}:")) || text.contains(&format!("'{name}'"))
        })
        .map_or_else(|| "templates".to_owned(), |(_, origin)| origin.clone());
    Diagnostic::file(origin, format!("template error: {text}"))
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
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(matches!(
                    name.as_ref(),
                    ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db"
                ) || (!hidden && name.starts_with('.')))
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
            Err(e) => {
                let path = e.path().map_or_else(
                    || folder.to_owned(),
                    |p| display_path(p.strip_prefix(root).unwrap_or(p)),
                );
                errors.push(Diagnostic::file(path, format!("cannot read: {e}")));
            }
        }
    }
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
