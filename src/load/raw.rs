//! The strict shapes front matter is parsed into, before any validation.
//!
//! Every struct denies unknown fields, so a typo is an error rather than a silently
//! ignored key. Values stay as written (dates as text, ids as strings); `resolve` turns
//! them into checked types. A document's fields all have defaults, so that what could
//! be read of a front matter with errors is still checked: the key a document must
//! have is checked by `frontmatter` instead, and is the first of its list of keys.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// A free-form `extra` map from front matter or `dateline.toml`, handed to templates
/// as written.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An event's front matter as written (SPEC §2.1); checked into a
/// [`crate::site::Event`] by `resolve`.
#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawEvent {
    /// Required (missing, it is reported by `frontmatter`); may still be blank here
    /// (`resolve` reports it).
    pub title: String,
    /// When it happened; may be left out when the file name starts with `YYYY-MM-DD-`.
    /// SPEC §3.
    pub date: Option<RawDate>,
    /// The end of a span, in the format of `date`.
    pub end: Option<RawDate>,
    /// An IANA zone name (`Asia/Tehran`), not yet checked: times without an offset are
    /// read in it, and every time is shown in it.
    pub timezone: Option<String>,
    /// Free text: `Kerman, Iran`.
    pub place: Option<String>,
    /// The language the event is written in, a BCP 47 tag (`fa`), when it is not
    /// the site's: its page and its entries in lists say so. SPEC §11.
    pub language: Option<String>,
    /// `[latitude, longitude]` in degrees; the count and the ranges are checked later.
    pub coordinates: Option<Vec<f64>>,
    /// Source ids (`afp`), merged with those cited in the body; empty when not given.
    pub sources: Vec<String>,
    /// Explainer ids this event is about, merged with those its body links; empty when
    /// not given.
    pub explainers: Vec<String>,
    /// Free tags as written (`US–Iran`), slugified for URLs; empty when not given.
    pub tags: Vec<String>,
    /// One or two sentences; when absent, the body's first paragraph is used.
    pub summary: Option<String>,
    /// The event's picture: see [`RawImage`].
    pub image: Option<RawImage>,
    /// Overrides the slug taken from the file name; must already be a valid slug.
    pub slug: Option<String>,
    /// The last substantive update, in the format of `date`.
    pub updated: Option<RawDate>,
    /// `true` keeps the event out of the build unless `--drafts` is given.
    pub draft: bool,
    /// `true` marks a key event: marked on the timeline and its overview, and
    /// listed first on the timeline's first page. SPEC §10.
    pub key: bool,
    /// The specific reports the event relies on, in the order written; empty when
    /// not given. SPEC §9.3.
    pub reports: Vec<RawReport>,
    /// Dated corrections, in the order written: see [`RawCorrection`]. SPEC §9.4.
    pub corrections: Vec<RawCorrection>,
    /// Readings of figures, by the figure's name (`killed`) as `dateline.toml`
    /// declares it, each figure's in the order written. SPEC §9.5.
    pub figures: std::collections::BTreeMap<String, Vec<RawReading>>,
    /// Open questions, by the question's site-wide id (`cause`). SPEC §9.6.
    pub questions: std::collections::BTreeMap<String, RawQuestion>,
    /// Free-form data for templates.
    pub extra: Extra,
}

/// The keys an event's front matter may have, for the suggestion on an unknown one;
/// tested to be the fields of [`RawEvent`]. The one it must have, `title`, is first.
pub const EVENT_FIELDS: &[&str] = &[
    "title",
    "date",
    "end",
    "timezone",
    "place",
    "language",
    "coordinates",
    "sources",
    "explainers",
    "tags",
    "summary",
    "image",
    "slug",
    "updated",
    "draft",
    "key",
    "reports",
    "corrections",
    "figures",
    "questions",
    "extra",
];

