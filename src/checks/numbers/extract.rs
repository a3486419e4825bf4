//! Token-based extraction of numbers, quantities, money, percentages, dates and
//! numbered names: [`NumberMention`] and [`extract`] / [`extract_article`]. One
//! left-to-right pass over [`Article::tokens`]; no regular expressions, no
//! allocation per token beyond the mentions found.
//!
//! At each token the recognisers are tried in this order: Roman numeral in a
//! name, relative/part-of-period phrase, month-first date, weekday, "the 8th",
//! clock time, then a number in digits or words, which is then classified by
//! what follows it (scale word, `%`/percent, currency, unit, "ago", the noun it
//! counts). Mentions never overlap and their spans are byte offsets on char
//! boundaries. The lexicons (number words, ordinals, fractions, scales, months,
//! weekdays, units with their dimension, currencies, Roman numerals, regnal
//! names) are in `words.rs`.
//!
//! # Kinds and values
//!
//! `Value` prints as shown, which the fixture tables use.
//!
//! | kind | examples | value |
//! |---|---|---|
//! | cardinal | 12,000 · 1 450 · 6.5 · -40 · minus 40 · four · twenty-one · two million · a dozen · half · a fifth · two-thirds · 45 people | number (`unit` `people`/`seats`/`points` for counted things; `noun` = the counted word) |
//! | ordinal | 80th · eightieth · third term · 1st | number |
//! | percent | 37% · 37 percent · 37 per cent · 3 percentage points (`pp`) | number |
//! | money | $4.2bn · 4.2 billion dollars · €5 million · 5 million yuan · US$4m · USD 5 million | number, unit = ISO currency code |
//! | quantity | 3.8 gigawatts · 20 km · 12 square kilometres · 20-year-old · 31°C · 31 ℃ · 31 degrees Celsius | number, unit (`km`, `mi`, `GW`, `t`, `years old`, `°C`, …) |
//! | duration | four-day · 4-day · three years · 48 hours · an hour · an hour and a half · five-year-plan | number, time unit |
//! | date | Nov. 8 · November 8, 2025 · 8 November · the 8th of November · May 2025 · September · the 8th · mid-2026 · end-2028 · the middle of 2026 · early 2025 · spring 2026 · 2025-05-08 | `YYYY-MM-DD` with `?` for missing parts, `~mid`/`~early`/`~late`/`~spring`… |
//! | year | 2022 | date with only the year |
//! | decade | 1990s · the '80s | 1990 / 80 |
//! | weekday | Thursday · Wednesday's | weekday |
//! | time | 9:30 a.m. · 9: 30 · 5pm · 14:45 | minutes after midnight |
//! | relative | three weeks ago · two days later (number + unit); the day before · next spring · this year · yesterday (no value) | |
//! | name | World War II · Pope Leo XIV · Henry VIII · Super Bowl LVIII · Siberia 2 | number; `noun` = the name |
//!
//! # Rules for the ambiguous cases
//!
//! - **"a"/"an"** is never a number on its own; only before a scale word ("a
//!   hundred", "a million"), "dozen", a time unit ("an hour", "a day"; not a
//!   rate: "twice a day", "$5 a day"), or a fraction followed by "of" or
//!   nothing ("a fifth of the vote"). "a third term" is the ordinal third.
//! - **"one"** is skipped as a pronoun: after
//!   no/the/this/that/every/each/any/some/which/only/such/other/another, before
//!   "of"/"another"/"who"/punctuation, and in idioms ("one day", "one way"). It
//!   stays a number before a counted noun ("one child"), inside larger numbers
//!   ("twenty-one", "one hundred") and in "one or two years".
//! - **"second"** is an ordinal when a noun follows ("the second round") or
//!   "the" precedes it at the end of a phrase; otherwise it is the time unit
//!   and not extracted ("wait a second"). **"first"** is the ordinal 1, except
//!   as a discourse marker ("First, …", likewise "Second, …"). A rank whose
//!   noun only one side gives ("came first" vs "the second meeting") never
//!   conflicts.
//! - **"May"/"March"** (and abbreviations like "Dec", "Sept") are months only
//!   with a day or year beside them ("May 8", "8 May", "May 2025"), or — full
//!   names only — after a preposition such as
//!   in/since/by/until/early/late/of/the ("in May"). "May I", "it may",
//!   "Theresa May", "we march" are not dates. Month names must be capitalised.
//! - **"the 8th"** is a day of the month (no month) unless a noun or a
//!   capitalised word follows ("the 11th nation", "the 21st Party Congress"),
//!   in which case it is an ordinal; spelled "the ninth" is a day only after
//!   on/since/until/by/from.
//! - **Years**: a bare four-digit integer 1800–2100 (1000–1799 only after
//!   in/since/of/from/until/by/before/after/during/for: "in 1453", so "counted
//!   1200" = "1,200") is a year unless it plainly counts something: a unit or
//!   plural noun follows (not after the/in/since…: "the 2022 elections" is a
//!   year) or an approximator precedes ("about 1500 soldiers"). "2,000" with a
//!   separator is always a count.
//! - **Signs**: a minus sign glued before a number ("-40", "−5%") or the word
//!   "minus" makes it negative; not the hyphen of "3-5" or "COVID-19", nor a
//!   sign glued to a word or number before it ("2022 -01-17").
//! - **Roman numerals** only in known names: after "World War", "Super Bowl",
//!   or a capitalised regnal name (Henry, Louis, Charles, Elizabeth, Leo,
//!   Benedict, John Paul, …). "I" needs a title as well ("King Charles I") or
//!   "World War I", so the pronoun never counts. "CIA", "Part IV" are not
//!   numbers.
//! - **Labels**: a bare number of up to three digits right after a capitalised
//!   word that does not start the sentence is part of a name ("Siberia 2",
//!   "Article 5", "Class 1"), unless a unit, scale, percent sign or currency
//!   follows ("Class 2 km").
//! - **Ranges** share their unit and scale: "3 to 5 kilometres", "between 3 and
//!   4 percent", "4 to 6 million", "3-5 years". A number with its own noun ends
//!   no range ("19-fold to 6.3 million").
//! - **Scale abbreviations**: "bn", "mn", "tn" always scale; "m" is million
//!   after a currency or before a counted noun ("$5m", "5m people"), otherwise
//!   metres ("the 100m").
//! - **Ratios and numeric dates** written with a glued "/" or ":" ("24/7",
//!   "3:1", "5/8/2025") are left alone: their reading is ambiguous. "9:30" (and
//!   "9: 30") is a clock time.
//! - **Digits**: "12,000" and "1.200.000" are thousands separators when every
//!   group has three digits; a single "6,5" is a decimal comma; "1 450" joins
//!   when groups of three are split by one space; "1.2.3" is not a number.
//!
//! `fixtures/numbers/extraction.tsv` lists every case these rules were written
//! against, input → mentions.

use std::fmt;

use serde::Serialize;

use super::words::{self, Dim, Unit};
use crate::text::{Article, Token, TokenKind};

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

/// Extracts every mention from an article.
pub fn extract_article(article: &Article) -> Vec<NumberMention> {
    extract(&article.text, &article.tokens)
}

/// Extracts every mention from `text` given its tokens (as made by
/// [`crate::text::tokenize()`]). Mentions are in text order and do not overlap.
pub fn extract(text: &str, tokens: &[Token]) -> Vec<NumberMention> {
    let cx = Cx { text, t: tokens };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let next = cx.at(i, &mut out);
        i = if next > i { next } else { i + 1 };
    }
    link_ranges(text, &mut out);
    // A mention may reach back to a word an earlier one already took ("8 MYR
    // 8": "8 MYR" and "MYR 8"); the first keeps it, so mentions never overlap.
    let mut taken = 0;
    out.retain(|m: &NumberMention| {
        let keep = m.start >= taken;
        if keep {
            taken = m.end;
        }
        keep
    });
    out
}

/// Convenience for tests and tools: tokenizes `text` and extracts.
pub fn extract_text(text: &str) -> Vec<NumberMention> {
    extract(text, &crate::text::tokenize(text))
}

