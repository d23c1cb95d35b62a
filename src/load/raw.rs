//! The strict shapes front matter is parsed into, before any validation.
//!
//! Every struct denies unknown fields, so a typo is an error rather than a silently
//! ignored key. Values stay as written (dates as text, ids as strings); `resolve` turns
//! them into checked types. A document's fields all have defaults, so that what could
//! be read of a front matter with errors is still checked: the key a document must
//! have is checked by `frontmatter` instead, and is the first of its list of fields.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

pub type Extra = serde_json::Map<String, serde_json::Value>;

#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawEvent {
    pub title: String,
    pub date: Option<RawDate>,
    pub end: Option<RawDate>,
    pub timezone: Option<String>,
    pub place: Option<String>,
    pub coordinates: Option<Vec<f64>>,
    pub sources: Vec<String>,
    pub explainers: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<RawImage>,
    pub slug: Option<String>,
    pub updated: Option<RawDate>,
    pub draft: bool,
    pub extra: Extra,
}

/// The keys of an event's front matter, the one it must have (`title`) first.
pub const EVENT_FIELDS: &[&str] = &[
    "title",
    "date",
    "end",
    "timezone",
    "place",
    "coordinates",
    "sources",
    "explainers",
    "tags",
    "summary",
    "image",
    "slug",
    "updated",
    "draft",
    "extra",
];

#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawSource {
    pub name: String,
    pub short: Option<String>,
    pub kind: Option<String>,
    pub url: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub aliases: Vec<String>,
    pub extra: Extra,
}

/// The keys of a source's front matter, the one it must have (`name`) first.
pub const SOURCE_FIELDS: &[&str] = &[
    "name", "short", "kind", "url", "country", "language", "aliases", "extra",
];

pub const SOURCE_KINDS: &[&str] = &[
    "news-agency",
    "broadcaster",
    "newspaper",
    "official",
    "ngo",
    "social-media",
    "other",
];

#[derive(Deserialize, Debug, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RawExplainer {
    pub title: String,
    pub subject: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<RawDate>,
    pub tags: Vec<String>,
    pub image: Option<RawImage>,
    pub draft: bool,
    pub extra: Extra,
}

/// The keys of an explainer's front matter, the one it must have (`title`) first.
pub const EXPLAINER_FIELDS: &[&str] = &[
    "title", "subject", "aliases", "kind", "summary", "updated", "tags", "image", "draft", "extra",
];

pub const EXPLAINER_KINDS: &[&str] = &["person", "place", "organization", "topic", "other"];

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// The keys under `image:`.
pub const IMAGE_FIELDS: &[&str] = &["src", "alt", "caption", "credit"];

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

    #[test]
    fn the_known_keys_are_the_fields_of_the_structs() {
        assert_eq!(sorted(EVENT_FIELDS), serde_fields::<RawEvent>());
        assert_eq!(sorted(SOURCE_FIELDS), serde_fields::<RawSource>());
        assert_eq!(sorted(EXPLAINER_FIELDS), serde_fields::<RawExplainer>());
        assert_eq!(sorted(IMAGE_FIELDS), serde_fields::<RawImage>());
        let required = [EVENT_FIELDS[0], SOURCE_FIELDS[0], EXPLAINER_FIELDS[0]];
        assert_eq!(required, ["title", "name", "title"]);
        assert!(serde_fields::<RawEvent>().contains(&"title"));
    }
}
