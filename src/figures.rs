//! Figures that move as a story develops (SPEC §9.5): the value grammar an editor
//! writes a reading in (`at least 20`, `100–170`), read once into a typed [`Value`]
//! that pages and charts use and never the text; the statuses a reading or an
//! account (SPEC §9.6) is given; and the rule that picks a figure's current reading.
//!
//! Pure functions over text and numbers; checking a reading against its event is
//! `resolve::figures`.

use serde::Serialize;

/// What a reading says about the number: its bounds and how they were put. A
/// count of people is never negative, so bounds are `>= 0`.
///
/// | written | `kind` | `lower` | `upper` |
/// |---|---|---|---|
/// | `84`, `1,200` | `exact` | 84 | 84 |
/// | `about 100`, `~100` | `about` | 100 | 100 |
/// | `at least 20`, `>= 20` | `at_least` | 20 | — |
/// | `more than 70`, `> 70` | `more_than` | 70 | — |
/// | `up to 170`, `<= 170` | `up_to` | — | 170 |
/// | `100-170`, `100–170` | `range` | 100 | 170 |
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Value {
    /// The least the number can be (`more_than`: it is above this); `None` for
    /// `up_to`.
    pub lower: Option<f64>,
    /// The most the number can be; `None` for `at_least` and `more_than`.
    pub upper: Option<f64>,
    /// How the value was put.
    pub kind: Kind,
}

/// How a [`Value`] was put: see the table there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A number as given: `84`.
    Exact,
    /// An estimate: `about 100`, `~100`.
    About,
    /// A floor, the number perhaps higher: `at least 20`, `>= 20`.
    AtLeast,
    /// A floor the number is above: `more than 70`, `> 70`.
    MoreThan,
    /// A ceiling: `up to 170`, `<= 170`.
    UpTo,
    /// Between two numbers: `100-170`, `100–170`.
    Range,
}

/// The forms a value may take, for the error on any other (SPEC §9.5).
pub const VALUE_FORMS: &str = "`84`, `1,200`, `at least 20` or `>= 20`, `more than 70` or `> 70`, `up to 170` or `<= 170`, `about 100` or `~100`, or a range `100-170` or `100–170`";

/// Why a value could not be read: what is wrong, quoting it, and the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// What is wrong: `` `dozens` is not a figure ``.
    pub message: String,
    /// How to write it instead.
    pub help: String,
}