/// A number before it is classified: what the tokens say by themselves.
#[derive(Debug, Clone)]
struct Core {
    /// First and one-past-last token.
    tok: usize,
    next: usize,
    start: usize,
    end: usize,
    value: f64,
    step: f64,
    scale: f64,
    ordinal: bool,
    spelled: bool,
    fraction: bool,
    /// A bare integer written with digits only: its digit count.
    plain_digits: Option<usize>,
    currency: Option<&'static str>,
    unit: Option<Unit>,
    noun: Option<String>,
    /// Glued "-N" second half of a range ("3-5"): value and byte span.
    range: Option<(f64, usize, usize)>,
    /// Written with a minus sign or "minus" before it ("-40", "−5%", "minus 40").
    negative: bool,
}

impl Core {
    fn new(tok: usize, next: usize, start: usize, end: usize, value: f64) -> Core {
        Core {
            tok,
            next,
            start,
            end,
            value,
            step: 1.0,
            scale: 1.0,
            ordinal: false,
            spelled: false,
            fraction: false,
            plain_digits: None,
            currency: None,
            unit: None,
            noun: None,
            range: None,
            negative: false,
        }
    }

    /// Usable as a day of the month.
    fn day(&self) -> Option<u8> {
        if self.unit.is_some() || self.noun.is_some() || self.fraction || self.currency.is_some() {
            return None;
        }
        let v = self.value;
        let ok = (1.0..=31.0).contains(&v) && v.fract() == 0.0;
        let digits_ok = self.spelled || self.plain_digits.is_some_and(|d| d <= 2);
        (ok && digits_ok && (!self.spelled || self.ordinal)).then_some(v as u8)
    }
}

struct Cx<'a> {
    text: &'a str,
    t: &'a [Token],
}

