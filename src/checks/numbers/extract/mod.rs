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
//! names) are in `../words.rs`.
//!
//! This file holds the entry points, the token cursor (`Cx`) and the
//! dispatcher that tries the recognisers in order; each part lives in its own
//! file, with its fixture table in `fixtures/numbers/extraction/`:
//!
//! | file | recognises | fixture |
//! |---|---|---|
//! | `digits.rs` | numbers in digits: separators, decimal commas, "1 450", signs, "$", "US$", suffixes ("5m", "80th", "1990s", "20-year") | `digits.tsv` |
//! | `spelled.rs` | numbers in words: "twenty-one", "two million", "a dozen", "half", "a fifth", "third"; the "a", "one" and "second" rules | `words.tsv` |
//! | `dates.rs` | month dates, "the 8th", weekdays, years, parts of periods, relative dates, ISO dates | `dates.tsv` |
//! | `times.rs` | clock times | `times.tsv` |
//! | `units.rs` | what follows a number: percent, currency words, degrees, unit words | `units.tsv` |
//! | `ranges.rs` | "3 to 5 km", "3-5 years", "2019-2020" | `ranges.tsv` |
//! | `names.rs` | Roman numerals in names, numbered labels ("Siberia 2") | `names.tsv` |
//! | `classify.rs` | a number read by `digits` or `spelled`, classified by what follows it, in named steps | (all) |
//! | `mention.rs` | the result types: `NumberMention`, `MentionKind`, `Value` | |
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
//! `fixtures/numbers/extraction/*.tsv` list every case these rules were
//! written against, input → mentions, one table per part.

mod classify;
mod dates;
mod digits;
mod mention;
mod names;
mod ranges;
mod spelled;
mod times;
mod units;

pub use mention::{format_number, DateValue, MentionKind, NumberMention, Part, Value};

use super::words::{self, Unit};
use crate::text::{Article, Token, TokenKind};

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
    ranges::link_ranges(text, &mut out);
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

    /// A number spelled in words from `tok` to `next` (bytes `start..end`).
    fn spelled(tok: usize, next: usize, start: usize, end: usize, value: f64) -> Core {
        let mut c = Core::new(tok, next, start, end, value);
        c.spelled = true;
        c
    }

    /// A spelled fraction ("half", "a fifth"): no rounding step.
    fn fraction(tok: usize, next: usize, start: usize, end: usize, value: f64) -> Core {
        let mut c = Core::spelled(tok, next, start, end, value);
        c.fraction = true;
        c.step = 0.0;
        c
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

/// The text and its tokens, read by every recogniser. Token indices past the
/// end read as nothing (empty text, no kind, the end of the text).
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

    /// The normalised word at `i` if it is linked to the token before it, else "".
    fn linked_norm(&self, i: usize) -> &'a str {
        if self.linked(i) {
            self.norm(i)
        } else {
            ""
        }
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

    /// Entry point: tries every recogniser at token `i`; returns the index of
    /// the first token after what was consumed (or `i` if nothing).
    fn at(&self, i: usize, out: &mut Vec<NumberMention>) -> usize {
        match self.kind(i) {
            Some(TokenKind::Word) => self.at_word(i, out),
            Some(TokenKind::Number) => self.at_number(i, out),
            _ => i,
        }
    }

    /// A word: a name, a date phrase, a month, a weekday, "the 8th", or a
    /// number in words.
    fn at_word(&self, i: usize, out: &mut Vec<NumberMention>) -> usize {
        let found = self
            .roman_name(i, out)
            .or_else(|| self.phrase(i, out))
            .or_else(|| self.month_date(i, None, i, out))
            .or_else(|| self.weekday(i, out))
            .or_else(|| self.the_day(i, out));
        if let Some(n) = found {
            return n;
        }
        match self.word_core(i) {
            Some(core) => self.finish(core, out),
            None => i,
        }
    }

    /// A number token: a clock time, a ratio left alone, or a number in
    /// digits.
    fn at_number(&self, i: usize, out: &mut Vec<NumberMention>) -> usize {
        if let Some(n) = self.time(i, out) {
            return n;
        }
        if let Some(n) = self.ratio_end(i) {
            return n;
        }
        match self.digit_core(i, out) {
            Ok(Some(core)) => self.finish(core, out),
            Ok(None) => i,
            Err(n) => n,
        }
    }

    /// "24/7", "3:1", "5/8/2025": ratios, scores and numeric dates whose
    /// reading is ambiguous are left alone; the token after them.
    fn ratio_end(&self, i: usize) -> Option<usize> {
        let mut k = i;
        while matches!(self.raw(k + 1), "/" | ":")
            && self.glued(k + 1)
            && self.glued(k + 2)
            && self.kind(k + 2) == Some(TokenKind::Number)
        {
            k += 2;
        }
        (k > i).then_some(k + 1)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn one(text: &str) -> NumberMention {
        let ms = extract_text(text);
        assert_eq!(ms.len(), 1, "{text}: {ms:?}");
        ms.into_iter().next().unwrap()
    }

    #[test]
    fn mentions_never_overlap() {
        // "8 MYR" and "MYR 8" both reach the currency; the first keeps it.
        let ms = extract_text("It cost 8 MYR 8 times.");
        assert!(ms.windows(2).all(|w| w[0].end <= w[1].start), "{ms:?}");
    }

    #[test]
    fn singular_folds_plurals_only() {
        assert_eq!(singular("containers"), "container");
        assert_eq!(singular("countries"), "country");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("glass"), "glass");
    }
}