impl Value {
    /// Reads a value as an editor writes it (SPEC §9.5; see [`Value`]). Words are
    /// read in any case, spaces around signs and dashes are optional, and thousands
    /// are separated by commas in groups of three (`12,000`) or not at all.
    ///
    /// # Errors
    /// Any other text, a range whose ends are not in increasing order, and a number
    /// written with a sign or a comma out of place, each with the accepted forms.
    pub fn parse(written: &str) -> Result<Value, ValueError> {
        let text = written.trim();
        let lower = text.to_lowercase();
        let prefixes: [(&str, Kind); 11] = [
            ("at least", Kind::AtLeast),
            (">=", Kind::AtLeast),
            ("≥", Kind::AtLeast),
            ("more than", Kind::MoreThan),
            (">", Kind::MoreThan),
            ("up to", Kind::UpTo),
            ("<=", Kind::UpTo),
            ("≤", Kind::UpTo),
            ("about", Kind::About),
            ("~", Kind::About),
            ("", Kind::Exact),
        ];
        let (kind, rest) = prefixes
            .iter()
            .find_map(|(prefix, kind)| {
                let rest = lower.strip_prefix(prefix)?;
                // A word ends where the number begins: `at least20` is no form.
                let word = prefix.chars().next().is_some_and(char::is_alphabetic);
                (!word || rest.starts_with(char::is_whitespace)).then_some((*kind, rest.trim()))
            })
            .unwrap_or((Kind::Exact, lower.as_str()));
        let not_a_figure = || ValueError {
            message: format!("`{text}` is not a figure"),
            help: format!("write it as one of {VALUE_FORMS}"),
        };
        if text.is_empty() {
            return Err(ValueError {
                message: "the reading's `value` is empty".to_owned(),
                help: format!("write it as one of {VALUE_FORMS}"),
            });
        }
        if kind == Kind::Exact
            && let Some((a, b)) = split_range(rest)
        {
            let (a, b) = (number(a), number(b));
            let (Some(a), Some(b)) = (a, b) else {
                return Err(not_a_figure());
            };
            if a == b {
                return Err(ValueError {
                    message: format!("the range `{text}` has one number at both ends"),
                    help: format!("write the number alone: `{}`", format_number(a)),
                });
            }
            if a > b {
                return Err(ValueError {
                    message: format!("the range `{text}` does not run from low to high"),
                    help: format!(
                        "write the smaller number first, like `{}–{}`",
                        format_number(a.min(b)),
                        format_number(a.max(b))
                    ),
                });
            }
            return Ok(Value {
                lower: Some(a),
                upper: Some(b),
                kind: Kind::Range,
            });
        }
        let n = number(rest).ok_or_else(not_a_figure)?;
        // `1.200` is a thousand two hundred where a point groups thousands, and one
        // and a fifth here: no reader can tell which was meant.
        if let Some((whole, fraction)) = rest.split_once('.')
            && fraction.len() == 3
            && !whole.contains(',')
            && whole.len() <= 3
        {
            return Err(ValueError {
                message: format!("`{text}` could be read two ways"),
                help: format!(
                    "write `{whole},{fraction}` or `{whole}{fraction}` for {} (commas group thousands), or `{}` for the fraction",
                    format_number(format!("{whole}{fraction}").parse().unwrap_or_default()),
                    format_number(n)
                ),
            });
        }
        Ok(Value::of(kind, n))
    }

    /// A value of one number put as `kind` (not [`Kind::Range`]).
    pub fn of(kind: Kind, n: f64) -> Value {
        let (lower, upper) = match kind {
            Kind::AtLeast | Kind::MoreThan => (Some(n), None),
            Kind::UpTo => (None, Some(n)),
            Kind::Exact | Kind::About | Kind::Range => (Some(n), Some(n)),
        };
        Value { lower, upper, kind }
    }

    /// The one number a chart's line takes the value at: the number itself, the
    /// floor of `at least` and `more than`, the ceiling of `up to`, the middle of a
    /// range.
    pub fn central(&self) -> f64 {
        match (self.lower, self.upper) {
            (Some(l), Some(u)) => (l + u) / 2.0,
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => 0.0,
        }
    }

    /// The value as readers of `table`'s language see it (`figure_value.*`), in
    /// its digits: in English as [`Value::text`] writes it, in French `au moins 20`.
    pub fn text_in(&self, table: &crate::i18n::strings::Table) -> String {
        let digits = crate::i18n::strings::digits_of(&table.tag);
        let n = |v: Option<f64>| digits.number(&format_number(v.unwrap_or_default()));
        let key = match self.kind {
            Kind::Exact => return n(self.lower),
            Kind::Range => {
                return table.fill(
                    "figure_value.range",
                    &[("low", &n(self.lower)), ("high", &n(self.upper))],
                );
            }
            Kind::About => "figure_value.about",
            Kind::AtLeast => "figure_value.at_least",
            Kind::MoreThan => "figure_value.more_than",
            Kind::UpTo => "figure_value.up_to",
        };
        let value = if self.kind == Kind::UpTo {
            self.upper
        } else {
            self.lower
        };
        table.fill(key, &[("n", &n(value))])
    }

