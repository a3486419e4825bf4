//! Lexicons: number words, months, weekdays, units and currencies.
//!
//! The words are data, in `dict/lists/` (one file per list, each with a
//! header; format in `src/lexicon/lists.rs`), embedded at compile time and
//! parsed once on first use. Every lookup takes a token's normalised form
//! (lowercase, hyphens folded). What stays here is what is not a word list:
//! the display names, the currency signs, Roman numerals.

use crate::lexicon::{WordList, WordTable};

/// Reads a list file of `dict/lists/`.
macro_rules! list {
    ($file:literal) => {
        WordList::new(include_str!(concat!("../../../dict/lists/", $file)))
    };
}

/// Reads a table file of `dict/lists/` whose values `$parse` reads.
macro_rules! table {
    ($file:literal, $parse:expr) => {
        WordTable::new(include_str!(concat!("../../../dict/lists/", $file)), $parse)
    };
}

static CARDINALS: WordTable<u64> = table!("numbers-cardinals.txt", |v| v.parse().ok());
static ORDINALS: WordTable<u64> = table!("numbers-ordinals.txt", |v| v.parse().ok());
static SCALES: WordTable<(f64, bool)> = table!("numbers-scales.txt", parse_scale);
static FRACTIONS: WordTable<u64> = table!("numbers-fractions.txt", |v| v.parse().ok());
static MONTHS: WordTable<(u8, bool)> = table!("months.txt", parse_month);
static WEEKDAYS: WordTable<u8> = table!("weekdays.txt", |v| v.parse().ok());
static SEASONS: WordTable<u8> = table!("seasons.txt", |v| v.parse().ok());
static UNITS: WordTable<Unit> = table!("units.txt", parse_unit);
static CURRENCIES: WordTable<&'static str> = table!("currencies.txt", Some);
static CURRENCY_CODES_BEFORE: WordList = list!("currency-codes-before.txt");
static DOLLAR_PREFIXES: WordTable<&'static str> = table!("dollar-prefixes.txt", Some);
static DOLLAR_ADJECTIVES: WordTable<&'static str> = table!("dollar-adjectives.txt", Some);
static REGNAL_NAMES: WordList = list!("regnal-names.txt");
static REGNAL_TITLES: WordList = list!("regnal-titles.txt");
static FUNCTION_WORDS: WordList = list!("function-words-not-counted.txt");
static APPROXIMATORS: WordList = list!("approximators.txt");
static MONTH_PREPOSITIONS: WordList = list!("month-prepositions.txt");

/// "3" or "3 ambiguous" (months.txt).
fn parse_month(v: &str) -> Option<(u8, bool)> {
    let (m, ambiguous) = match v.split_once(' ') {
        Some((m, "ambiguous")) => (m, true),
        Some(_) => return None,
        None => (v, false),
    };
    Some((m.parse().ok()?, ambiguous))
}

/// "1e6" or "1e6 abbreviation" (numbers-scales.txt): the factor, and
/// whether the word is an abbreviation.
fn parse_scale(v: &str) -> Option<(f64, bool)> {
    let (factor, abbreviation) = match v.split_once(' ') {
        Some((f, "abbreviation")) => (f, true),
        Some(_) => return None,
        None => (v, false),
    };
    Some((factor.parse().ok()?, abbreviation))
}

/// "km length", "years old age" (units.txt): the code, then the dimension.
fn parse_unit(v: &'static str) -> Option<Unit> {
    let (code, dim) = v.rsplit_once(' ')?;
    Some(Unit {
        code,
        dim: Dim::from_name(dim)?,
    })
}

/// What a measurement unit measures. Two units of the same dimension can be
/// confused by a translation ("kilometres" vs "miles"); different dimensions
/// are simply different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dim {
    Length,
    Area,
    Volume,
    Mass,
    Power,
    Energy,
    Speed,
    Temperature,
    /// Durations: seconds to centuries.
    Time,
    /// Age in years ("20-year-old", "20 years old").
    Age,
    /// Money; the code is the currency.
    Currency,
    /// Counted things ("people", "seats"): never a unit mismatch.
    Count,
    /// Percentage points.
    Points,
}

