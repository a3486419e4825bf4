//! What extraction returns: [`NumberMention`], its [`MentionKind`] and
//! normalised [`Value`] (dates as [`DateValue`] with a [`Part`]).

use std::fmt;

use serde::Serialize;

use super::super::words::{self, Unit};

/// What kind of number a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// A count or plain number: "12,000", "two million", "half", "a dozen".
    Cardinal,
    /// "80th", "eightieth", "third term".
    Ordinal,
    /// "37%", "37 percent", "3 percentage points" (unit `pp`).
    Percent,
    /// An amount of money: the unit is the currency ("$4.2bn", "5 million yuan").
    Money,
    /// A measurement with a unit: "3.8 gigawatts", "20 kilometres".
    Quantity,
    /// A length of time: "four-day", "three years", "two weeks".
    Duration,
    /// A calendar date or part of one: "Nov. 8", "8 November 2025", "May 2025", "the 8th", "mid-2026".
    Date,
    /// A year on its own: "2022".
    Year,
    /// "1990s", "the '80s" (value 1990 / 80).
    Decade,
    /// "Thursday".
    Weekday,
    /// A clock time; the value is minutes after midnight ("9:30", "5 p.m.").
    Time,
    /// A date relative to the story: "three weeks ago" (value and unit set),
    /// "the day before", "next spring", "yesterday" (no value; never flagged).
    Relative,
    /// A number inside a known name: "World War II", "Pope Leo XIV".
    Name,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Cardinal => "cardinal",
            MentionKind::Ordinal => "ordinal",
            MentionKind::Percent => "percent",
            MentionKind::Money => "money",
            MentionKind::Quantity => "quantity",
            MentionKind::Duration => "duration",
            MentionKind::Date => "date",
            MentionKind::Year => "year",
            MentionKind::Decade => "decade",
            MentionKind::Weekday => "weekday",
            MentionKind::Time => "time",
            MentionKind::Relative => "relative",
            MentionKind::Name => "name",
        }
    }

    /// Dates, years, weekdays, decades, clock times and relative dates:
    /// a conflict between two of these is a `date-mismatch`.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            MentionKind::Date
                | MentionKind::Year
                | MentionKind::Decade
                | MentionKind::Weekday
                | MentionKind::Time
                | MentionKind::Relative
        )
    }
}

impl fmt::Display for MentionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Part of a year or month: "early 2025", "mid-2026", "the end of May", "spring 2026".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Early,
    Mid,
    Late,
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
            Part::Spring => "spring",
            Part::Summer => "summer",
            Part::Autumn => "autumn",
            Part::Winter => "winter",
        }
    }
}

/// A date with whatever parts the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub part: Option<Part>,
}

/// The normalised value of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Date(DateValue),
    /// ISO weekday, Monday = 1.
    Weekday(u8),
    /// Recognised but without a comparable value ("the day before").
    None,
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(*v),
            _ => None,
        }
    }
}

/// Formats numbers without a trailing ".0", dates as `YYYY-MM-DD` with `?`
/// for missing parts (and `~part`), weekdays by name.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(v) => write!(f, "{}", format_number(*v)),
            Value::Date(d) => {
                match d.year {
                    Some(y) => write!(f, "{y:04}")?,
                    None => f.write_str("????")?,
                }
                match d.month {
                    Some(m) => write!(f, "-{m:02}")?,
                    None => f.write_str("-??")?,
                }
                match d.day {
                    Some(x) => write!(f, "-{x:02}")?,
                    None => f.write_str("-??")?,
                }
                if let Some(p) = d.part {
                    write!(f, "~{}", p.as_str())?;
                }
                Ok(())
            }
            Value::Weekday(w) => f.write_str(
                words::WEEKDAY_NAMES
                    .get(usize::from(*w).wrapping_sub(1))
                    .copied()
                    .unwrap_or("?"),
            ),
            Value::None => f.write_str("-"),
        }
    }
}

/// Shortest decimal form of `v` with at most 6 decimals ("12000", "0.5", "0.333333").
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        return format!("{v:.0}");
    }
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One number, quantity or date found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberMention {
    /// Byte span of the whole expression ("4.2 billion dollars", "Nov. 8").
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub value: Value,
    /// Measurement unit or currency, if any.
    pub unit: Option<Unit>,
    /// The word the number counts or qualifies ("container" in "12,000
    /// containers", "term" in "fourth term", "world war" for "World War II").
    pub noun: Option<String>,
    /// Written in words ("four", "third") rather than digits.
    pub spelled: bool,
    /// Rounding step of the value as written: "4.2 billion" → 1e8, "12,000" → 1.
    pub step: f64,
    /// The scale word applied ("billion" → 1e9), 1 when none.
    #[serde(skip)]
    pub(crate) scale: f64,
}

impl NumberMention {
    /// The mention's text in `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// The unit's code, if any ("km", "USD", "day").
    pub fn unit_code(&self) -> Option<&'static str> {
        self.unit.map(|u| u.code)
    }
}