    /// The value as readers see it, whatever form it was written in: `at least
    /// 20`, `more than 70`, `100–170`, `1,200`. In English, for machine files;
    /// pages use [`Value::text_in`].
    pub fn text(&self) -> String {
        let n = |v: Option<f64>| format_number(v.unwrap_or_default());
        match self.kind {
            Kind::Exact => n(self.lower),
            Kind::About => format!("about {}", n(self.lower)),
            Kind::AtLeast => format!("at least {}", n(self.lower)),
            Kind::MoreThan => format!("more than {}", n(self.lower)),
            Kind::UpTo => format!("up to {}", n(self.upper)),
            Kind::Range => format!("{}–{}", n(self.lower), n(self.upper)),
        }
    }
}

/// The two ends of a range written with a hyphen or an en dash, spaces allowed
/// around it: `100-170`, `100 – 170`.
fn split_range(text: &str) -> Option<(&str, &str)> {
    let (a, b) = text.split_once(['-', '–'])?;
    Some((a.trim(), b.trim()))
}

/// A number without a sign: digits, thousands separated by commas in groups of
/// three, and a decimal part after a point. `None` for anything else.
fn number(text: &str) -> Option<f64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !groups.iter().all(|g| digits(g)) || !grouped || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    let mut plain: String = groups.concat();
    if let Some(fraction) = fraction {
        plain.push('.');
        plain.push_str(fraction);
    }
    plain.parse().ok().filter(|n: &f64| n.is_finite())
}

/// A number as readers see it: thousands separated by commas, a fraction only when
/// there is one, to at most two places: `1,200`, `2.5`.
pub fn format_number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    let fraction = rounded - rounded.trunc();
    if fraction > 0.0 {
        let text = format!("{fraction:.2}");
        out.push_str(text.trim_start_matches('0').trim_end_matches('0'));
    }
    out
}

/// Where a reading (SPEC §9.5) or an account (SPEC §9.6) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Said, not yet checked: the default.
    #[default]
    Reported,
    /// Established: a confirmed reading is its figure's current one, a confirmed
    /// account settles its question.
    Confirmed,
    /// Contested by others.
    Disputed,
    /// Replaced by its source with another (readings only).
    Revised,
    /// Rejected by whom it is about (accounts only).
    Denied,
    /// Withdrawn by its source: never current.
    Retracted,
}

/// The statuses a reading of a figure may have, as written. SPEC §9.5.
pub const READING_STATUSES: &[&str] =
    &["reported", "confirmed", "disputed", "revised", "retracted"];

/// The statuses an account of a question may have, as written. SPEC §9.6.
pub const ACCOUNT_STATUSES: &[&str] = &["reported", "confirmed", "disputed", "denied", "retracted"];

impl Status {
    /// The status written as `word` (lower case), when it is one of `allowed`.
    pub fn parse(word: &str, allowed: &[&str]) -> Option<Status> {
        let word = word.trim();
        if !allowed.contains(&word) {
            return None;
        }
        Some(match word {
            "confirmed" => Status::Confirmed,
            "disputed" => Status::Disputed,
            "revised" => Status::Revised,
            "denied" => Status::Denied,
            "retracted" => Status::Retracted,
            _ => Status::Reported,
        })
    }

    /// The status as written and as CSS classes name it: `confirmed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Confirmed => "confirmed",
            Status::Disputed => "disputed",
            Status::Revised => "revised",
            Status::Denied => "denied",
            Status::Retracted => "retracted",
        }
    }
}

/// The instant a reading or account given at `at` is ordered and drawn at, in
/// seconds since the Unix epoch. A time is its own instant. A date without a time is
/// taken at noon on its wall clock — in `zone`, the zone the event's times are read
/// in, else UTC — the middle of the day it names, so that it sorts among the times of
/// that day and not the evening before it west of Greenwich (a month or year at noon
/// on its first day).
pub fn sorts_at(at: &crate::date::Moment, zone: Option<chrono_tz::Tz>) -> i64 {
    use chrono::TimeZone;
    if at.precision == crate::date::Precision::Minute {
        return at.instant;
    }
    let noon = at.local + chrono::TimeDelta::hours(12);
    match zone.map(|z| z.from_local_datetime(&noon).earliest()) {
        Some(Some(local)) => local.timestamp(),
        _ => noon.and_utc().timestamp(),
    }
}