impl<'a> Cx<'a> {
    fn norm(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.norm.as_str())
    }

    fn raw(&self, i: usize) -> &'a str {
        self.t
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    fn start(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.start)
    }

    fn end(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.end)
    }

    /// Token `i` exists and follows token `i - 1` on the same line.
    /// Whether a figure ends at most two linked words before token `i`: a
    /// number or a scale word ("$5 billion a year", "3,000 visitors a day"),
    /// so "a year" after it is a rate, not a duration.
    fn figure_just_before(&self, i: usize) -> bool {
        (1..=3)
            .take_while(|&k| k <= i && self.linked(i + 1 - k))
            .any(|k| {
                let j = i - k;
                self.kind(j) == Some(TokenKind::Number)
                    || (self.is_word(j) && words::scale(self.norm(j)).is_some())
            })
    }

    fn linked(&self, i: usize) -> bool {
        if i == 0 || i >= self.t.len() {
            return false;
        }
        let gap = self
            .text
            .get(self.end(i - 1)..self.start(i))
            .unwrap_or("\n");
        !gap.contains('\n') && !gap.contains('\r')
    }

    /// Token `i` starts exactly where token `i - 1` ends.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.end(i - 1) == self.start(i)
    }

    /// Token `i` starts a sentence or line (so its capital says nothing).
    fn sentence_initial(&self, i: usize) -> bool {
        let mut k = i;
        // Skip opening quotes and brackets.
        while k > 0 && self.linked(k) && matches!(self.kind(k - 1), Some(TokenKind::Quote))
            || k > 0 && self.linked(k) && matches!(self.raw(k - 1), "(" | "[")
        {
            k -= 1;
        }
        k == 0 || !self.linked(k) || matches!(self.raw(k - 1), "." | "!" | "?" | ":" | ";" | "…")
    }

    fn cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The word before token `i` on the same line, lowercase ("" if none).
    fn prev_word(&self, i: usize) -> &'a str {
        if i > 0 && self.linked(i) && self.is_word(i - 1) {
            self.norm(i - 1)
        } else {
            ""
        }
    }

    /// Token `i` is a lowercase content word (a noun a number may count).
    fn content_word(&self, i: usize) -> bool {
        self.linked(i)
            && self.is_word(i)
            && !self.cap(i)
            && !words::function_word(self.norm(i))
            && self.raw(i).chars().all(|c| c.is_alphabetic() || c == '-')
    }

    /// A four-digit year 1000–2100 written with digits only at token `i`.
    fn year_at(&self, i: usize) -> Option<i32> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        let raw = self.raw(i);
        if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = raw.parse().ok()?;
        (1000..=2100).contains(&y).then_some(y)
    }

    /// A month name at token `i` usable in a date; returns the month and the
    /// token after it (past an abbreviation's period).
    fn month_at(&self, i: usize) -> Option<(u8, bool, usize)> {
        if !self.is_word(i) || !self.cap(i) {
            return None;
        }
        let (m, ambiguous) = words::month(self.norm(i))?;
        let mut j = i + 1;
        let abbreviation = !matches!(self.norm(i), "may" | "june" | "july");
        if ambiguous
            && abbreviation
            && self.norm(i).len() <= 4
            && self.raw(j) == "."
            && self.glued(j)
        {
            j += 1;
        }
        Some((m, ambiguous, j))
    }

    /// Entry point: tries every recogniser at token `i`; returns the index of
    /// the first token after what was consumed (or `i` if nothing).
    fn at(&self, i: usize, out: &mut Vec<NumberMention>) -> usize {
        let Some(tok) = self.t.get(i) else {
            return i;
        };
        match tok.kind {
            TokenKind::Word => {
                if let Some(n) = self.roman_name(i, out) {
                    return n;
                }
                if let Some(n) = self.phrase(i, out) {
                    return n;
                }
                if let Some(n) = self.month_date(i, None, i, out) {
                    return n;
                }
                if self.cap(i) {
                    if let Some(w) = words::weekday(self.norm(i)) {
                        out.push(mention(
                            tok.start,
                            tok.end,
                            MentionKind::Weekday,
                            Value::Weekday(w),
                        ));
                        return i + 1;
                    }
                }
                if let Some(n) = self.the_day(i, out) {
                    return n;
                }
                if let Some(core) = self.word_core(i) {
                    return self.finish(core, out);
                }
                i
            }
            TokenKind::Number => {
                if let Some(n) = self.time(i, out) {
                    return n;
                }
                // "24/7", "3:1", "5/8/2025": ratios, scores and numeric
                // dates whose reading is ambiguous are left alone.
                let mut k = i;
                while matches!(self.raw(k + 1), "/" | ":")
                    && self.glued(k + 1)
                    && self.glued(k + 2)
                    && self.kind(k + 2) == Some(TokenKind::Number)
                {
                    k += 2;
                }
                if k > i {
                    return k + 1;
                }
                match self.digit_core(i, out) {
                    Ok(Some(core)) => self.finish(core, out),
                    Ok(None) => i,
                    Err(n) => n,
                }
            }
            _ => i,
        }
    }

    /// "World War II", "Pope Leo XIV", "Henry VIII", "Super Bowl LVIII".
    /// A Roman numeral anywhere else (and the pronoun "I") is not a number.
    fn roman_name(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let raw = self.raw(i);
        if !raw.bytes().all(|b| b.is_ascii_uppercase()) || i == 0 || !self.linked(i) {
            return None;
        }
        let v = words::roman(raw)?;
        let p = self.norm(i - 1);
        let pp = if i >= 2 && self.linked(i - 1) {
            self.norm(i - 2)
        } else {
            ""
        };
        let (start_tok, name) = if (p == "war" && pp == "world") || (p == "bowl" && pp == "super") {
            (i - 2, format!("{pp} {p}"))
        } else if self.cap(i - 1) && words::regnal_name(p) {
            let titled = words::regnal_title(pp) && self.cap(i - 2);
            if raw == "I" && !titled {
                return None;
            }
            if titled {
                (i - 2, format!("{pp} {p}"))
            } else {
                (i - 1, p.to_string())
            }
        } else {
            return None;
        };
        let mut m = mention(
            self.start(start_tok),
            self.end(i),
            MentionKind::Name,
            Value::Number(v as f64),
        );
        m.noun = Some(name);
        out.push(m);
        Some(i + 1)
    }

    /// Relative dates and parts of a period: "the day before", "next spring",
    /// "this year", "yesterday", "mid-2026", "the middle of 2026",
    /// "early 2025", "spring 2026".
    fn phrase(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let w = self.norm(i);
        let start = self.start(i);
        let rel = |end_tok: usize, out: &mut Vec<NumberMention>| {
            out.push(mention(
                start,
                self.end(end_tok),
                MentionKind::Relative,
                Value::None,
            ));
            Some(end_tok + 1)
        };
        match w {
            "yesterday" | "today" | "tomorrow" | "tonight" => return rel(i, out),
            "last" | "next" | "this" | "coming" | "past" | "previous" => {
                let n = self.norm(i + 1);
                if self.linked(i + 1)
                    && (matches!(
                        n,
                        "week" | "weekend" | "month" | "year" | "decade" | "century"
                    ) || words::season(n).is_some())
                {
                    return rel(i + 1, out);
                }
            }
            "the" if self.linked(i + 1) => {
                let n = self.norm(i + 1);
                let n2 = self.norm(i + 2);
                // "the day before", "the next day", "the following week"
                if n == "day" && self.linked(i + 2) && matches!(n2, "before" | "after") {
                    return rel(i + 2, out);
                }
                if matches!(n, "next" | "following" | "previous")
                    && self.linked(i + 2)
                    && matches!(
                        n2,
                        "day" | "week" | "month" | "year" | "morning" | "evening"
                    )
                {
                    return rel(i + 2, out);
                }
                // "the middle of 2026", "the end of May"
                let part = match n {
                    "middle" => Some(Part::Mid),
                    "end" => Some(Part::Late),
                    "beginning" | "start" => Some(Part::Early),
                    _ => words::season(n).map(season_part),
                };
                if let Some(part) = part {
                    if n2 == "of" && self.linked(i + 2) && self.linked(i + 3) {
                        return self.period_after(i + 3, start, part, out);
                    }
                }
                // "the 1990s"
                return None;
            }
            "early" | "mid" | "late" => {
                let part = match w {
                    "early" => Part::Early,
                    "mid" => Part::Mid,
                    _ => Part::Late,
                };
                if self.linked(i + 1) {
                    return self.period_after(i + 1, start, part, out);
                }
            }
            _ => {}
        }
        // "mid-2026", "mid-May", "early-2025"
        if let Some((head, tail)) = w.split_once('-') {
            let part = match head {
                "mid" => Some(Part::Mid),
                "early" | "start" | "beginning" => Some(Part::Early),
                "late" | "end" => Some(Part::Late),
                _ => None,
            }?;
            let mut d = DateValue {
                part: Some(part),
                ..DateValue::default()
            };
            if tail.len() == 4 && tail.bytes().all(|b| b.is_ascii_digit()) {
                d.year = tail.parse().ok().filter(|y| (1000..=2100).contains(y));
                d.year?;
            } else {
                d.month = Some(
                    words::month(tail)
                        .filter(|(_, amb)| !amb || tail.len() > 3)?
                        .0,
                );
            }
            // "mid-May 2025"
            let mut end = self.end(i);
            let mut next = i + 1;
            if d.month.is_some() && self.linked(i + 1) {
                if let Some(y) = self.year_at(i + 1) {
                    d.year = Some(y);
                    end = self.end(i + 1);
                    next = i + 2;
                }
            }
            out.push(mention(start, end, MentionKind::Date, Value::Date(d)));
            return Some(next);
        }
        // "spring 2026", "spring of 2026"
        if let Some(s) = words::season(w) {
            let j = if self.norm(i + 1) == "of" && self.linked(i + 1) {
                i + 2
            } else {
                i + 1
            };
            if self.linked(j) {
                if let Some(next) = self.year_part(j, start, season_part(s), out) {
                    return Some(next);
                }
            }
        }
        None
    }

    /// A year at token `j` qualified by `part` ("mid-2026", "spring 2025"),
    /// as one date mention starting at byte `start`.
    fn year_part(
        &self,
        j: usize,
        start: usize,
        part: Part,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let y = self.year_at(j)?;
        let d = DateValue {
            year: Some(y),
            part: Some(part),
            ..DateValue::default()
        };
        out.push(mention(
            start,
            self.end(j),
            MentionKind::Date,
            Value::Date(d),
        ));
        Some(j + 1)
    }

    /// A year or a month (with optional year) at token `j`, qualified by
    /// `part` and starting at byte `start`.
    fn period_after(
        &self,
        j: usize,
        start: usize,
        part: Part,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        if let Some(next) = self.year_part(j, start, part, out) {
            return Some(next);
        }
        let before = out.len();
        let n = self.month_date(j, Some(part), j, out)?;
        if let Some(m) = out.get_mut(before) {
            m.start = start;
        }
        Some(n)
    }

    /// Month-first dates: "Nov. 8", "November 8, 2025", "May 2025",
    /// "September", "May first". `day_tok`, when a day was read before the
    /// month ("8 November"), is the token that starts the mention.
    fn month_date(
        &self,
        i: usize,
        part: Option<Part>,
        start_tok: usize,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let (month, ambiguous, mut j) = self.month_at(i)?;
        let mut d = DateValue {
            month: Some(month),
            part,
            ..DateValue::default()
        };
        let mut end = self.end(j - 1);
        if self.linked(j) {
            if let Some(y) = self.year_at(j) {
                d.year = Some(y);
                end = self.end(j);
                j += 1;
            } else if self.norm(j) == "of" && self.linked(j + 1) && self.year_at(j + 1).is_some() {
                d.year = self.year_at(j + 1);
                end = self.end(j + 1);
                j += 2;
            } else if let Some((day, k)) = self.day_at(j) {
                d.day = Some(day);
                end = self.end(k - 1);
                j = k;
                let comma = usize::from(self.raw(j) == ",");
                if self.linked(j + comma) {
                    if let Some(y) = self.year_at(j + comma) {
                        d.year = Some(y);
                        end = self.end(j + comma);
                        j += comma + 1;
                    }
                }
            }
        }
        if d.day.is_none() && d.year.is_none() && part.is_none() {
            // A month name alone: "May" and "March" must follow a preposition;
            // bare abbreviations ("Dec") need a number.
            let full = self.norm(i).len() > 4 || matches!(self.norm(i), "may" | "june" | "july");
            if !full {
                return None;
            }
            // "In March, …" but not "May I" or "Theresa May".
            if ambiguous && !words::month_preposition(self.prev_word(i)) {
                return None;
            }
        }
        out.push(mention(
            self.start(start_tok),
            end,
            MentionKind::Date,
            Value::Date(d),
        ));
        Some(j)
    }

    /// A day of the month at token `j` ("8", "8th", "first", "twenty-first"):
    /// the day and the token after it.
    fn day_at(&self, j: usize) -> Option<(u8, usize)> {
        match self.kind(j)? {
            TokenKind::Number => {
                let raw = self.raw(j);
                let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
                let rest = raw.get(digits..)?.to_ascii_lowercase();
                if !(1..=2).contains(&digits)
                    || !matches!(rest.as_str(), "" | "st" | "nd" | "rd" | "th")
                {
                    return None;
                }
                let d: u8 = raw.get(..digits)?.parse().ok()?;
                // "May 8 people" is not a date; a following unit word is.
                if self.linked(j + 1)
                    && self.is_word(j + 1)
                    && words::unit(self.norm(j + 1)).is_some()
                {
                    return None;
                }
                (1..=31).contains(&d).then_some((d, j + 1))
            }
            TokenKind::Word => {
                let (v, ord) = compound_word(self.norm(j))?;
                (ord && (1..=31).contains(&v)).then_some((v as u8, j + 1))
            }
            _ => None,
        }
    }

    /// "the 8th", "on the ninth": a day of the month without a month.
    fn the_day(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        if self.norm(i) != "the" || !self.linked(i + 1) {
            return None;
        }
        let (day, k) = self.day_at(i + 1)?;
        let ordinal_digits = self.kind(i + 1) == Some(TokenKind::Number)
            && self.raw(i + 1).bytes().any(|b| b.is_ascii_alphabetic());
        let spelled = self.is_word(i + 1);
        if !ordinal_digits && !spelled {
            return None;
        }
        // "the 8th of November" / "the 8th November"
        let of = usize::from(self.norm(k) == "of" && self.linked(k));
        if self.linked(k + of) && self.month_at(k + of).is_some() {
            let before = out.len();
            let n = self.month_date(k + of, None, i + 1, out)?;
            if let Some(Value::Date(d)) = out.get_mut(before).map(|m| &mut m.value) {
                d.day = Some(day);
            }
            return Some(n);
        }
        // A noun after it makes it an ordinal ("the 11th nation"); so does a
        // capitalised word ("the 21st Party Congress") unless "on" precedes.
        let on = matches!(
            self.prev_word(i),
            "on" | "since" | "until" | "by" | "from" | "till"
        );
        let next_is_noun =
            self.linked(k) && self.is_word(k) && (self.content_word(k) || self.cap(k));
        if next_is_noun || (spelled && !on) {
            return None;
        }
        let d = DateValue {
            day: Some(day),
            ..DateValue::default()
        };
        let mut m = mention(
            self.start(i + 1),
            self.end(k - 1),
            MentionKind::Date,
            Value::Date(d),
        );
        m.spelled = spelled;
        out.push(m);
        Some(k)
    }

    /// Clock times: "9:30", "9:30 a.m.", "5pm", "5 p.m.".
    fn time(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let raw = self.raw(i);
        let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) {
            return None;
        }
        let hour: u32 = raw.get(..digits)?.parse().ok()?;
        let rest = raw.get(digits..)?.to_ascii_lowercase();
        let mut minutes = 0;
        let mut j = i + 1;
        let mut meridiem = None;
        match rest.as_str() {
            "" => {}
            "am" => meridiem = Some(false),
            "pm" => meridiem = Some(true),
            _ => return None,
        }
        // "9:30", and "9: 30" with one space after the colon.
        let spaced_minutes = || {
            let gap = self.text.get(self.end(j)..self.start(j + 1)).unwrap_or("");
            gap == " " && self.kind(j + 1) == Some(TokenKind::Number)
        };
        if meridiem.is_none()
            && self.raw(j) == ":"
            && self.glued(j)
            && (self.glued(j + 1) || spaced_minutes())
        {
            let m = self.raw(j + 1);
            let md = m.bytes().take_while(u8::is_ascii_digit).count();
            if md != 2 {
                return None;
            }
            minutes = m.get(..2)?.parse().ok()?;
            match m.get(2..)?.to_ascii_lowercase().as_str() {
                "" => {}
                "am" => meridiem = Some(false),
                "pm" => meridiem = Some(true),
                _ => return None,
            }
            j += 2;
        } else if meridiem.is_none()
            && !(self.linked(j) && matches!(self.norm(j), "a.m." | "p.m." | "am" | "pm"))
        {
            return None;
        }
        if meridiem.is_none() && self.linked(j) {
            match self.norm(j) {
                "a.m." | "am" => {
                    meridiem = Some(false);
                    j += 1;
                }
                "p.m." | "pm" => {
                    meridiem = Some(true);
                    j += 1;
                }
                _ => {}
            }
        }
        if hour > 24 || minutes > 59 || (meridiem.is_some() && !(1..=12).contains(&hour)) {
            return None;
        }
        let h = match meridiem {
            Some(true) if hour < 12 => hour + 12,
            Some(false) if hour == 12 => 0,
            _ => hour,
        };
        out.push(mention(
            self.start(i),
            self.end(j - 1),
            MentionKind::Time,
            Value::Number(f64::from(h * 60 + minutes)),
        ));
        Some(j)
    }

    /// A number written with digits at token `i`. `Err(next)` when the token
    /// was consumed by something else (a day-first date, an ISO date).
    fn digit_core(&self, i: usize, out: &mut Vec<NumberMention>) -> Result<Option<Core>, usize> {
        let raw = self.raw(i);
        let Some(p) = parse_digits(raw) else {
            return Ok(None);
        };
        let start = self.start(i);
        let num_end = start + p.len;
        let mut core = Core::new(i, i + 1, start, self.end(i), p.value);
        let sign = self.sign_before(i);
        let mut p = p;
        // "1 450", "12 000 000": groups of three digits split by one space.
        if p.plain && p.len == raw.len() && p.int_digits <= 3 {
            let mut k = i + 1;
            while self.kind(k) == Some(TokenKind::Number)
                && self.raw(k).len() == 3
                && self.raw(k).bytes().all(|b| b.is_ascii_digit())
            {
                let gap = self.text.get(self.end(k - 1)..self.start(k)).unwrap_or("");
                if gap.chars().count() != 1 || gap.contains(['\n', '\r', '\t']) {
                    break;
                }
                p.value = p.value * 1000.0 + self.raw(k).parse::<f64>().unwrap_or(0.0);
                k += 1;
            }
            if k > i + 1 {
                core = Core::new(i, k, start, self.end(k - 1), p.value);
                core.currency = p.currency;
                if let Some(s) = sign {
                    core.negative = true;
                    core.start = s;
                }
                return Err(self.finish(core, out));
            }
        }
        core.step = 10f64.powi(-(p.decimals as i32));
        core.currency = p.currency;
        if let Some(s) = sign {
            core.negative = true;
            core.start = s;
        }
        if p.plain {
            core.plain_digits = Some(p.int_digits);
        }
        // "US$4", "HK$5": letters glued before the dollar sign.
        if p.currency == Some("USD") && self.glued(i) && self.is_word(i - 1) {
            if let Some(c) = words::dollar_prefix(self.norm(i - 1)) {
                core.currency = Some(c);
                core.start = self.start(i - 1);
            }
        }
        // "Siberia 2", "Article 5", "Airbus 380": a number labelling a name.
        if p.plain && p.len == raw.len() && p.currency.is_none() && i > 0 && self.linked(i) {
            let prev = self.norm(i - 1);
            let label = self.is_word(i - 1)
                && self.cap(i - 1)
                && !self.sentence_initial(i - 1)
                && !words::approximator(prev)
                && prev.len() > 1
                && words::month(prev).is_none()
                && words::weekday(prev).is_none()
                && words::currency_code_before(prev).is_none()
                && words::unit(prev).is_none()
                && !words::function_word(prev)
                && p.int_digits <= 3
                && sign.is_none()
                && !self.quantity_follows(i + 1);
            if label {
                let mut m = mention(
                    self.start(i - 1),
                    self.end(i),
                    MentionKind::Name,
                    Value::Number(p.value),
                );
                m.noun = Some(prev.to_string());
                out.push(m);
                return Err(i + 1);
            }
        }
        let rest = raw.get(p.len..).unwrap_or("").to_ascii_lowercase();
        let rest = rest.trim_start_matches('\'');
        match rest {
            "" => {}
            "st" | "nd" | "rd" | "th" => core.ordinal = true,
            "s" => {
                let v = p.value as i64;
                let decade = p.plain
                    && v % 10 == 0
                    && ((p.int_digits == 4 && (1000..=2100).contains(&v)) || p.int_digits == 2);
                if decade {
                    let m = mention(
                        start,
                        self.end(i),
                        MentionKind::Decade,
                        Value::Number(p.value),
                    );
                    out.push(m);
                    return Err(i + 1);
                }
                // "747s": a plural label, not a count.
                return Err(i + 1);
            }
            _ if rest.starts_with('-') => {
                let after = &rest[1..];
                let second_len = after.bytes().take_while(u8::is_ascii_digit).count();
                if second_len > 0 {
                    // ISO date "2025-05-08"
                    if let Some(d) = iso_date(p.value, p.int_digits, after) {
                        out.push(mention(
                            start,
                            self.end(i),
                            MentionKind::Date,
                            Value::Date(d),
                        ));
                        return Err(i + 1);
                    }
                    if second_len == after.len() {
                        let v2: f64 = after.parse().map_err(|_| i + 1)?;
                        core.end = num_end;
                        core.range = Some((v2, num_end + 1, self.end(i)));
                    } else {
                        return Err(i + 1);
                    }
                } else if let Some(unit) = words::unit(after) {
                    core.unit = Some(unit);
                } else if !after.is_empty() {
                    core.noun = Some(singular(after.split('-').next().unwrap_or(after)));
                }
            }
            "am" | "pm" => return Err(i + 1),
            _ => {
                if let Some(s) = words::scale(rest) {
                    let money = core.currency.is_some();
                    let metres = rest == "m" && !money && !self.content_word(i + 1);
                    if metres {
                        core.unit = words::unit("m");
                    } else if rest != "b" || money {
                        core.value *= s;
                        core.step *= s;
                        core.scale = s;
                    }
                } else if let Some(unit) =
                    words::unit(rest).filter(|u| u.dim != Dim::Count && rest != "g" && rest != "s")
                {
                    core.unit = Some(unit);
                } else {
                    // "747s", "5G", "3D": a number in a label.
                    return Err(i + 1);
                }
            }
        }
        // Day-first dates: "8 November 2025", "8th of November".
        if let Some(day) = core.day().filter(|_| core.range.is_none()) {
            let of = usize::from(self.norm(i + 1) == "of" && self.linked(i + 1));
            if self.linked(i + 1 + of) && self.month_at(i + 1 + of).is_some() {
                let before = out.len();
                if let Some(n) = self.month_date(i + 1 + of, None, i, out) {
                    if let Some(m) = out.get_mut(before) {
                        if let Value::Date(d) = &mut m.value {
                            if d.day.is_none() {
                                d.day = Some(day);
                                return Err(n);
                            }
                        }
                    }
                    out.truncate(before);
                }
            }
        }
        Ok(Some(core))
    }

    /// A number written in words at token `i`: "four", "twenty-one",
    /// "two million", "a dozen", "half", "a fifth", "two-thirds", "third",
    /// "four-day".
    fn word_core(&self, i: usize) -> Option<Core> {
        let w = self.norm(i);
        let start = self.start(i);
        // "a"/"an" alone is never a number: only before a scale, "dozen" or a fraction.
        if w == "a" || w == "an" {
            if !self.linked(i + 1) {
                return None;
            }
            let n = self.norm(i + 1);
            // "an hour", "a day", "a year": one of a time unit; not a rate
            // ("twice a day", "10 hours a day", "$5 a day").
            let rate = self.linked(i)
                && (self.kind(i - 1) == Some(TokenKind::Number)
                    || (self.is_word(i - 1)
                        && (matches!(
                            self.norm(i - 1),
                            "once"
                                | "twice"
                                | "thrice"
                                | "times"
                                | "per"
                                | "every"
                                | "each"
                                | "half"
                        ) || words::unit(self.norm(i - 1)).is_some()
                            || words::currency_word(self.norm(i - 1)).is_some()
                            || self.figure_just_before(i))));
            if !rate
                && matches!(
                    n,
                    "hour" | "day" | "week" | "month" | "year" | "decade" | "century" | "minute"
                )
            {
                let mut c = Core::new(i, i + 1, start, self.end(i), 1.0);
                c.spelled = true;
                return Some(c);
            }
            if n == "dozen" {
                let mut c = Core::new(i, i + 2, start, self.end(i + 1), 12.0);
                c.spelled = true;
                return Some(c);
            }
            if matches!(
                n,
                "hundred" | "thousand" | "million" | "billion" | "trillion"
            ) {
                let mut c = self.word_number(i + 1, 1.0)?;
                c.tok = i;
                c.start = start;
                return Some(c);
            }
            if n != "second" && n != "first" {
                if let Some(d) = words::fraction(n) {
                    let after = self.norm(i + 2);
                    let frac =
                        !self.linked(i + 2) || !self.is_word(i + 2) || after == "of" || n == "half";
                    if frac {
                        let mut c = Core::new(i, i + 2, start, self.end(i + 1), 1.0 / d as f64);
                        c.spelled = true;
                        c.fraction = true;
                        c.step = 0.0;
                        return Some(c);
                    }
                }
            }
            return None;
        }
        if w == "half" {
            // "half a million" = 500,000; "half" = 0.5
            if self.norm(i + 1) == "a" && self.linked(i + 1) && self.linked(i + 2) {
                if let Some(s) = words::scale(self.norm(i + 2)).filter(|&s| s >= 1e3) {
                    if self.norm(i + 2).len() > 2 {
                        let mut c = Core::new(i, i + 3, start, self.end(i + 2), 0.5 * s);
                        c.spelled = true;
                        c.step = s / 10.0;
                        c.scale = s;
                        return Some(c);
                    }
                }
            }
            let mut c = Core::new(i, i + 1, start, self.end(i), 0.5);
            c.spelled = true;
            c.fraction = true;
            c.step = 0.0;
            return Some(c);
        }
        // "one" as a pronoun: "one of the", "no one", "the one who".
        if w == "one" && !self.one_is_number(i) {
            return None;
        }
        // "First, …", "Second, …": discourse markers, not ranks.
        if words::ordinal(w).is_some() && self.raw(i + 1) == "," && self.sentence_initial(i) {
            return None;
        }
        // "second" as a unit of time ("a second", "for a second.")
        if w == "second" && !self.second_is_ordinal(i) {
            return None;
        }
        self.word_number(i, 0.0)
    }

    fn one_is_number(&self, i: usize) -> bool {
        let n = self.norm(i + 1);
        // "one or two years", "one to three days"
        if self.linked(i + 1)
            && matches!(n, "or" | "to")
            && self.linked(i + 2)
            && words::cardinal(self.norm(i + 2)).is_some()
        {
            return true;
        }
        if self.linked(i + 1)
            && matches!(
                n,
                "hundred"
                    | "thousand"
                    | "million"
                    | "billion"
                    | "trillion"
                    | "and"
                    | "third"
                    | "quarter"
                    | "fifth"
                    | "half"
            )
        {
            return true;
        }
        let p = self.prev_word(i);
        if matches!(
            p,
            "no" | "the"
                | "this"
                | "that"
                | "every"
                | "each"
                | "any"
                | "some"
                | "which"
                | "only"
                | "little"
                | "loved"
                | "someone"
                | "anyone"
                | "such"
                | "other"
                | "another"
                | "big"
                | "new"
                | "old"
                | "right"
                | "wrong"
        ) {
            return false;
        }
        self.content_word(i + 1)
            && !matches!(
                n,
                "another" | "day" | "way" | "thing" | "side" | "hand" | "time" | "point"
            )
    }

    fn second_is_ordinal(&self, i: usize) -> bool {
        let n = self.norm(i + 1);
        if !self.linked(i + 1) || !self.is_word(i + 1) {
            return self.prev_word(i) == "the";
        }
        !matches!(
            n,
            "ago" | "later" | "earlier" | "or" | "and" | "of" | "before" | "after"
        )
    }

    /// Reads consecutive number words from token `i` (`seed` = 1 after "a").
    fn word_number(&self, i: usize, seed: f64) -> Option<Core> {
        let mut total = 0.0f64;
        let mut current = seed;
        let mut any = seed > 0.0;
        let mut ordinal = false;
        let mut fraction = false;
        let mut step = 1.0f64;
        let mut scale = 1.0f64;
        let mut j = i;
        let mut end = self.start(i);
        let mut suffix: Option<&str> = None;
        while j < self.t.len() && (j == i || self.linked(j)) && self.is_word(j) {
            let w = self.norm(j);
            // Hyphenated: "twenty-one", "twenty-first", "four-day", "two-thirds".
            if w.contains('-') {
                // "one hundred and twenty-five"
                let compound_fits =
                    (current == 0.0 && total > 0.0) || (current > 0.0 && current % 100.0 == 0.0);
                if any && !compound_fits {
                    break;
                }
                if any {
                    match compound_word(w) {
                        Some((v, ord)) if v < 100 => {
                            current += v as f64;
                            ordinal = ord;
                            end = self.end(j);
                            j += 1;
                            if !ord {
                                continue;
                            }
                        }
                        _ => {}
                    }
                    break;
                }
                let Some((v, ord, used)) = hyphen_number(w) else {
                    break;
                };
                let rest = w
                    .get(used..)
                    .map(|r| r.trim_start_matches('-'))
                    .unwrap_or("");
                if let Some(d) = (rest.is_empty() || !rest.contains('-'))
                    .then(|| words::fraction(rest))
                    .flatten()
                    .filter(|_| {
                        !ord && (rest.ends_with('s')
                            || (v == 1 && rest != "second" && rest != "first"))
                    })
                {
                    current = v as f64 / d as f64;
                    fraction = true;
                    step = 0.0;
                    any = true;
                    end = self.end(j);
                    j += 1;
                    break;
                }
                if !rest.is_empty() {
                    // "one-sided", "first-hand": idioms, not numbers.
                    if (v == 1 || (ord && v == 2)) && words::unit(rest).is_none() {
                        return None;
                    }
                    if matches!(rest, "fold" | "way" | "time" | "times") && !ord {
                        return None;
                    }
                    suffix = Some(rest);
                }
                current = v as f64;
                ordinal = ord;
                any = true;
                end = self.end(j);
                j += 1;
                if suffix.is_some() || ord {
                    break;
                }
                // "twenty-one thousand": a plain compound may take a scale.
                continue;
            }
            if let Some(v) = words::cardinal(w) {
                let v = v as f64;
                let c100 = current % 100.0;
                let fits = !any
                    || (current == 0.0 && total > 0.0)
                    || (c100 == 0.0 && current > 0.0 && v < 100.0)
                    || (v < 10.0 && c100 >= 20.0 && c100 % 10.0 == 0.0);
                if !fits {
                    break;
                }
                current += v;
                any = true;
            } else if w == "hundred" && any && current < 100.0 {
                current = current.max(1.0) * 100.0;
                step = step.max(1.0);
            } else if let Some(s) = words::scale(w)
                .filter(|_| matches!(w, "thousand" | "million" | "billion" | "trillion"))
            {
                if !any || (scale > 1.0 && s >= scale) {
                    break;
                }
                total += current.max(1.0) * s;
                current = 0.0;
                scale = s;
                step = s;
            } else if w == "dozen" && any {
                current *= 12.0;
            } else if w == "and" && any && (current >= 100.0 || total > 0.0) {
                let n = self.norm(j + 1);
                if !(self.linked(j + 1) && compound_word(n).is_some()) {
                    // "one and a half"
                    if self.norm(j + 1) == "a" && self.norm(j + 2) == "half" {
                        current += 0.5;
                        end = self.end(j + 2);
                        j += 3;
                        step = 0.5;
                        continue;
                    }
                    break;
                }
            } else if w == "and"
                && any
                && self.norm(j + 1) == "a"
                && self.norm(j + 2) == "half"
                && self.linked(j + 2)
            {
                current += 0.5;
                end = self.end(j + 2);
                j += 3;
                step = 0.5;
                continue;
            } else if let Some(v) = words::ordinal(w) {
                let v = v as f64;
                let c100 = current % 100.0;
                // "one third" / "two thirds" are fractions, handled below.
                if any && v < 10.0 && c100 >= 20.0 && c100 % 10.0 == 0.0
                    || any
                        && (c100 == 0.0 && current > 0.0 || current == 0.0 && total > 0.0)
                        && v < 100.0
                {
                    current += v;
                } else if any && v >= 100.0 {
                    current = current.max(1.0) * v;
                } else if !any {
                    current = v;
                } else if let Some(d) =
                    words::fraction(w).filter(|_| (1.0..10.0).contains(&current) && total == 0.0)
                {
                    current /= d as f64;
                    fraction = true;
                    step = 0.0;
                    end = self.end(j);
                    j += 1;
                    break;
                } else {
                    break;
                }
                ordinal = true;
                any = true;
                end = self.end(j);
                j += 1;
                break;
            } else if let Some(d) = words::fraction(w)
                .filter(|_| any && w.ends_with('s') && total == 0.0 && current < 10.0)
            {
                current /= d as f64;
                fraction = true;
                step = 0.0;
                end = self.end(j);
                j += 1;
                break;
            } else {
                break;
            }
            end = self.end(j);
            j += 1;
        }
        if !any {
            return None;
        }
        let mut c = Core::new(i, j, self.start(i), end, total + current);
        c.spelled = true;
        c.ordinal = ordinal;
        c.fraction = fraction;
        c.step = if fraction { 0.0 } else { step };
        c.scale = scale;
        if let Some(rest) = suffix {
            // "five-year-plan": the unit is the first word after the number.
            let head = rest.split('-').next().unwrap_or(rest);
            if let Some(u) = words::unit(rest).or_else(|| words::unit(head)) {
                c.unit = Some(u);
            } else {
                c.noun = Some(singular(rest.split('-').next().unwrap_or(rest)));
            }
        }
        Some(c)
    }

    /// Classifies a core by what follows it (scale, %, currency, unit, noun,
    /// "ago") and pushes the mention(s). Returns the next token index.
    fn finish(&self, core: Core, out: &mut Vec<NumberMention>) -> usize {
        let mut j = core.next;
        let mut start = core.start;
        let mut end = core.end;
        let mut value = core.value;
        let mut step = core.step;
        let mut scale = core.scale;
        let mut kind = if core.ordinal {
            MentionKind::Ordinal
        } else {
            MentionKind::Cardinal
        };
        let mut unit = core.unit;
        let mut noun = core.noun.clone();
        let mut currency = core.currency;
        if !core.ordinal && !core.fraction && unit.is_none() {
            // Scale word: "4.2 billion", "12 million", "$5 bn".
            if self.linked(j) && self.is_word(j) && core.scale == 1.0 {
                let w = self.norm(j);
                let ok = matches!(
                    w,
                    "thousand"
                        | "million"
                        | "billion"
                        | "trillion"
                        | "bn"
                        | "mn"
                        | "mln"
                        | "tn"
                        | "trn"
                ) || (w == "hundred" && !core.spelled)
                    || (w == "m" && currency.is_some());
                if ok {
                    if let Some(s) = words::scale(w) {
                        value *= s;
                        step *= s;
                        scale = s;
                        end = self.end(j);
                        j += 1;
                    }
                }
            }
            // Currency code before: "USD 5 million", "Rs 500".
            if currency.is_none()
                && core.tok > 0
                && self.linked(core.tok)
                && self.is_word(core.tok - 1)
            {
                if let Some(c) = words::currency_code_before(self.norm(core.tok - 1)) {
                    currency = Some(c);
                    start = self.start(core.tok - 1);
                }
            }
            let w = if self.linked(j) { self.norm(j) } else { "" };
            let w1 = if self.linked(j + 1) {
                self.norm(j + 1)
            } else {
                ""
            };
            if self.raw(j) == "%" && self.linked(j) {
                kind = MentionKind::Percent;
                end = self.end(j);
                j += 1;
            } else if matches!(w, "percent" | "pct") || (w == "per" && w1 == "cent") {
                kind = MentionKind::Percent;
                let n = if w == "per" { 2 } else { 1 };
                end = self.end(j + n - 1);
                j += n;
            } else if w == "percentage" && matches!(w1, "point" | "points") {
                kind = MentionKind::Percent;
                unit = Some(Unit {
                    code: "pp",
                    dim: Dim::Points,
                });
                end = self.end(j + 1);
                j += 2;
            } else if let Some(c) = words::dollar_adjective(w)
                .filter(|_| matches!(w1, "dollar" | "dollars") || (w == "hong" && w1 == "kong"))
            {
                let n = if w == "hong" { 3 } else { 2 };
                if w != "hong" || matches!(self.norm(j + 2), "dollar" | "dollars") {
                    currency = Some(c);
                    end = self.end(j + n - 1);
                    j += n;
                }
            } else if let Some(c) = words::currency_word(w).filter(|_| {
                // "3 pounds of", "won" as a verb after a count: not money.
                let weight = matches!(w, "pound" | "pounds") && w1 == "of";
                let verb = w == "won"
                    && !self.cap(j - 1)
                    && currency.is_none()
                    && self.content_word(j + 1);
                !weight && !verb
            }) {
                currency = Some(c);
                end = self.end(j);
                j += 1;
            } else if let Some((u, n)) = self.degree_sign(j) {
                unit = Some(u);
                end = self.end(j + n - 1);
                j += n;
            } else if let Some((u, n)) = self.unit_words(j) {
                unit = Some(u);
                end = self.end(j + n - 1);
                j += n;
            }
        }
        // "aged 25", "aged 25-54"
        if kind == MentionKind::Cardinal && unit.is_none() && self.prev_word(core.tok) == "aged" {
            unit = Some(Unit {
                code: "years old",
                dim: Dim::Age,
            });
        }
        if let Some(c) = currency {
            if kind == MentionKind::Cardinal {
                kind = MentionKind::Money;
                unit = Some(Unit {
                    code: c,
                    dim: Dim::Currency,
                });
            }
        }
        if let Some(u) = unit {
            if kind == MentionKind::Cardinal {
                kind = match u.dim {
                    Dim::Time => MentionKind::Duration,
                    Dim::Count => MentionKind::Cardinal,
                    Dim::Currency => MentionKind::Money,
                    _ => MentionKind::Quantity,
                };
                if u.dim == Dim::Count {
                    noun = Some(u.code.to_string());
                }
            }
        }
        // "an hour and a half", "two years and a half"
        if kind == MentionKind::Duration
            && self.linked(j)
            && self.norm(j) == "and"
            && self.norm(j + 1) == "a"
            && self.norm(j + 2) == "half"
            && self.linked(j + 2)
        {
            value += 0.5;
            step = step.min(0.5);
            end = self.end(j + 2);
            j += 3;
        }
        // "three weeks ago", "two days later"
        if kind == MentionKind::Duration
            && core.unit.is_none()
            && self.linked(j)
            && matches!(self.norm(j), "ago" | "later" | "earlier")
        {
            kind = MentionKind::Relative;
            end = self.end(j);
            j += 1;
        }
        // The thing counted: "12,000 containers", "fourth term".
        if matches!(kind, MentionKind::Cardinal | MentionKind::Ordinal)
            && noun.is_none()
            && self.content_word(j)
        {
            let w = self.norm(j);
            if words::cardinal(w).is_none()
                && words::ordinal(w).is_none()
                && words::scale(w).is_none()
            {
                noun = Some(singular(w));
            }
        }
        if core.negative {
            value = -value;
        }
        // "2019-2020", "2024-25": a span of years.
        if let Some((v2, s2, e2)) = core.range.filter(|_| !core.negative) {
            let y1 = value as i64;
            let y2 = v2 as i64;
            let digits2 = e2.saturating_sub(s2);
            let y2 = if digits2 == 2 { y1 - y1 % 100 + y2 } else { y2 };
            let is_year = |y: i64| (1000..=2100).contains(&y);
            if core.plain_digits == Some(4)
                && (digits2 == 4 || digits2 == 2)
                && is_year(y1)
                && is_year(y2)
                && y2 > y1
                && kind == MentionKind::Cardinal
                && unit.is_none()
            {
                for (y, s, e) in [(y1, start, core.end), (y2, s2, e2)] {
                    let d = DateValue {
                        year: Some(y as i32),
                        ..DateValue::default()
                    };
                    out.push(mention(s, e, MentionKind::Year, Value::Date(d)));
                }
                return j;
            }
        }
        // A bare four-digit integer is a year unless it plainly counts something.
        if kind == MentionKind::Cardinal && core.plain_digits == Some(4) && scale == 1.0 {
            let v = value as i64;
            let counts = unit.is_some()
                || (noun.is_some()
                    && self.raw(j).ends_with('s')
                    && !is_year_preposition(self.prev_word(core.tok)))
                || words::approximator(self.prev_word(core.tok));
            // Before 1800 only with a word that introduces a year ("in 1453").
            let old_year_ok =
                is_year_preposition(self.prev_word(core.tok)) && self.prev_word(core.tok) != "the";
            let in_range = (1800..=2100).contains(&v) || ((1000..1800).contains(&v) && old_year_ok);
            if in_range && !counts && core.range.is_none() && !core.negative {
                out.push(mention(
                    start,
                    end,
                    MentionKind::Year,
                    Value::Date(DateValue {
                        year: Some(v as i32),
                        ..DateValue::default()
                    }),
                ));
                return j;
            }
        }
        let mut m = mention(start, end, kind, Value::Number(value));
        m.unit = unit;
        m.noun = noun;
        m.spelled = core.spelled;
        m.step = step;
        m.scale = scale;
        if let Some((v2, s2, e2)) = core.range {
            // "3-5 years": the glued second half shares the first's unit.
            let mut second = m.clone();
            m.end = core.end;
            second.start = s2;
            second.end = e2.max(end);
            second.value = Value::Number(v2 * scale);
            out.push(m);
            out.push(second);
            return j;
        }
        out.push(m);
        j
    }

    /// A minus sign glued before the number at token `i` ("-40", "−5%", not
    /// the hyphen of "3-5" or "COVID-19"), or the word "minus": the byte
    /// where the signed number starts.
    fn sign_before(&self, i: usize) -> Option<usize> {
        if i == 0 || !self.linked(i) {
            return None;
        }
        let s = i - 1;
        if matches!(self.raw(s), "-" | "\u{2212}") && self.glued(i) {
            // The sign must not be glued to a word or number before it.
            // Nor follow a number ("2022 -01-17").
            let free = s == 0
                || !self.linked(s)
                || (!self.glued(s) && self.kind(s - 1) != Some(TokenKind::Number))
                || !matches!(self.kind(s - 1), Some(TokenKind::Word | TokenKind::Number));
            return free.then(|| self.start(s));
        }
        (self.norm(s) == "minus").then(|| self.start(s))
    }

    /// Token `j` says what a number measures: a unit, scale, percent sign
    /// or currency ("Class 2 km" is no label).
    fn quantity_follows(&self, j: usize) -> bool {
        if !self.linked(j) {
            return false;
        }
        let w = self.norm(j);
        matches!(self.raw(j), "%" | "°" | "\u{2103}" | "\u{2109}")
            || (self.is_word(j)
                && (words::unit(w).is_some()
                    || words::scale(w).is_some()
                    || words::currency_word(w).is_some()
                    || matches!(w, "percent" | "pct" | "per")))
    }

    /// A degree sign at `j`: "31°C", "31 °F", "31℃", "31°".
    fn degree_sign(&self, j: usize) -> Option<(Unit, usize)> {
        if !self.linked(j) {
            return None;
        }
        let t = |code| Unit {
            code,
            dim: Dim::Temperature,
        };
        match self.raw(j) {
            "\u{2103}" => Some((t("°C"), 1)),
            "\u{2109}" => Some((t("°F"), 1)),
            "°" => match self.norm(j + 1) {
                "c" if self.glued(j + 1) => Some((t("°C"), 2)),
                "f" if self.glued(j + 1) => Some((t("°F"), 2)),
                _ => Some((t("°"), 1)),
            },
            _ => None,
        }
    }

    /// A unit written as one or two words at `j`: "kilometres",
    /// "square kilometres", "nautical miles", "years old".
    fn unit_words(&self, j: usize) -> Option<(Unit, usize)> {
        if !self.linked(j) || !self.is_word(j) {
            return None;
        }
        let w = self.norm(j);
        let w1 = if self.linked(j + 1) {
            self.norm(j + 1)
        } else {
            ""
        };
        match w {
            "square" | "sq" => {
                let u = words::unit(w1).filter(|u| u.dim == Dim::Length)?;
                let code = match u.code {
                    "km" => "km2",
                    "mi" => "mi2",
                    "m" => "m2",
                    _ => "sq",
                };
                return Some((
                    Unit {
                        code,
                        dim: Dim::Area,
                    },
                    2,
                ));
            }
            "nautical" if matches!(w1, "mile" | "miles") => {
                return Some((
                    Unit {
                        code: "nmi",
                        dim: Dim::Length,
                    },
                    2,
                ));
            }
            "metric" if matches!(w1, "ton" | "tons" | "tonne" | "tonnes") => {
                return Some((
                    Unit {
                        code: "t",
                        dim: Dim::Mass,
                    },
                    2,
                ));
            }
            "cubic" => {
                words::unit(w1).filter(|u| u.dim == Dim::Length)?;
                return Some((
                    Unit {
                        code: "m3",
                        dim: Dim::Volume,
                    },
                    2,
                ));
            }
            _ => {}
        }
        let u = words::unit(w)?;
        // Bare letters ("m", "t", "c", "g", "w") only right after a number.
        if w.len() <= 2 && !self.glued(j) && matches!(w, "m" | "t" | "c" | "g" | "w" | "ha" | "mi")
        {
            return None;
        }
        if u.code == "year" && matches!(w1, "old" | "olds") {
            return Some((
                Unit {
                    code: "years old",
                    dim: Dim::Age,
                },
                2,
            ));
        }
        if u.code == "second" && w == "second" {
            return None;
        }
        if u.dim == Dim::Temperature && w == "c" {
            return None;
        }
        // "degrees Celsius"
        if u.dim == Dim::Temperature
            && matches!(w, "degree" | "degrees")
            && (matches!(w1, "celsius" | "fahrenheit" | "centigrade")
                || (matches!(w1, "c" | "f") && self.cap(j + 1)))
        {
            let code = if matches!(w1, "fahrenheit" | "f") {
                "°F"
            } else {
                "°C"
            };
            return Some((
                Unit {
                    code,
                    dim: Dim::Temperature,
                },
                2,
            ));
        }
        Some((u, 1))
    }
}

