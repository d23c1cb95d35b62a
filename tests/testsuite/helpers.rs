//! A fixture site in a temp folder, the binary run on it, and HTML queries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with two sources, an explainer and three events.
    pub fn basic() -> Site {
        let site = Site::new();
        site.file("dateline.toml", "title = \"Test timeline\"\ntimezone = \"Asia/Tehran\"\n")
            .file("content/sources/afp.md", "---\nname: Agence France-Presse\nshort: AFP\nkind: news-agency\nurl: https://www.afp.com/\n---\nThe French news agency.\n")
            .file("content/sources/reuters.md", "---\nname: Reuters\nkind: news-agency\n---\nA news agency.\n")
            .file("content/explainers/qasem-soleimani.md", "---\ntitle: Who is Qasem Soleimani\nsubject: Qasem Soleimani\nkind: person\naliases: [Soleimani]\n---\nHe led the Quds Force.\n")
            .file("content/events/2020-01-03-soleimani-killed.md", "---\ntitle: Soleimani killed\nplace: Baghdad, Iraq\nsources: [afp]\nexplainers: [qasem-soleimani]\ntags: [Soleimani]\n---\nA US drone strike kills him.\n")
            .file("content/events/2024/2024-01-03-kerman-explosions.md", "---\ntitle: Kerman explosions\ndate: 2024-01-03T14:50\nplace: Kerman, Iran\nsources: [afp, reuters]\nexplainers: [qasem-soleimani]\ntags: [Soleimani, Attacks]\n---\nTwo blasts near the grave.\n\nMore detail.\n")
            .file("content/events/2024/2024-01-04-mourning.md", "---\ntitle: Day of mourning\nsources: [reuters]\ntags: [Attacks]\n---\nA national day of mourning.\n");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn file(&self, rel: &str, text: &str) -> &Site {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    /// `dateline <args> --root <site>`, ready to run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = dateline();
        command.args(args).arg("--root").arg(self.root());
        command
    }

    /// Runs `dateline <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run dateline")
    }

    /// Builds and asserts success.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Builds and asserts failure with exit code 1; returns stderr.
    pub fn build_fails(&self, extra: &[&str]) -> String {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "expected exit 1; stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// The JSON file `rel` of `public/` (`search.json`, `feed.json`), parsed.
    pub fn json(&self, rel: &str) -> serde_json::Value {
        let text = self.read(&format!("public/{rel}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
    }

    /// `public/atom.xml`, read with an XML parser.
    pub fn atom(&self) -> Atom {
        let xml = self.read("public/atom.xml");
        let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
        let feed = doc.root_element();
        let text = |node: roxmltree::Node, name: &str| -> String {
            node.children()
                .find(|c| c.has_tag_name((ATOM, name)))
                .and_then(|c| c.text())
                .unwrap_or_else(|| panic!("no <{name}> with text"))
                .to_owned()
        };
        Atom {
            updated: text(feed, "updated"),
            entries: feed
                .children()
                .filter(|c| c.has_tag_name((ATOM, "entry")))
                .map(|entry| AtomEntry {
                    title: text(entry, "title"),
                    published: text(entry, "published"),
                    updated: text(entry, "updated"),
                })
                .collect(),
        }
    }

    /// `public/sitemap.xml`: each `<loc>` with its `<lastmod>`, for the pages that have
    /// one.
    pub fn lastmods(&self) -> BTreeMap<String, String> {
        let xml = self.read("public/sitemap.xml");
        let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
        let text = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|c| c.has_tag_name((SITEMAP, name)))
                .and_then(|c| c.text())
                .map(str::to_owned)
        };
        doc.root_element()
            .children()
            .filter(|c| c.has_tag_name((SITEMAP, "url")))
            .filter_map(|url| Some((text(url, "loc")?, text(url, "lastmod")?)))
            .collect()
    }

    /// The page at site path `url` (`/`, `/2024/01/03/x/`) in `public/`.
    pub fn page(&self, url: &str) -> Page {
        let rel = url.trim_start_matches('/');
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("public/{rel}index.html")
        } else {
            format!("public/{rel}")
        };
        Page(Html::parse_document(&self.read(&file)))
    }
}

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// An Atom feed as [`Site::atom`] reads it.
pub struct Atom {
    /// The feed's own `<updated>`.
    pub updated: String,
    /// In document order.
    pub entries: Vec<AtomEntry>,
}

pub struct AtomEntry {
    pub title: String,
    pub published: String,
    pub updated: String,
}