/// A source's front matter as written (SPEC §2.2); checked into a
/// [`crate::site::Source`] by `resolve`.
#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawSource {
    /// Required: `Agence France-Presse` (missing, it is reported by `frontmatter`);
    /// may still be blank here (`resolve` reports it).
    pub name: String,
    /// The marker text (`AFP`); the name when absent.
    pub short: Option<String>,
    /// One of [`SOURCE_KINDS`], checked later.
    pub kind: Option<String>,
    /// The outlet's home page; must be an `http://` or `https://` URL, checked later.
    pub url: Option<String>,
    /// Free text.
    pub country: Option<String>,
    /// A BCP 47 tag, not checked.
    pub language: Option<String>,
    /// Other names editors use (`Iranian state TV`, `IRIB`), for wikilinks; empty when
    /// not given.
    pub aliases: Vec<String>,
    /// Free-form data for templates.
    pub extra: Extra,
}

/// The keys a source's front matter may have, for the suggestion on an unknown one;
/// tested to be the fields of [`RawSource`]. The one it must have, `name`, is first.
pub const SOURCE_FIELDS: &[&str] = &[
    "name", "short", "kind", "url", "country", "language", "aliases", "extra",
];

/// The values a source's `kind` may take. SPEC §2.2.
pub const SOURCE_KINDS: &[&str] = &[
    "news-agency",
    "broadcaster",
    "newspaper",
    "official",
    "ngo",
    "social-media",
    "other",
];

/// An explainer file's front matter as written (SPEC §2.3); checked into a
/// [`crate::site::Explainer`] by `resolve`.
#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawExplainer {
    /// Required: `Who is Qasem Soleimani` (missing, it is reported by `frontmatter`);
    /// may still be blank here (`resolve` reports it).
    pub title: String,
    /// The entity it explains (`Qasem Soleimani`), which alias links match.
    pub subject: Option<String>,
    /// Other names events use for the subject, which alias links match; empty when not
    /// given.
    pub aliases: Vec<String>,
    /// One of [`EXPLAINER_KINDS`], checked later.
    pub kind: Option<String>,
    /// The language the explainer is written in, a BCP 47 tag, when it is not the
    /// site's. SPEC §11.
    pub language: Option<String>,
    /// One or two sentences; when absent, the body's first paragraph is used.
    pub summary: Option<String>,
    /// The last substantive update, in the date format of SPEC §3.
    pub updated: Option<RawDate>,
    /// Free tags as written, shared with events; empty when not given.
    pub tags: Vec<String>,
    /// The explainer's picture: see [`RawImage`].
    pub image: Option<RawImage>,
    /// `true` keeps the explainer out of the build unless `--drafts` is given.
    pub draft: bool,
    /// Dated corrections, in the order written: see [`RawCorrection`]. SPEC §9.4.
    pub corrections: Vec<RawCorrection>,
    /// Free-form data for templates.
    pub extra: Extra,
}

/// The keys an explainer's front matter may have, for the suggestion on an unknown
/// one; tested to be the fields of [`RawExplainer`]. The one it must have, `title`, is
/// first.
pub const EXPLAINER_FIELDS: &[&str] = &[
    "title",
    "subject",
    "aliases",
    "kind",
    "language",
    "summary",
    "updated",
    "tags",
    "image",
    "draft",
    "corrections",
    "extra",
];

/// The values an explainer's `kind` may take. SPEC §2.3.
pub const EXPLAINER_KINDS: &[&str] = &["person", "place", "organization", "topic", "other"];

/// The keys under `image:`; tested to be the fields of [`RawImage`].
pub const IMAGE_FIELDS: &[&str] = &["src", "alt", "caption", "credit", "width", "height"];

/// An `image` in front matter: `{ src, alt, caption, credit, width, height }`.
/// SPEC §2.1.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    /// A path under `static/` (`images/kerman.jpg`, a leading `/` allowed) or an
    /// absolute `http://`, `https://` or `//` URL; checked later against the files the
    /// build publishes.
    pub src: String,
    /// Required alternative text for readers who cannot see the image.
    pub alt: String,
    /// Shown under the image.
    pub caption: Option<String>,
    /// Who made it: `ATTA KENARE / AFP`.
    pub credit: Option<String>,
    /// Its width in pixels: written for an absolute URL, whose file the build never
    /// sees; read from the file's header for a static file. Given with `height`.
    pub width: Option<u32>,
    /// Its height in pixels, as `width`.
    pub height: Option<u32>,
}

