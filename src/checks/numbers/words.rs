//! Lexicons: number words, months, weekdays, units and currencies.
//!
//! Data only, kept apart from the extractor's logic. Every lookup takes a
//! token's normalised form (lowercase, hyphens folded) and is a `match`, so
//! nothing is built at run time.

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

const fn u(code: &'static str, dim: Dim) -> Unit {
    Unit { code, dim }
}

/// 0–19 and the tens.
pub fn cardinal(w: &str) -> Option<u64> {
    Some(match w {
        "zero" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words up to the tens, plus hundredth and above.
pub fn ordinal(w: &str) -> Option<u64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        _ => return None,
    })
}

/// Multipliers written as words or abbreviations after a number.
pub fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "mn" | "mln" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Denominators: "half" → 2, "third(s)" → 3, "quarter(s)" → 4 …
pub fn fraction(w: &str) -> Option<u64> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "seventh" | "sevenths" => 7,
        "eighth" | "eighths" => 8,
        "ninth" | "ninths" => 9,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Month number of a month name or abbreviation, and whether the word is
/// also an ordinary English word ("May", "March") or a bare abbreviation
/// that needs a number beside it to count as a month.
pub fn month(w: &str) -> Option<(u8, bool)> {
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, true),
        "april" => (4, false),
        "may" => (5, true),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// ISO weekday (Monday = 1) of a weekday name, possessive or plural allowed.
pub fn weekday(w: &str) -> Option<u8> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('s').filter(|s| s.ends_with("day")))
        .unwrap_or(w);
    Some(match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
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
    use Dim::*;
    Some(match w {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => u("km", Length),
        "m" | "metre" | "metres" | "meter" | "meters" => u("m", Length),
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => u("cm", Length),
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => u("mm", Length),
        "mi" | "mile" | "miles" => u("mi", Length),
        "ft" | "foot" | "feet" => u("ft", Length),
        "yard" | "yards" => u("yd", Length),
        "km2" | "hectare" | "hectares" | "ha" => u("ha", Area),
        "acre" | "acres" => u("acre", Area),
        "litre" | "litres" | "liter" | "liters" => u("l", Volume),
        "barrel" | "barrels" => u("bbl", Volume),
        "gallon" | "gallons" => u("gal", Volume),
        "t" | "tonne" | "tonnes" | "ton" | "tons" => u("t", Mass),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => u("kg", Mass),
        "g" | "gram" | "grams" => u("g", Mass),
        "lb" | "lbs" => u("lb", Mass),
        "gw" | "gigawatt" | "gigawatts" => u("GW", Power),
        "mw" | "megawatt" | "megawatts" => u("MW", Power),
        "kw" | "kilowatt" | "kilowatts" => u("kW", Power),
        "w" | "watt" | "watts" => u("W", Power),
        "twh" => u("TWh", Energy),
        "gwh" => u("GWh", Energy),
        "mwh" => u("MWh", Energy),
        "kwh" => u("kWh", Energy),
        "mph" => u("mph", Speed),
        "kmh" | "kph" => u("km/h", Speed),
        "knot" | "knots" => u("kn", Speed),
        "degree" | "degrees" => u("°", Temperature),
        "c" | "celsius" | "centigrade" => u("°C", Temperature),
        "fahrenheit" => u("°F", Temperature),
        "millisecond" | "milliseconds" | "ms" => u("ms", Time),
        "second" | "seconds" | "sec" | "secs" => u("second", Time),
        "minute" | "minutes" | "min" | "mins" => u("minute", Time),
        "hour" | "hours" | "hr" | "hrs" => u("hour", Time),
        "day" | "days" => u("day", Time),
        "week" | "weeks" => u("week", Time),
        "month" | "months" => u("month", Time),
        "year" | "years" | "yr" | "yrs" => u("year", Time),
        "decade" | "decades" => u("decade", Time),
        "century" | "centuries" => u("century", Time),
        "year-old" | "year-olds" => u("years old", Age),
        "people" | "persons" | "person" => u("people", Count),
        "seat" | "seats" => u("seats", Count),
        "point" | "points" => u("points", Count),
        _ => return None,
    })
}

/// A currency named by a word or code ("dollars", "yuan", "EUR").
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" | "usd" | "us$" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "pound" | "pounds" | "sterling" | "gbp" => "GBP",
        "yuan" | "renminbi" | "rmb" | "cny" => "CNY",
        "yen" | "jpy" => "JPY",
        "ruble" | "rubles" | "rouble" | "roubles" | "rub" => "RUB",
        "rupee" | "rupees" | "inr" | "rs" => "INR",
        "won" | "krw" => "KRW",
        "franc" | "francs" | "chf" => "CHF",
        "hkd" => "HKD",
        "sgd" => "SGD",
        "aud" => "AUD",
        "cad" => "CAD",
        "nzd" => "NZD",
        "twd" => "TWD",
        "mop" | "pataca" | "patacas" => "MOP",
        "baht" | "thb" => "THB",
        "ringgit" | "myr" => "MYR",
        "lira" | "lire" => "TRY",
        "hryvnia" | "hryvnias" | "uah" => "UAH",
        "reais" | "brl" => "BRL",
        "peso" | "pesos" => "MXN",
        "rand" | "zar" => "ZAR",
        "shekel" | "shekels" | "ils" => "ILS",
        "dong" | "vnd" => "VND",
        // Not "crown(s)": English writes the Swedish, Danish and Norwegian
        // currencies so too, and a guess would turn one into a mismatch.
        "koruna" | "korunas" | "korun" | "czk" => "CZK",
        "krona" | "kronor" | "sek" => "SEK",
        "zloty" | "zlotys" | "pln" => "PLN",
        "rupiah" | "idr" => "IDR",
        _ => return None,
    })
}