/// A unit in canonical form: `code` is stable ("km", "mi", "USD", "day").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Unit {
    pub code: &'static str,
    pub dim: Dim,
}

impl Dim {
    /// The dimension named as in units.txt (lowercase, as serialised).
    fn from_name(name: &str) -> Option<Dim> {
        Some(match name {
            "length" => Dim::Length,
            "area" => Dim::Area,
            "volume" => Dim::Volume,
            "mass" => Dim::Mass,
            "power" => Dim::Power,
            "energy" => Dim::Energy,
            "speed" => Dim::Speed,
            "temperature" => Dim::Temperature,
            "time" => Dim::Time,
            "age" => Dim::Age,
            "currency" => Dim::Currency,
            "count" => Dim::Count,
            "points" => Dim::Points,
            _ => return None,
        })
    }
}

/// 0–19 and the tens.
pub fn cardinal(w: &str) -> Option<u64> {
    CARDINALS.get_value(w)
}

/// Ordinal words up to the tens, plus hundredth and above.
pub fn ordinal(w: &str) -> Option<u64> {
    ORDINALS.get_value(w)
}

/// Multipliers written as words or abbreviations after a number.
pub fn scale(w: &str) -> Option<f64> {
    SCALES.get_value(w).map(|(s, _)| s)
}

/// A scale written as a whole word ("hundred" … "trillion", not "bn", "m").
pub fn scale_word(w: &str) -> Option<f64> {
    SCALES
        .get_value(w)
        .filter(|&(_, abbr)| !abbr)
        .map(|(s, _)| s)
}

/// Denominators: "half" → 2, "third(s)" → 3, "quarter(s)" → 4 …
pub fn fraction(w: &str) -> Option<u64> {
    FRACTIONS.get_value(w)
}

/// Month number of a month name or abbreviation, and whether the word is
/// also an ordinary English word ("May", "March") or a bare abbreviation
/// that needs a number beside it to count as a month.
pub fn month(w: &str) -> Option<(u8, bool)> {
    MONTHS.get_value(w)
}

/// ISO weekday (Monday = 1) of a weekday name, possessive or plural allowed.
pub fn weekday(w: &str) -> Option<u8> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('s').filter(|s| s.ends_with("day")))
        .unwrap_or(w);
    WEEKDAYS.get_value(w)
}

pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A unit written as one word after a number ("kilometres", "km", "days").
pub fn unit(w: &str) -> Option<Unit> {
    UNITS.get_value(w)
}

/// A currency named by a word or code ("dollars", "yuan", "EUR").
pub fn currency_word(w: &str) -> Option<&'static str> {
    CURRENCIES.get_value(w)
}

/// Codes written before the amount ("USD 5 million", "Rs 500").
pub fn currency_code_before(w: &str) -> Option<&'static str> {
    CURRENCY_CODES_BEFORE
        .contains(w)
        .then(|| currency_word(w))
        .flatten()
}

/// The currency a symbol stands for.
pub fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "CNY",
        '₹' => "INR",
        '₽' => "RUB",
        '₩' => "KRW",
        _ => return None,
    })
}

/// Letters glued before "$" that say which dollar ("HK$", "A$").
pub fn dollar_prefix(w: &str) -> Option<&'static str> {
    DOLLAR_PREFIXES.get_value(w)
}

/// Words that may stand between a number and "dollars" ("US dollars").
pub fn dollar_adjective(w: &str) -> Option<&'static str> {
    DOLLAR_ADJECTIVES.get_value(w)
}