/// The keys of an entry of `corrections`; tested to be the fields of
/// [`RawCorrection`]. An entry must have both.
pub const CORRECTION_FIELDS: &[&str] = &["date", "text"];

/// The keys the entries under a front matter key take, for the suggestion on an
/// unknown one and to tell them from top-level keys indented by mistake:
/// [`IMAGE_FIELDS`] under `image`, [`REPORT_FIELDS`] under each item of `reports`,
/// [`CORRECTION_FIELDS`] under each item of `corrections`; `None` for a key whose
/// value has no fields of its own.
pub fn fields_under(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "image" => Some(IMAGE_FIELDS),
        "reports" => Some(REPORT_FIELDS),
        "corrections" => Some(CORRECTION_FIELDS),
        _ => None,
    }
}

/// Whether top-level `key` holds a list of entries, each a map with keys of its
/// own (`reports`, `corrections`): `load` reads such a list one entry at a time,
/// so that a wrong entry hides neither the others nor its own fields that read
/// (see [`crate::load::nested`]).
pub fn is_list_of_entries(key: &str) -> bool {
    matches!(key, "reports" | "corrections")
}

/// The keys of an entry of `reports:`; tested to be the fields of [`RawReport`]. The
/// two it must have, `source` and `url`, are first.
pub const REPORT_FIELDS: &[&str] = &[
    "source",
    "url",
    "id",
    "title",
    "published",
    "archived",
    "retrieved",
];

/// One report an event relies on, an entry of front matter `reports` (SPEC §9.3):
/// `{ id, source, url, title, published, archived, retrieved }`, as written. The
/// source, addresses, id and dates are checked by `resolve`.
///
/// Every field is optional here so that what could be read of a wrong entry is
/// still checked: `load` reads each entry on its own and reports a missing `source`
/// or `url`, an unknown key or a value of the wrong kind at its place, and records
/// the entry as unread ([`crate::load::nested::Entry::unread`]); such an entry is
/// checked but never published.
#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct RawReport {
    /// Its own citation name (`afp-toll`, cited as `[@afp-toll]`): required when its
    /// source has several reports in the event; a valid id that is no source's.
    pub id: Option<String>,
    /// Required: the id of the outlet that published it (`afp`).
    pub source: Option<String>,
    /// Required: where it was published, an `http://` or `https://` URL.
    pub url: Option<String>,
    /// Its headline, as written.
    pub title: Option<String>,
    /// When it was published, in the date format of SPEC §3; not more than a day
    /// before the event's `date`.
    pub published: Option<RawDate>,
    /// A copy kept by an archive (`https://web.archive.org/web/…`), an `http://` or
    /// `https://` URL.
    pub archived: Option<String>,
    /// When the editor read it, in the date format of SPEC §3; not before
    /// `published`, nor more than a day before the event's `date`.
    pub retrieved: Option<RawDate>,
}

/// One entry of `corrections` on an event or explainer file, as written (SPEC §9.4):
///
/// ```yaml
/// corrections:
///   - date: 2024-01-04
///     text: An earlier version gave the first toll as 30; state TV said at least 20.
/// ```
///
/// Both fields are required; `load` reads each entry on its own and reports a
/// missing or empty field, an unknown key or a value of the wrong kind at its
/// place (see [`RawReport`]), so that the other entries of the list, and the
/// entry's own fields that read, are still checked.
#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct RawCorrection {
    /// When the correction was made, in the date format of SPEC §3 (a TOML native
    /// date too); required.
    pub date: Option<RawDate>,
    /// What was corrected: inline Markdown, one paragraph; required.
    pub text: Option<String>,
}

