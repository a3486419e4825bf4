//! Numbers written in words: "four", "twenty-one", "one hundred and
//! twenty-five", "two million", "a dozen", "half", "half a million", "a
//! fifth", "two-thirds", "third", "four-day", "an hour and a half"; and the
//! rules that keep "a", "one", "second" and "first" from being numbers when
//! they are not.
//!
//! Fixture: `fixtures/numbers/extraction/words.tsv`.

use super::{singular, Core, Cx};
use crate::checks::numbers::words;
use crate::text::TokenKind;

impl Cx<'_> {
    /// A number written in words at token `i`: "four", "twenty-one",
    /// "two million", "a dozen", "half", "a fifth", "two-thirds", "third",
    /// "four-day".
    pub(super) fn word_core(&self, i: usize) -> Option<Core> {
        let w = self.norm(i);
        if w == "a" || w == "an" {
            return self.after_article(i);
        }
        if w == "half" {
            return Some(self.half(i));
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

    /// "a"/"an" at `i` is never a number on its own: only before a time unit
    /// ("an hour", not a rate), "dozen", a scale ("a million") or a fraction
    /// ("a fifth of").
    fn after_article(&self, i: usize) -> Option<Core> {
        if !self.linked(i + 1) {
            return None;
        }
        let start = self.start(i);
        let n = self.norm(i + 1);
        if !self.rate_before(i)
            && matches!(
                n,
                "hour" | "day" | "week" | "month" | "year" | "decade" | "century" | "minute"
            )
        {
            return Some(Core::spelled(i, i + 1, start, self.end(i), 1.0));
        }
        if n == "dozen" {
            return Some(Core::spelled(i, i + 2, start, self.end(i + 1), 12.0));
        }
        if words::scale_word(n).is_some() {
            let mut c = self.word_number(i + 1, 1.0)?;
            c.tok = i;
            c.start = start;
            return Some(c);
        }
        if n == "second" || n == "first" {
            return None;
        }
        let d = words::fraction(n)?;
        let after = self.norm(i + 2);
        let frac = !self.linked(i + 2) || !self.is_word(i + 2) || after == "of" || n == "half";
        frac.then(|| Core::fraction(i, i + 2, start, self.end(i + 1), 1.0 / d as f64))
    }

    /// "a" at `i` makes a rate, not one unit: "twice a day", "10 hours a
    /// day", "$5 a day", "$5 billion a year".
    fn rate_before(&self, i: usize) -> bool {
        self.linked(i)
            && (self.kind(i - 1) == Some(TokenKind::Number)
                || (self.is_word(i - 1)
                    && (matches!(
                        self.norm(i - 1),
                        "once" | "twice" | "thrice" | "times" | "per" | "every" | "each" | "half"
                    ) || words::unit(self.norm(i - 1)).is_some()
                        || words::currency_word(self.norm(i - 1)).is_some()
                        || self.figure_just_before(i))))
    }

    /// "half" at `i`: 0.5, or "half a million" = 500,000.
    fn half(&self, i: usize) -> Core {
        let start = self.start(i);
        if self.norm(i + 1) == "a" && self.linked(i + 1) && self.linked(i + 2) {
            if let Some(s) = words::scale(self.norm(i + 2)).filter(|&s| s >= 1e3) {
                if self.norm(i + 2).len() > 2 {
                    let mut c = Core::spelled(i, i + 3, start, self.end(i + 2), 0.5 * s);
                    c.step = s / 10.0;
                    c.scale = s;
                    return c;
                }
            }
        }
        Core::fraction(i, i + 1, start, self.end(i), 0.5)
    }

    /// "one" at `i` is a number ("one child", "one or two years", "one
    /// hundred"), not a pronoun ("no one", "one of", "the one who") or an
    /// idiom ("one day", "one way").
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
            && (words::scale_word(n).is_some()
                || matches!(n, "and" | "third" | "quarter" | "fifth" | "half"))
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

    /// "second" at `i` is the ordinal ("the second round", "came in the
    /// second"), not the unit of time ("a second later").
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
        let mut r = Reading {
            total: 0.0,
            current: seed,
            any: seed > 0.0,
            ordinal: false,
            fraction: false,
            step: 1.0,
            scale: 1.0,
            j: i,
            end: self.start(i),
            suffix: None,
        };
        while r.j < self.t.len() && (r.j == i || self.linked(r.j)) && self.is_word(r.j) {
            let w = self.norm(r.j);
            let step = if w.contains('-') {
                self.hyphen_word(&mut r, w)
            } else {
                self.number_word(&mut r, w)
            };
            match step {
                Step::Take => r.advance(self, 1),
                Step::Moved => {}
                Step::Stop => break,
                Step::Reject => return None,
            }
        }
        if !r.any {
            return None;
        }
        let mut c = Core::spelled(i, r.j, self.start(i), r.end, r.total + r.current);
        c.ordinal = r.ordinal;
        c.fraction = r.fraction;
        c.step = if r.fraction { 0.0 } else { r.step };
        c.scale = r.scale;
        if let Some(rest) = r.suffix {
            // "five-year-plan": the unit is the first word after the number.
            let head = rest.split('-').next().unwrap_or(rest);
            if let Some(u) = words::unit(rest).or_else(|| words::unit(head)) {
                c.unit = Some(u);
            } else {
                c.noun = Some(singular(head));
            }
        }
        Some(c)
    }

    /// A hyphenated word in a spelled number: "twenty-one", "twenty-first",
    /// "four-day", "two-thirds", and "one hundred and twenty-five".
    fn hyphen_word<'w>(&self, r: &mut Reading<'w>, w: &'w str) -> Step {
        if r.any {
            // "one hundred and twenty-five"
            let compound_fits = (r.current == 0.0 && r.total > 0.0)
                || (r.current > 0.0 && r.current % 100.0 == 0.0);
            if !compound_fits {
                return Step::Stop;
            }
            return match compound_word(w) {
                Some((v, ord)) if v < 100 => {
                    r.current += v as f64;
                    r.ordinal = ord;
                    r.advance(self, 1);
                    if ord {
                        Step::Stop
                    } else {
                        Step::Moved
                    }
                }
                _ => Step::Stop,
            };
        }
        let Some((v, ord, used)) = hyphen_number(w) else {
            return Step::Stop;
        };
        let rest = w
            .get(used..)
            .map(|r| r.trim_start_matches('-'))
            .unwrap_or("");
        // "two-thirds", "one-fifth"
        if let Some(d) = (rest.is_empty() || !rest.contains('-'))
            .then(|| words::fraction(rest))
            .flatten()
            .filter(|_| {
                !ord && (rest.ends_with('s') || (v == 1 && rest != "second" && rest != "first"))
            })
        {
            r.current = v as f64 / d as f64;
            r.fraction = true;
            r.step = 0.0;
            r.any = true;
            r.advance(self, 1);
            return Step::Stop;
        }
        if !rest.is_empty() {
            // "one-sided", "first-hand": idioms, not numbers.
            if (v == 1 || (ord && v == 2)) && words::unit(rest).is_none() {
                return Step::Reject;
            }
            if matches!(rest, "fold" | "way" | "time" | "times") && !ord {
                return Step::Reject;
            }
            r.suffix = Some(rest);
        }
        r.current = v as f64;
        r.ordinal = ord;
        r.any = true;
        r.advance(self, 1);
        if r.suffix.is_some() || ord {
            Step::Stop
        } else {
            // "twenty-one thousand": a plain compound may take a scale.
            Step::Moved
        }
    }

    /// A plain word in a spelled number: a cardinal, "hundred", a scale,
    /// "dozen", "and", "and a half", an ordinal or a plural fraction.
    fn number_word(&self, r: &mut Reading<'_>, w: &str) -> Step {
        if let Some(v) = words::cardinal(w) {
            let v = v as f64;
            let c100 = r.current % 100.0;
            let fits = !r.any
                || (r.current == 0.0 && r.total > 0.0)
                || (c100 == 0.0 && r.current > 0.0 && v < 100.0)
                || (v < 10.0 && c100 >= 20.0 && c100 % 10.0 == 0.0);
            if !fits {
                return Step::Stop;
            }
            r.current += v;
            r.any = true;
            return Step::Take;
        }
        if w == "hundred" && r.any && r.current < 100.0 {
            r.current = r.current.max(1.0) * 100.0;
            r.step = r.step.max(1.0);
            return Step::Take;
        }
        if let Some(s) = words::scale_word(w).filter(|&s| s >= 1e3) {
            if !r.any || (r.scale > 1.0 && s >= r.scale) {
                return Step::Stop;
            }
            r.total += r.current.max(1.0) * s;
            r.current = 0.0;
            r.scale = s;
            r.step = s;
            return Step::Take;
        }
        if w == "dozen" && r.any {
            r.current *= 12.0;
            return Step::Take;
        }
        let j = r.j;
        let and_a_half = self.norm(j + 1) == "a" && self.norm(j + 2) == "half";
        if w == "and" && r.any && (r.current >= 100.0 || r.total > 0.0) {
            if self.linked(j + 1) && compound_word(self.norm(j + 1)).is_some() {
                return Step::Take;
            }
            // "one hundred and a half"
            if !and_a_half {
                return Step::Stop;
            }
            r.add_half(self);
            return Step::Moved;
        }
        // "one and a half"
        if w == "and" && r.any && and_a_half && self.linked(j + 2) {
            r.add_half(self);
            return Step::Moved;
        }
        if let Some(v) = words::ordinal(w) {
            return self.ordinal_word(r, w, v as f64);
        }
        if let Some(d) = words::fraction(w)
            .filter(|_| r.any && w.ends_with('s') && r.total == 0.0 && r.current < 10.0)
        {
            r.current /= d as f64;
            r.fraction = true;
            r.step = 0.0;
            r.advance(self, 1);
        }
        Step::Stop
    }

    /// An ordinal word of value `v` ends a spelled number: "twenty-first",
    /// "hundredth", "third"; after a small number it is a fraction ("two
    /// thirds" is handled as a plural, "one third" here).
    fn ordinal_word(&self, r: &mut Reading<'_>, w: &str, v: f64) -> Step {
        let c100 = r.current % 100.0;
        if r.any && v < 10.0 && c100 >= 20.0 && c100 % 10.0 == 0.0
            || r.any
                && (c100 == 0.0 && r.current > 0.0 || r.current == 0.0 && r.total > 0.0)
                && v < 100.0
        {
            r.current += v;
        } else if r.any && v >= 100.0 {
            r.current = r.current.max(1.0) * v;
        } else if !r.any {
            r.current = v;
        } else if let Some(d) =
            words::fraction(w).filter(|_| (1.0..10.0).contains(&r.current) && r.total == 0.0)
        {
            r.current /= d as f64;
            r.fraction = true;
            r.step = 0.0;
            r.advance(self, 1);
            return Step::Stop;
        } else {
            return Step::Stop;
        }
        r.ordinal = true;
        r.any = true;
        r.advance(self, 1);
        Step::Stop
    }
}

