//! Dates: month-first and day-first dates ("Nov. 8", "8 November 2025"),
//! "the 8th", weekdays, bare years, parts of periods ("mid-2026", "the end of
//! May", "spring 2026"), relative dates ("the day before", "next spring",
//! "yesterday") and ISO dates ("2025-05-08").
//!
//! Fixture: `fixtures/numbers/extraction/dates.tsv`.

use super::{mention, Core, Cx, DateValue, MentionKind, NumberMention, Part, Value};
use crate::checks::numbers::words;
use crate::text::TokenKind;

impl Cx<'_> {
    /// A four-digit year 1000–2100 written with digits only at token `i`.
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
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

    /// A month name at token `i` usable in a date; returns the month, whether
    /// the name is ambiguous, and the token after it (past an abbreviation's
    /// period).
    pub(super) fn month_at(&self, i: usize) -> Option<(u8, bool, usize)> {
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

    /// A capitalised weekday name: "Thursday", "Wednesday's".
    pub(super) fn weekday(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        if !self.cap(i) {
            return None;
        }
        let w = words::weekday(self.norm(i))?;
        out.push(mention(
            self.start(i),
            self.end(i),
            MentionKind::Weekday,
            Value::Weekday(w),
        ));
        Some(i + 1)
    }

    /// Relative dates and parts of a period: "the day before", "next spring",
    /// "this year", "yesterday", "mid-2026", "the middle of 2026",
    /// "early 2025", "spring 2026".
    pub(super) fn phrase(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let w = self.norm(i);
        let start = self.start(i);
        match w {
            "yesterday" | "today" | "tomorrow" | "tonight" => {
                return self.relative(start, i, out);
            }
            "last" | "next" | "this" | "coming" | "past" | "previous" => {
                let n = self.norm(i + 1);
                if self.linked(i + 1)
                    && (matches!(
                        n,
                        "week" | "weekend" | "month" | "year" | "decade" | "century"
                    ) || words::season(n).is_some())
                {
                    return self.relative(start, i + 1, out);
                }
            }
            "the" if self.linked(i + 1) => return self.the_phrase(i, start, out),
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
        if w.contains('-') {
            return self.hyphen_part(i, w, start, out);
        }
        self.season_year(i, w, start, out)
    }

    /// A relative date from byte `start` to the end of token `end_tok`.
    fn relative(
        &self,
        start: usize,
        end_tok: usize,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        out.push(mention(
            start,
            self.end(end_tok),
            MentionKind::Relative,
            Value::None,
        ));
        Some(end_tok + 1)
    }

    /// After a linked "the" at `i`: "the day before", "the next day", "the
    /// following week", "the middle of 2026", "the end of May".
    fn the_phrase(&self, i: usize, start: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let n = self.norm(i + 1);
        let n2 = self.norm(i + 2);
        if n == "day" && self.linked(i + 2) && matches!(n2, "before" | "after") {
            return self.relative(start, i + 2, out);
        }
        if matches!(n, "next" | "following" | "previous")
            && self.linked(i + 2)
            && matches!(
                n2,
                "day" | "week" | "month" | "year" | "morning" | "evening"
            )
        {
            return self.relative(start, i + 2, out);
        }
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
        // "the 1990s" and the rest: not a phrase.
        None
    }

    /// "mid-2026", "mid-May", "early-2025", "mid-May 2025": the hyphenated
    /// word `w` at token `i`.
    fn hyphen_part(
        &self,
        i: usize,
        w: &str,
        start: usize,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let (head, tail) = w.split_once('-')?;
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
        Some(next)
    }

    /// "spring 2026", "spring of 2026": the season word `w` at token `i`.
    fn season_year(
        &self,
        i: usize,
        w: &str,
        start: usize,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let s = words::season(w)?;
        let j = if self.norm(i + 1) == "of" && self.linked(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if !self.linked(j) {
            return None;
        }
        self.year_part(j, start, season_part(s), out)
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
    /// "September", "May first". `start_tok`, when a day was read before the
    /// month ("8 November"), is the token that starts the mention.
    pub(super) fn month_date(
        &self,
        i: usize,
        part: Option<Part>,
        start_tok: usize,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let (month, ambiguous, j) = self.month_at(i)?;
        let mut d = DateValue {
            month: Some(month),
            part,
            ..DateValue::default()
        };
        let (end, j) = self.after_month(j, &mut d);
        if d.day.is_none() && d.year.is_none() && part.is_none() && !self.bare_month(i, ambiguous) {
            return None;
        }
        out.push(mention(
            self.start(start_tok),
            end,
            MentionKind::Date,
            Value::Date(d),
        ));
        Some(j)
    }

    /// What follows a month name ending before token `j`: a year ("May
    /// 2025"), "of" and a year, or a day with an optional year ("November
    /// 8, 2025"), written into `d`. Returns the end byte and the next token.
    fn after_month(&self, mut j: usize, d: &mut DateValue) -> (usize, usize) {
        let mut end = self.end(j - 1);
        if !self.linked(j) {
            return (end, j);
        }
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
        (end, j)
    }

    /// A month name at `i` with no day, year or part beside it counts only
    /// when written in full, and "May"/"March" only after a preposition ("In
    /// March, …" but not "May I" or "Theresa May"; bare "Dec" needs a number).
    fn bare_month(&self, i: usize, ambiguous: bool) -> bool {
        let full = self.norm(i).len() > 4 || matches!(self.norm(i), "may" | "june" | "july");
        full && (!ambiguous || words::month_preposition(self.prev_word(i)))
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
                let (v, ord) = super::spelled::compound_word(self.norm(j))?;
                (ord && (1..=31).contains(&v)).then_some((v as u8, j + 1))
            }
            _ => None,
        }
    }

    /// "the 8th", "on the ninth": a day of the month without a month.
    pub(super) fn the_day(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
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

    /// Day-first dates after a number in digits at token `i`: "8 November
    /// 2025", "8th of November". The token after the date, if one was read.
    pub(super) fn day_first_date(
        &self,
        i: usize,
        core: &Core,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        let day = core.day().filter(|_| core.range.is_none())?;
        let of = usize::from(self.norm(i + 1) == "of" && self.linked(i + 1));
        if !self.linked(i + 1 + of) || self.month_at(i + 1 + of).is_none() {
            return None;
        }
        let before = out.len();
        let n = self.month_date(i + 1 + of, None, i, out)?;
        if let Some(Value::Date(d)) = out.get_mut(before).map(|m| &mut m.value) {
            if d.day.is_none() {
                d.day = Some(day);
                return Some(n);
            }
        }
        out.truncate(before);
        None
    }

    /// A bare four-digit integer is a year unless it plainly counts
    /// something: a unit, a plural noun (not after "the", "in", "since" …:
    /// "the 2022 elections"), or an approximator before it ("about 1500").
    /// 1000–1799 only after a word that introduces a year ("in 1453").
    /// `has_unit`: a unit follows; `plural_noun`: a noun ending in "s" does.
    pub(super) fn bare_year(
        &self,
        core: &Core,
        value: f64,
        has_unit: bool,
        plural_noun: bool,
    ) -> Option<i32> {
        let v = value as i64;
        let prev = self.prev_word(core.tok);
        let counts =
            has_unit || (plural_noun && !is_year_preposition(prev)) || words::approximator(prev);
        let old_year_ok = is_year_preposition(prev) && prev != "the";
        let in_range = (1800..=2100).contains(&v) || ((1000..1800).contains(&v) && old_year_ok);
        (in_range && !counts && core.range.is_none() && !core.negative).then_some(v as i32)
    }
}

pub(super) fn season_part(s: u8) -> Part {
    match s {
        1 => Part::Spring,
        2 => Part::Summer,
        3 => Part::Autumn,
        _ => Part::Winter,
    }
}

/// Words that introduce a year: a count after them is still a year ("the
/// 2022 elections", "in 1453").
pub(super) fn is_year_preposition(w: &str) -> bool {
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

/// "2025-05-08" given the year part already read.
pub(super) fn iso_date(year: f64, year_digits: usize, after: &str) -> Option<DateValue> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_need_four_digit_years_and_real_months() {
        assert!(iso_date(2025.0, 4, "05-08").is_some());
        assert!(iso_date(25.0, 2, "05-08").is_none());
        assert!(iso_date(2025.0, 4, "13-08").is_none());
        assert!(iso_date(2025.0, 4, "5-8").is_none());
    }
}