fn season_part(s: u8) -> Part {
    match s {
        1 => Part::Spring,
        2 => Part::Summer,
        3 => Part::Autumn,
        _ => Part::Winter,
    }
}

fn is_year_preposition(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "in"
            | "since"
            | "by"
            | "of"
            | "from"
            | "until"
            | "to"
            | "before"
            | "after"
            | "during"
            | "for"
    )
}

fn mention(start: usize, end: usize, kind: MentionKind, value: Value) -> NumberMention {
    NumberMention {
        start,
        end,
        kind,
        value,
        unit: None,
        noun: None,
        spelled: false,
        step: 0.0,
        scale: 1.0,
    }
}

/// Crude English singular, for matching nouns only ("containers" → "container").
pub(crate) fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{s}y");
    }
    if w.ends_with("ss") || w.ends_with("us") || w.len() <= 3 {
        return w.to_string();
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// A hyphenated number word: "twenty-one" → (21, false, len),
/// "twenty-first" → (21, true, len), "four-day" → (4, false, 4).
/// Returns the value, whether it is ordinal, and the bytes used.
fn hyphen_number(w: &str) -> Option<(u64, bool, usize)> {
    let mut parts = w.split('-');
    let first = parts.next()?;
    let (mut v, mut ord) = match (words::cardinal(first), words::ordinal(first)) {
        (Some(v), _) => (v, false),
        (None, Some(v)) => (v, true),
        _ => return None,
    };
    let mut used = first.len();
    if !ord && (20..=90).contains(&v) && v % 10 == 0 {
        if let Some(second) = parts.next() {
            match (words::cardinal(second), words::ordinal(second)) {
                (Some(u), _) if (1..10).contains(&u) => {
                    v += u;
                    used += 1 + second.len();
                }
                (None, Some(u)) if (1..10).contains(&u) => {
                    v += u;
                    ord = true;
                    used += 1 + second.len();
                }
                _ => {}
            }
        }
    }
    Some((v, ord, used))
}

/// A whole word that is a number: "eighth" → (8, true), "twenty-first" → (21, true).
fn compound_word(w: &str) -> Option<(u64, bool)> {
    if let Some(v) = words::ordinal(w) {
        return Some((v, true));
    }
    if let Some(v) = words::cardinal(w) {
        return Some((v, false));
    }
    let (v, ord, used) = hyphen_number(w)?;
    (used == w.len()).then_some((v, ord))
}

struct Digits {
    value: f64,
    decimals: u32,
    /// Bytes of the token used by the currency sign and the number.
    len: usize,
    currency: Option<&'static str>,
    /// Digits only: no separators, no decimals.
    plain: bool,
    int_digits: usize,
}

/// Reads "$12,000.50", "1.2", "6,5" (decimal comma), "1.200.000" from the
/// start of a token.
fn parse_digits(raw: &str) -> Option<Digits> {
    let mut chars = raw.char_indices().peekable();
    let mut currency = None;
    let mut begin = 0;
    if let Some(&(_, c)) = chars.peek() {
        if let Some(cur) = words::currency_symbol(c) {
            currency = Some(cur);
            begin = c.len_utf8();
            chars.next();
        }
    }
    let mut end = begin;
    for (k, c) in chars {
        if c.is_ascii_digit() || c == ',' || c == '.' {
            end = k + 1;
        } else {
            break;
        }
    }
    let s = raw.get(begin..end)?;
    let s = s.trim_end_matches([',', '.']);
    end = begin + s.len();
    if s.is_empty() || !s.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_three = |sep: char| {
        let mut it = s.split(sep);
        let head = it.next().unwrap_or("");
        !head.is_empty() && head.len() <= 3 && it.all(|g| g.len() == 3)
    };
    let clean: String = if commas > 0 && dots > 0 {
        // "12,000.5" (or "12.000,5" the other way round)
        if s.rfind('.') > s.rfind(',') {
            s.replace(',', "")
        } else {
            s.replace('.', "").replace(',', ".")
        }
    } else if commas > 0 {
        if groups_of_three(',') {
            s.replace(',', "")
        } else if commas == 1 {
            s.replace(',', ".")
        } else {
            return None;
        }
    } else if dots > 1 {
        if groups_of_three('.') {
            s.replace('.', "")
        } else {
            return None;
        }
    } else {
        s.to_string()
    };
    let decimals = clean.split_once('.').map_or(0, |(_, d)| d.len() as u32);
    let value: f64 = clean.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let int_digits = clean.split('.').next().map_or(0, str::len);
    Some(Digits {
        value,
        decimals,
        len: end,
        currency,
        plain: commas == 0 && dots == 0,
        int_digits,
    })
}

/// "2025-05-08" given the year part already read.
fn iso_date(year: f64, year_digits: usize, after: &str) -> Option<DateValue> {
    if year_digits != 4 {
        return None;
    }
    let (m, d) = after.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(DateValue {
        year: Some(year as i32),
        month: Some(month),
        day: Some(day),
        part: None,
    })
}

/// "3 to 5 kilometres", "between 3 and 4 percent", "$3-5 billion": the first
/// number of a range takes the second's kind, unit and scale.
fn link_ranges(text: &str, out: &mut [NumberMention]) {
    for k in 1..out.len() {
        let (head, tail) = out.split_at_mut(k);
        let (Some(a), Some(b)) = (head.last_mut(), tail.first()) else {
            continue;
        };
        let bare = a.kind == MentionKind::Cardinal && a.unit.is_none() && a.noun.is_none();
        // "$3 to $5 billion": same kind and unit, only the scale is shared.
        // Not "19-fold to 6.3 million": a number with its own noun is no range end.
        let same = a.kind == b.kind
            && a.unit == b.unit
            && a.noun.is_none()
            && a.scale == 1.0
            && b.scale > 1.0;
        if !(bare || same) || a.spelled != b.spelled || a.step == 0.0 {
            continue;
        }
        let takes_unit = matches!(
            b.kind,
            MentionKind::Percent
                | MentionKind::Money
                | MentionKind::Quantity
                | MentionKind::Duration
                | MentionKind::Cardinal
        );
        if !takes_unit {
            continue;
        }
        let gap = text.get(a.end..b.start).unwrap_or("").trim();
        let gap = gap.trim_end_matches(['$', '€', '£']).trim_end();
        let gap = gap.strip_suffix("S").map_or(gap, str::trim_end);
        if !matches!(gap, "to" | "-" | "–" | "and" | "or" | "" | "—") {
            continue;
        }
        // "4 to 6 million": the first number takes the second's scale.
        if b.scale > 1.0 && a.scale == 1.0 {
            if let Value::Number(v) = &mut a.value {
                if *v < 1000.0 {
                    *v *= b.scale;
                    a.step *= b.scale;
                    a.scale = b.scale;
                }
            }
        }
        a.kind = b.kind;
        a.unit = b.unit;
        a.noun = b.noun.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> NumberMention {
        let ms = extract_text(text);
        assert_eq!(ms.len(), 1, "{text}: {ms:?}");
        ms.into_iter().next().unwrap()
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(one("12,000").value, Value::Number(12000.0));
        assert_eq!(one("6.5").value, Value::Number(6.5));
        assert_eq!(one("1.200.000").value, Value::Number(1_200_000.0));
    }

    #[test]
    fn a_alone_is_not_a_number() {
        assert!(extract_text("a man and an idea").is_empty());
    }

    #[test]
    fn pronoun_one_is_skipped() {
        assert!(extract_text("one of the leaders; no one came").is_empty());
    }

    #[test]
    fn roman_pronoun_is_not_a_number() {
        assert!(extract_text("I said I would. Then Henry I.")
            .iter()
            .all(|m| m.kind != MentionKind::Name));
        assert_eq!(one("World War II").value, Value::Number(2.0));
    }

    #[test]
    fn parse_digits_rejects_versions() {
        assert!(parse_digits("1.2.3").is_none());
    }
}