/// The state of [`Cx::word_number`] as it reads words left to right.
struct Reading<'w> {
    /// Sum of the parts already multiplied by a scale ("two million").
    total: f64,
    /// The part being read, below the last scale.
    current: f64,
    /// Whether any number word was read.
    any: bool,
    ordinal: bool,
    fraction: bool,
    step: f64,
    scale: f64,
    /// The next token to read and the end byte of what was read.
    j: usize,
    end: usize,
    /// What a hyphenated number word goes on with ("day" in "four-day").
    suffix: Option<&'w str>,
}

impl Reading<'_> {
    /// Takes `n` more tokens.
    fn advance(&mut self, cx: &Cx<'_>, n: usize) {
        self.end = cx.end(self.j + n - 1);
        self.j += n;
    }

    /// "and a half" from token `j`.
    fn add_half(&mut self, cx: &Cx<'_>) {
        self.current += 0.5;
        self.advance(cx, 3);
        self.step = 0.5;
    }
}

/// What one word does to a spelled number being read.
enum Step {
    /// The word is part of it: take it and read on.
    Take,
    /// Tokens were taken already: read on.
    Moved,
    /// The number ends here (whatever was taken stays).
    Stop,
    /// No number after all ("one-sided", "two-fold").
    Reject,
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
pub(super) fn compound_word(w: &str) -> Option<(u64, bool)> {
    if let Some(v) = words::ordinal(w) {
        return Some((v, true));
    }
    if let Some(v) = words::cardinal(w) {
        return Some((v, false));
    }
    let (v, ord, used) = hyphen_number(w)?;
    (used == w.len()).then_some((v, ord))
}

#[cfg(test)]
mod tests {
    use super::super::extract_text;
    use super::*;

    #[test]
    fn a_alone_is_not_a_number() {
        assert!(extract_text("a man and an idea").is_empty());
    }

    #[test]
    fn pronoun_one_is_skipped() {
        assert!(extract_text("one of the leaders; no one came").is_empty());
    }

    #[test]
    fn hyphenated_words() {
        assert_eq!(hyphen_number("twenty-one"), Some((21, false, 10)));
        assert_eq!(hyphen_number("twenty-first"), Some((21, true, 12)));
        assert_eq!(hyphen_number("four-day"), Some((4, false, 4)));
        assert_eq!(compound_word("four-day"), None);
        assert_eq!(compound_word("eighth"), Some((8, true)));
    }
}