/// One reading of a figure, an entry of a list under front matter `figures`
/// (SPEC §9.5), as written:
///
/// ```yaml
/// figures:
///   killed:
///     - { value: at least 20, source: irib, at: 2024-01-03T16:30 }
/// ```
///
/// Every field is optional here: `resolve` checks each, a missing `value` or
/// `source` too, and reports every problem at its place.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct RawReading {
    /// Required: the number, in the grammar of [`crate::figures::Value::parse`].
    pub value: Option<RawText>,
    /// Required: a source id, or a report id of the event.
    pub source: Option<String>,
    /// When the number was given, in the date format of SPEC §3; the event's date
    /// when not given, and never before it.
    pub at: Option<RawDate>,
    /// One of [`crate::figures::READING_STATUSES`]; `reported` when not given.
    pub status: Option<String>,
    /// Free text: through whom the source had it (`Reuters`).
    pub via: Option<String>,
    /// Free text shown beside the reading.
    pub note: Option<String>,
    /// Keys it may not have, with their values: `resolve` reports each at its
    /// place, with the nearest key it may have, and checks the others all the same.
    #[serde(flatten)]
    pub unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

/// The keys of a reading; tested to be the fields of [`RawReading`].
pub const READING_FIELDS: &[&str] = &["value", "source", "at", "status", "via", "note"];

/// An open question, a value of front matter `questions` (SPEC §9.6), as written:
/// its `ask` (given once across the site) and the accounts this event adds.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct RawQuestion {
    /// The question, as readers see it: `What caused the explosions?`. Given on
    /// one event (any); the others may repeat it word for word.
    pub ask: Option<String>,
    /// The accounts this event adds, in the order written.
    pub accounts: Vec<RawAccount>,
    /// Keys it may not have: see [`RawReading::unknown`].
    #[serde(flatten)]
    pub unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

/// The keys of a question; tested to be the fields of [`RawQuestion`].
pub const QUESTION_FIELDS: &[&str] = &["ask", "accounts"];

