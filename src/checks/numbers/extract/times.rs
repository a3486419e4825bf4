//! Clock times: "9:30", "9: 30", "9:30 a.m.", "5pm", "5 p.m.", "14:45". The
//! value is minutes after midnight.
//!
//! Fixture: `fixtures/numbers/extraction/times.tsv`.

use super::{mention, Cx, MentionKind, NumberMention, Value};
use crate::text::TokenKind;

/// "am" → before noon, "pm" → after, "" → not said; anything else is no time.
fn meridiem_suffix(rest: &str) -> Result<Option<bool>, ()> {
    match rest {
        "" => Ok(None),
        "am" => Ok(Some(false)),
        "pm" => Ok(Some(true)),
        _ => Err(()),
    }
}

/// Hour on the 24-hour clock: "5 p.m." → 17, "12 a.m." → 0.
fn hour_24(hour: u32, meridiem: Option<bool>) -> u32 {
    match meridiem {
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    }
}

impl Cx<'_> {
    /// Clock times: "9:30", "9:30 a.m.", "5pm", "5 p.m.".
    pub(super) fn time(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let raw = self.raw(i);
        let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) {
            return None;
        }
        let hour: u32 = raw.get(..digits)?.parse().ok()?;
        let rest = raw.get(digits..)?.to_ascii_lowercase();
        let mut meridiem = meridiem_suffix(&rest).ok()?;
        let mut minutes = 0;
        let mut j = i + 1;
        if meridiem.is_none() && self.colon_minutes_at(j) {
            let (m, suffix) = self.minutes_at(j + 1)?;
            minutes = m;
            meridiem = suffix;
            j += 2;
        } else if meridiem.is_none()
            && !(self.linked(j) && matches!(self.norm(j), "a.m." | "p.m." | "am" | "pm"))
        {
            return None;
        }
        if meridiem.is_none() && self.linked(j) {
            if let Some(pm) = meridiem_word(self.norm(j)) {
                meridiem = Some(pm);
                j += 1;
            }
        }
        if hour > 24 || minutes > 59 || (meridiem.is_some() && !(1..=12).contains(&hour)) {
            return None;
        }
        let h = hour_24(hour, meridiem);
        out.push(mention(
            self.start(i),
            self.end(j - 1),
            MentionKind::Time,
            Value::Number(f64::from(h * 60 + minutes)),
        ));
        Some(j)
    }

    /// A glued ":" at `j` followed by the minutes, glued or after one space
    /// ("9:30", "9: 30").
    fn colon_minutes_at(&self, j: usize) -> bool {
        let spaced_minutes = || {
            let gap = self.text.get(self.end(j)..self.start(j + 1)).unwrap_or("");
            gap == " " && self.kind(j + 1) == Some(TokenKind::Number)
        };
        self.raw(j) == ":" && self.glued(j) && (self.glued(j + 1) || spaced_minutes())
    }

    /// Two-digit minutes at token `k`, with a glued "am"/"pm" if any
    /// ("30", "30pm"); `None` for anything else.
    fn minutes_at(&self, k: usize) -> Option<(u32, Option<bool>)> {
        let m = self.raw(k);
        let md = m.bytes().take_while(u8::is_ascii_digit).count();
        if md != 2 {
            return None;
        }
        let minutes = m.get(..2)?.parse().ok()?;
        let suffix = meridiem_suffix(&m.get(2..)?.to_ascii_lowercase()).ok()?;
        Some((minutes, suffix))
    }
}

/// "a.m."/"am" → before noon, "p.m."/"pm" → after.
fn meridiem_word(w: &str) -> Option<bool> {
    match w {
        "a.m." | "am" => Some(false),
        "p.m." | "pm" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noon_and_midnight_on_the_24_hour_clock() {
        assert_eq!(hour_24(12, Some(false)), 0);
        assert_eq!(hour_24(12, Some(true)), 12);
        assert_eq!(hour_24(5, Some(true)), 17);
        assert_eq!(hour_24(14, None), 14);
        assert_eq!(meridiem_suffix("x"), Err(()));
    }
}