/// Value of a Roman numeral written in capitals ("XIV" → 14); `None` for
/// anything that is not a well-formed numeral.
pub fn roman(w: &str) -> Option<u64> {
    if w.is_empty() || w.len() > 12 {
        return None;
    }
    let digit = |c: u8| -> Option<u64> {
        Some(match c {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            b'L' => 50,
            b'C' => 100,
            b'D' => 500,
            b'M' => 1000,
            _ => return None,
        })
    };
    let bytes = w.as_bytes();
    let mut total = 0i64;
    for (k, &c) in bytes.iter().enumerate() {
        let v = digit(c)? as i64;
        let next = match bytes.get(k + 1) {
            Some(&n) => digit(n)? as i64,
            None => 0,
        };
        // A smaller digit before a larger one is subtracted ("IV", "XC").
        total += if v < next { -v } else { v };
    }
    let total = u64::try_from(total).ok()?;
    // Reject non-canonical spellings ("IIII", "VX") by re-rendering.
    (to_roman(total).as_deref() == Some(w)).then_some(total)
}

fn to_roman(mut n: u64) -> Option<String> {
    if n == 0 || n >= 4000 {
        return None;
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in &TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Given names that take a regnal number ("Henry VIII", "Pope Leo XIV").
pub fn regnal_name(w: &str) -> bool {
    REGNAL_NAMES.contains(w)
}

/// Titles before a regnal name ("King", "Pope").
pub fn regnal_title(w: &str) -> bool {
    REGNAL_TITLES.contains(w)
}

/// Short words that never name what a number counts ("12 in", "3 of").
pub fn function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(w)
}

/// Words before a 4-digit number that make it a count, not a year ("about 1500").
pub fn approximator(w: &str) -> bool {
    APPROXIMATORS.contains(w)
}

/// Prepositions that make a following "May"/"March" a month.
pub fn month_preposition(w: &str) -> bool {
    MONTH_PREPOSITIONS.contains(w)
}

/// Seasons, for "next spring", "spring 2026".
pub fn season(w: &str) -> Option<u8> {
    SEASONS.get_value(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every table parses; every code written before an
    /// amount is a currency.
    #[test]
    fn tables_parse_in_full() {
        assert!(CARDINALS.bad_lines().is_empty());
        assert!(ORDINALS.bad_lines().is_empty());
        assert!(SCALES.bad_lines().is_empty());
        assert!(FRACTIONS.bad_lines().is_empty());
        assert!(MONTHS.bad_lines().is_empty());
        assert!(WEEKDAYS.bad_lines().is_empty());
        assert!(SEASONS.bad_lines().is_empty());
        assert!(UNITS.bad_lines().is_empty(), "{:?}", UNITS.bad_lines());
        assert!(CURRENCIES.bad_lines().is_empty());
        assert!(DOLLAR_PREFIXES.bad_lines().is_empty());
        assert!(DOLLAR_ADJECTIVES.bad_lines().is_empty());
        for w in CURRENCY_CODES_BEFORE.words() {
            assert!(currency_word(w).is_some(), "{w}");
        }
        let words: Vec<&str> = SCALES.entries().iter().map(|&(w, _)| w).collect();
        let whole: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| scale_word(w).is_some())
            .collect();
        assert_eq!(
            whole,
            ["hundred", "thousand", "million", "billion", "trillion"]
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(cardinal("nil"), Some(0));
        assert_eq!(ordinal("millionth"), Some(1_000_000));
        assert_eq!(scale("bn"), Some(1e9));
        assert_eq!(month("sept"), Some((9, true)));
        assert_eq!(month("june"), Some((6, false)));
        assert_eq!(weekday("wednesday's"), Some(3));
        assert_eq!(weekday("mondays"), Some(1));
        assert_eq!(
            unit("year-olds"),
            Some(Unit {
                code: "years old",
                dim: Dim::Age
            })
        );
        assert_eq!(unit("kph").map(|u| u.code), Some("km/h"));
        assert_eq!(currency_code_before("rs"), Some("INR"));
        assert_eq!(currency_code_before("yen"), None);
        assert!(function_word("each.") && !function_word("container"));
        assert_eq!(parse_month("3 sometimes"), None);
    }
}