/// One account of a question (SPEC §9.6), as written. Every field is optional here,
/// as for [`RawReading`].
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct RawAccount {
    /// Required: what the source says, inline Markdown.
    pub says: Option<String>,
    /// Required: a source id, or a report id of the event.
    pub source: Option<String>,
    /// Free text: through whom the source had it (`a local official`).
    pub via: Option<String>,
    /// When it was said, in the date format of SPEC §3; the event's date when not
    /// given, and never before it.
    pub at: Option<RawDate>,
    /// One of [`crate::figures::ACCOUNT_STATUSES`]; `reported` when not given.
    pub status: Option<String>,
    /// Keys it may not have: see [`RawReading::unknown`].
    #[serde(flatten)]
    pub unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

/// The keys of an account; tested to be the fields of [`RawAccount`].
pub const ACCOUNT_FIELDS: &[&str] = &["says", "source", "via", "at", "status"];

/// Text that may be written as a number: a figure's `value` (`84`, or `at least
/// 20`). A YAML or TOML number becomes its digits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawText(pub String);

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 84, or text such as \"at least 20\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawText, E> {
                Ok(RawText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawText, E> {
                Ok(RawText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawText, E> {
                Ok(RawText(v.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A date as written: a YAML or TOML string, a bare YAML year (`date: 2024`), or a
/// TOML native date or datetime. All become text for [`crate::date::Moment::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawDateVisitor)
    }
}

struct RawDateVisitor;

/// The key the `toml` crate wraps native datetimes in when deserializing them.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Visitor<'de> for RawDateVisitor {
    type Value = RawDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date such as \"2024\", \"2024-01-03\" or \"2024-01-03T14:50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDate, E> {
        Ok(RawDate(v.to_owned()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawDate, E> {
        Ok(RawDate(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawDate, E> {
        Ok(RawDate(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDate, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME_KEY => Ok(RawDate(map.next_value::<String>()?)),
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Dated {
        date: RawDate,
    }

    #[test]
    fn reads_dates_from_yaml_and_toml_alike() {
        let yaml: Dated = serde_saphyr::from_str("date: 2024").unwrap();
        assert_eq!(yaml.date.0, "2024");
        let yaml: Dated = serde_saphyr::from_str("date: 2024-01-03").unwrap();
        assert_eq!(yaml.date.0, "2024-01-03");
        let toml_native: Dated = toml::from_str("date = 2024-01-03T14:50:00+03:30").unwrap();
        assert_eq!(toml_native.date.0, "2024-01-03T14:50:00+03:30");
        let toml_local: Dated = toml::from_str("date = 2024-01-03").unwrap();
        assert_eq!(toml_local.date.0, "2024-01-03");
        let toml_text: Dated = toml::from_str("date = \"2024-01\"").unwrap();
        assert_eq!(toml_text.date.0, "2024-01");
    }

    /// The field names serde's derive gives a struct, read by a deserializer that
    /// only records them: the lists of known keys are checked against the structs
    /// they describe, so neither can gain a key the other lacks.
    pub(crate) fn serde_fields<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
        use serde::de::{Error as _, Visitor, value::Error};
        struct Capture(Vec<&'static str>);
        impl<'de> serde::Deserializer<'de> for &mut Capture {
            type Error = Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
                Err(Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Error> {
                self.0 = fields.to_vec();
                Err(Error::custom("fields recorded"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut capture = Capture(Vec::new());
        let _ = T::deserialize(&mut capture);
        let mut fields = capture.0;
        fields.sort_unstable();
        fields
    }

    fn sorted(list: &[&'static str]) -> Vec<&'static str> {
        let mut list = list.to_vec();
        list.sort_unstable();
        list
    }

    /// Readings, questions and accounts keep the keys they may not have (so that
    /// `resolve` reports them and checks the rest): a value with every key their
    /// lists name reads with none left unknown.
    #[test]
    fn the_keys_of_readings_questions_and_accounts_are_their_fields() {
        let entry = |keys: &[&str]| -> String {
            let fields: Vec<String> = keys.iter().map(|k| format!("{k}: x")).collect();
            format!("{{ {} }}", fields.join(", "))
        };
        let reading: RawReading = serde_saphyr::from_str(&entry(READING_FIELDS)).unwrap();
        assert!(reading.unknown.is_empty(), "{:?}", reading.unknown);
        assert!(reading.value.is_some() && reading.note.is_some());
        let account: RawAccount = serde_saphyr::from_str(&entry(ACCOUNT_FIELDS)).unwrap();
        assert!(account.unknown.is_empty(), "{:?}", account.unknown);
        let question: RawQuestion =
            serde_saphyr::from_str("{ ask: Why?, accounts: [], extra: 1 }").unwrap();
        assert_eq!(question.unknown.keys().collect::<Vec<_>>(), ["extra"]);
        let toml: RawReading = toml::from_str(
            "value = 84
sorce = \"afp\"\n",
        )
        .unwrap();
        assert_eq!(toml.value, Some(RawText("84".to_owned())));
        assert_eq!(toml.unknown.keys().collect::<Vec<_>>(), ["sorce"]);
    }

    #[test]
    fn the_known_keys_are_the_fields_of_the_structs() {
        assert_eq!(sorted(EVENT_FIELDS), serde_fields::<RawEvent>());
        assert_eq!(sorted(SOURCE_FIELDS), serde_fields::<RawSource>());
        assert_eq!(sorted(EXPLAINER_FIELDS), serde_fields::<RawExplainer>());
        assert_eq!(sorted(IMAGE_FIELDS), serde_fields::<RawImage>());
        assert_eq!(sorted(REPORT_FIELDS), serde_fields::<RawReport>());
        assert_eq!(sorted(CORRECTION_FIELDS), serde_fields::<RawCorrection>());
        assert!(serde_fields::<RawEvent>().contains(&"title"));
        let required = [EVENT_FIELDS[0], SOURCE_FIELDS[0], EXPLAINER_FIELDS[0]];
        assert_eq!(required, ["title", "name", "title"]);
    }
}