/// Which of `readings` — each its status, oldest first (readings at the same time in
/// the order written) — is current (SPEC §9.5): the latest confirmed one, else the
/// latest not retracted. `None` when every reading is retracted, or there is none.
pub fn current(statuses: &[Status]) -> Option<usize> {
    let latest = |wanted: &dyn Fn(Status) -> bool| statuses.iter().rposition(|s| wanted(*s));
    latest(&|s| s == Status::Confirmed).or_else(|| latest(&|s| s != Status::Retracted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_the_grammar() {
        type Row<'a> = (&'a str, Kind, Option<f64>, Option<f64>, &'a str);
        let table: &[Row<'_>] = &[
            ("84", Kind::Exact, Some(84.0), Some(84.0), "84"),
            ("1,200", Kind::Exact, Some(1200.0), Some(1200.0), "1,200"),
            (
                "12,000,000",
                Kind::Exact,
                Some(12e6),
                Some(12e6),
                "12,000,000",
            ),
            ("2.5", Kind::Exact, Some(2.5), Some(2.5), "2.5"),
            ("0", Kind::Exact, Some(0.0), Some(0.0), "0"),
            (
                "at least 20",
                Kind::AtLeast,
                Some(20.0),
                None,
                "at least 20",
            ),
            (
                "At Least 20",
                Kind::AtLeast,
                Some(20.0),
                None,
                "at least 20",
            ),
            (">= 20", Kind::AtLeast, Some(20.0), None, "at least 20"),
            (">=20", Kind::AtLeast, Some(20.0), None, "at least 20"),
            ("≥ 20", Kind::AtLeast, Some(20.0), None, "at least 20"),
            (
                "more than 70",
                Kind::MoreThan,
                Some(70.0),
                None,
                "more than 70",
            ),
            ("> 70", Kind::MoreThan, Some(70.0), None, "more than 70"),
            ("up to 170", Kind::UpTo, None, Some(170.0), "up to 170"),
            ("<= 170", Kind::UpTo, None, Some(170.0), "up to 170"),
            ("≤170", Kind::UpTo, None, Some(170.0), "up to 170"),
            (
                "about 100",
                Kind::About,
                Some(100.0),
                Some(100.0),
                "about 100",
            ),
            ("~100", Kind::About, Some(100.0), Some(100.0), "about 100"),
            (
                "~ 1,000",
                Kind::About,
                Some(1000.0),
                Some(1000.0),
                "about 1,000",
            ),
            ("100-170", Kind::Range, Some(100.0), Some(170.0), "100–170"),
            ("100–170", Kind::Range, Some(100.0), Some(170.0), "100–170"),
            (
                "100 – 170",
                Kind::Range,
                Some(100.0),
                Some(170.0),
                "100–170",
            ),
            (
                "1,000-1,500",
                Kind::Range,
                Some(1000.0),
                Some(1500.0),
                "1,000–1,500",
            ),
            ("  84  ", Kind::Exact, Some(84.0), Some(84.0), "84"),
        ];
        for (written, kind, lower, upper, text) in table {
            let value = Value::parse(written).unwrap_or_else(|e| panic!("{written}: {e:?}"));
            assert_eq!(value.kind, *kind, "{written}");
            assert_eq!((value.lower, value.upper), (*lower, *upper), "{written}");
            assert_eq!(value.text(), *text, "{written}");
        }
    }

    #[test]
    fn refuses_ten_malformed_values_with_the_accepted_forms() {
        let table: &[(&str, &str)] = &[
            ("dozens", "`dozens` is not a figure"),
            ("", "the reading's `value` is empty"),
            ("-5", "`-5` is not a figure"),
            ("1,20", "`1,20` is not a figure"),
            ("1200,000", "`1200,000` is not a figure"),
            ("at least", "`at least` is not a figure"),
            ("at least20", "`at least20` is not a figure"),
            ("20 or more", "`20 or more` is not a figure"),
            (
                "170-100",
                "the range `170-100` does not run from low to high",
            ),
            ("more than 10-20", "`more than 10-20` is not a figure"),
            ("100-", "`100-` is not a figure"),
            ("1.2.3", "`1.2.3` is not a figure"),
            ("1.200", "`1.200` could be read two ways"),
            ("20-20", "the range `20-20` has one number at both ends"),
            ("twenty", "`twenty` is not a figure"),
        ];
        for (written, message) in table {
            let e = Value::parse(written).expect_err(written);
            assert_eq!(e.message, *message, "{written}");
            if e.message.contains("not a figure") || e.message.contains("empty") {
                assert!(
                    e.help.contains("`at least 20` or `>= 20`"),
                    "{written}: {}",
                    e.help
                );
            }
        }
        let e = Value::parse("170-100").unwrap_err();
        assert_eq!(e.help, "write the smaller number first, like `100–170`");
        let e = Value::parse("1.200").unwrap_err();
        assert_eq!(
            e.help,
            "write `1,200` or `1200` for 1,200 (commas group thousands), or `1.2` for the fraction"
        );
        assert_eq!(
            Value::parse("20-20").unwrap_err().help,
            "write the number alone: `20`"
        );
        // A fraction of two places, or of three after a thousands comma, is read.
        assert_eq!(Value::parse("2.25").unwrap().lower, Some(2.25));
    }

    #[test]
    fn the_central_number_is_what_a_line_is_drawn_at() {
        assert_eq!(Value::parse("100-170").unwrap().central(), 135.0);
        assert_eq!(Value::parse("at least 20").unwrap().central(), 20.0);
        assert_eq!(Value::parse("up to 170").unwrap().central(), 170.0);
        assert_eq!(Value::parse("84").unwrap().central(), 84.0);
    }

    #[test]
    fn confirmed_beats_a_later_report_and_retracted_is_never_current() {
        use Status::*;
        let current = |s: &[Status]| current(s);
        assert_eq!(current(&[Reported, Reported]), Some(1));
        assert_eq!(current(&[Confirmed, Reported, Disputed]), Some(0));
        assert_eq!(current(&[Confirmed, Confirmed, Reported]), Some(1));
        assert_eq!(current(&[Reported, Retracted]), Some(0));
        assert_eq!(current(&[Retracted, Retracted]), None);
        assert_eq!(current(&[Revised, Disputed]), Some(1));
        assert_eq!(current(&[]), None);
    }

    #[test]
    fn a_date_sorts_at_noon_in_its_zone_and_a_time_at_its_instant() {
        use crate::date::Moment;
        let ny: chrono_tz::Tz = "America/New_York".parse().unwrap();
        let day = Moment::parse("2024-01-05", Some(ny), Some(ny)).unwrap();
        // Noon in New York is 17:00 UTC.
        assert_eq!(sorts_at(&day, Some(ny)), 1_704_474_000);
        assert_eq!(sorts_at(&day, None), 1_704_456_000);
        let time = Moment::parse("2024-01-04T22:00", Some(ny), Some(ny)).unwrap();
        assert_eq!(sorts_at(&time, Some(ny)), time.instant);
        assert!(sorts_at(&time, Some(ny)) < sorts_at(&day, Some(ny)));
    }

    #[test]
    fn statuses_are_read_from_their_own_list() {
        assert_eq!(
            Status::parse("revised", READING_STATUSES),
            Some(Status::Revised)
        );
        assert_eq!(Status::parse("denied", READING_STATUSES), None);
        assert_eq!(
            Status::parse("denied", ACCOUNT_STATUSES),
            Some(Status::Denied)
        );
        assert_eq!(Status::parse("Confirmed", READING_STATUSES), None);
    }

    #[test]
    fn numbers_are_shown_with_thousands_and_only_the_fraction_they_have() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(2.25), "2.25");
    }
}