/// A PNG of `width` × `height` pixels, black, as small as a valid one is: what a
/// fixture's image must be now that the build reads each image's size.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        out.extend(crc32(&out[start..]).to_be_bytes());
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([1, 0, 0, 0, 0]); // 1-bit greyscale
    // One filter byte and ceil(width / 8) zero bytes per row, stored uncompressed.
    let row = 1 + width.div_ceil(8) as usize;
    let raw = vec![0u8; row * height as usize];
    let mut deflate = vec![0x78, 0x01];
    for (n, block) in raw.chunks(65_535).enumerate() {
        let last = (n + 1) * 65_535 >= raw.len();
        deflate.push(u8::from(last));
        let len = u16::try_from(block.len()).unwrap();
        deflate.extend(len.to_le_bytes());
        deflate.extend((!len).to_le_bytes());
        deflate.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    deflate.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &deflate);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The binary under test, without colour.
pub fn dateline() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dateline"));
    command.env("NO_COLOR", "1");
    command
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_owned(), bytes)
        })
        .collect()
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path)
            } else {
                files.push(path)
            }
        }
    }
    files.sort();
    files
}

pub struct Page(pub Html);

impl Page {
    /// Text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel =
            Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        self.0
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Every heading, `h1` to `h6`, in document order: its level and its text,
    /// whitespace collapsed.
    pub fn headings(&self) -> Vec<(u8, String)> {
        let sel = Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
        self.0
            .select(&sel)
            .map(|e| {
                let level = e.value().name()[1..].parse().unwrap();
                let text = e.text().collect::<String>();
                (level, text.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect()
    }

    /// The problems of the page's heading outline (empty when it reads as the
    /// page's structure): not exactly one `h1`, a heading before it, and each
    /// heading more than one level below the one before it (`h1` → `h3`).
    pub fn outline_problems(&self) -> Vec<String> {
        let headings = self.headings();
        let mut problems = Vec::new();
        let h1s = headings.iter().filter(|(level, _)| *level == 1).count();
        if h1s != 1 {
            problems.push(format!("{h1s} h1 headings"));
        }
        if let Some((level, text)) = headings.first().filter(|(level, _)| *level != 1) {
            problems.push(format!("h{level} `{text}` comes before the h1"));
        }
        for pair in headings.windows(2) {
            let ((above, _), (level, text)) = (&pair[0], &pair[1]);
            if *level > above + 1 {
                problems.push(format!("h{above} is followed by h{level} `{text}`"));
            }
        }
        problems
    }

    /// The headings as an indented outline, one per line (`h2 2024`), for messages.
    pub fn outline(&self) -> String {
        self.headings()
            .iter()
            .map(|(level, text)| {
                let indent = "  ".repeat(usize::from(*level) - 1);
                format!("{indent}h{level} {text}\n")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        let texts = self.texts(selector);
        assert!(!texts.is_empty(), "nothing matches {selector}");
        texts[0].clone()
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.0
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The page's schema.org JSON-LD, parsed.
    pub fn json_ld(&self) -> serde_json::Value {
        let scripts = self.texts("script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "one JSON-LD script");
        serde_json::from_str(&scripts[0]).expect("JSON-LD is JSON")
    }

    pub fn count(&self, selector: &str) -> usize {
        self.0.select(&Selector::parse(selector).unwrap()).count()
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every error in `stderr` (warnings and the closing count left out), in the order
/// shown, each as (`file:line:col`, message, help).
pub fn errors(stderr: &str) -> Vec<(String, String, Option<String>)> {
    let mut found: Vec<(String, String, Option<String>)> = Vec::new();
    let mut current: Option<(String, String, Option<String>)> = None;
    for line in stderr.lines() {
        let trimmed = line.trim();
        // `[2/3] error: …`, or `error: …` when there is one.
        let numbered = line.starts_with('[') && line.contains("] ");
        if numbered || line.starts_with("error: ") || line.starts_with("warning: ") {
            found.extend(current.take());
            let rest = line
                .split_once("] ")
                .filter(|_| numbered)
                .map_or(line, |(_, r)| r);
            if let Some(message) = rest.strip_prefix("error: ")
                && !message.starts_with("build failed")
                && !message.starts_with("check failed")
            {
                current = Some((String::new(), message.to_owned(), None));
            }
        } else if let Some((at, _, help)) = current.as_mut() {
            if let Some(place) = trimmed.strip_prefix("--> ") {
                *at = place.to_owned();
            } else if let Some(text) = trimmed.strip_prefix("= help: ") {
                *help = Some(text.to_owned());
            }
        }
    }
    found.extend(current);
    found
}