/// Codes written before the amount ("USD 5 million", "Rs 500").
pub fn currency_code_before(w: &str) -> Option<&'static str> {
    match w {
        "usd" | "eur" | "gbp" | "rmb" | "cny" | "jpy" | "inr" | "rs" | "chf" | "hkd" | "krw"
        | "sgd" | "aud" | "cad" | "nzd" | "twd" | "mop" | "myr" | "thb" | "uah" | "brl" | "zar"
        | "ils" | "vnd" | "idr" | "czk" | "sek" | "pln" => currency_word(w),
        _ => None,
    }
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
    Some(match w {
        "us" | "u.s." => "USD",
        "hk" => "HKD",
        "a" | "au" => "AUD",
        "c" | "ca" => "CAD",
        "nz" => "NZD",
        "s" => "SGD",
        "nt" => "TWD",
        _ => return None,
    })
}

/// Words that may stand between a number and "dollars" ("US dollars").
pub fn dollar_adjective(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "u.s." | "american" => "USD",
        "hong" => "HKD",
        "australian" => "AUD",
        "canadian" => "CAD",
        "singapore" => "SGD",
        "taiwan" => "TWD",
        _ => return None,
    })
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
    matches!(
        w,
        "henry"
            | "louis"
            | "charles"
            | "elizabeth"
            | "george"
            | "edward"
            | "william"
            | "james"
            | "richard"
            | "john"
            | "paul"
            | "leo"
            | "benedict"
            | "pius"
            | "gregory"
            | "innocent"
            | "clement"
            | "urban"
            | "boniface"
            | "philip"
            | "felipe"
            | "frederick"
            | "peter"
            | "catherine"
            | "nicholas"
            | "alexander"
            | "ivan"
            | "mohammed"
            | "muhammad"
            | "abdullah"
            | "hussein"
            | "harald"
            | "gustaf"
            | "rama"
            | "napoleon"
            | "wilhelm"
            | "victor"
            | "ludwig"
            | "mary"
            | "anne"
            | "carlos"
            | "willem"
    )
}

/// Titles before a regnal name ("King", "Pope").
pub fn regnal_title(w: &str) -> bool {
    matches!(
        w,
        "king" | "queen" | "pope" | "emperor" | "empress" | "tsar" | "czar" | "sultan" | "prince"
    )
}

/// Short words that never name what a number counts ("12 in", "3 of").
pub fn function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "as"
            | "that"
            | "this"
            | "these"
            | "those"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "after"
            | "before"
            | "during"
            | "until"
            | "since"
            | "than"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "did"
            | "do"
            | "does"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "you"
            | "i"
            | "his"
            | "her"
            | "their"
            | "our"
            | "if"
            | "so"
            | "per"
            | "against"
            | "into"
            | "over"
            | "under"
            | "up"
            | "down"
            | "out"
            | "about"
            | "between"
            | "among"
            | "through"
            | "not"
            | "also"
            | "said"
            | "says"
            | "more"
            | "less"
            | "each"
            | "every"
            | "all"
            | "both"
            | "other"
            | "last"
            | "next"
            | "ago"
            | "later"
            | "earlier"
            | "only"
            | "just"
            | "respectively"
            | "percent"
            | "apiece"
            | "each."
    )
}

/// Words before a 4-digit number that make it a count, not a year ("about 1500").
pub fn approximator(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "around"
            | "nearly"
            | "almost"
            | "approximately"
            | "roughly"
            | "some"
            | "than"
            | "least"
            | "exactly"
            | "just"
            | "total"
            | "only"
            | "additional"
            | "another"
    )
}

/// Prepositions that make a following "May"/"March" a month.
pub fn month_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "early"
            | "mid"
            | "late"
            | "last"
            | "next"
            | "this"
            | "of"
            | "during"
            | "before"
            | "after"
            | "on"
            | "to"
            | "between"
            | "end"
            | "the"
    )
}

/// Seasons, for "next spring", "spring 2026".
pub fn season(w: &str) -> Option<u8> {
    Some(match w {
        "spring" => 1,
        "summer" => 2,
        "autumn" | "fall" => 3,
        "winter" => 4,
        _ => return None,
    })
}
