//! Numbers written with digits: thousands separators ("12,000",
//! "1.200.000"), decimal commas ("6,5"), groups split by a space ("1 450"),
//! signs ("-40", "minus 40"), currency signs ("$4.2", "US$4", "HK$5"), and
//! what is glued after the digits: "80th", "1990s", "5m", "4.2bn", "20km",
//! "20-year", "3-5", "2025-05-08".
//!
//! Fixture: `fixtures/numbers/extraction/digits.tsv`.

use super::dates::iso_date;
use super::{mention, singular, Core, Cx, MentionKind, NumberMention, Value};
use crate::checks::numbers::words::{self, Dim};
use crate::text::TokenKind;

/// A number read from the start of a token by [`parse_digits`].
pub(super) struct Digits {
    pub(super) value: f64,
    pub(super) decimals: u32,
    /// Bytes of the token used by the currency sign and the number.
    pub(super) len: usize,
    pub(super) currency: Option<&'static str>,
    /// Digits only: no separators, no decimals.
    pub(super) plain: bool,
    pub(super) int_digits: usize,
}

impl Cx<'_> {
    /// A number written with digits at token `i`. `Err(next)` when the token
    /// was consumed by something else (a day-first date, an ISO date, a
    /// label, a decade) or is no number ("747s", "5G").
    pub(super) fn digit_core(
        &self,
        i: usize,
        out: &mut Vec<NumberMention>,
    ) -> Result<Option<Core>, usize> {
        let Some(p) = parse_digits(self.raw(i)) else {
            return Ok(None);
        };
        let sign = self.sign_before(i);
        if let Some(core) = self.space_grouped(i, &p, sign) {
            return Err(self.finish(core, out));
        }
        let mut core = Core::new(i, i + 1, self.start(i), self.end(i), p.value);
        core.step = 10f64.powi(-(p.decimals as i32));
        core.currency = p.currency;
        if let Some(s) = sign {
            core.negative = true;
            core.start = s;
        }
        if p.plain {
            core.plain_digits = Some(p.int_digits);
        }
        self.dollar_prefix(i, &p, &mut core);
        if let Some(n) = self.label(i, &p, sign.is_some(), out) {
            return Err(n);
        }
        self.digit_suffix(i, &p, &mut core, out)?;
        if let Some(n) = self.day_first_date(i, &core, out) {
            return Err(n);
        }
        Ok(Some(core))
    }

    /// "1 450", "12 000 000": groups of three digits split by one space,
    /// read as one number from token `i`.
    fn space_grouped(&self, i: usize, p: &Digits, sign: Option<usize>) -> Option<Core> {
        if !(p.plain && p.len == self.raw(i).len() && p.int_digits <= 3) {
            return None;
        }
        let mut value = p.value;
        let mut k = i + 1;
        while self.kind(k) == Some(TokenKind::Number)
            && self.raw(k).len() == 3
            && self.raw(k).bytes().all(|b| b.is_ascii_digit())
        {
            let gap = self.text.get(self.end(k - 1)..self.start(k)).unwrap_or("");
            if gap.chars().count() != 1 || gap.contains(['\n', '\r', '\t']) {
                break;
            }
            value = value * 1000.0 + self.raw(k).parse::<f64>().unwrap_or(0.0);
            k += 1;
        }
        if k == i + 1 {
            return None;
        }
        let mut core = Core::new(i, k, self.start(i), self.end(k - 1), value);
        core.currency = p.currency;
        if let Some(s) = sign {
            core.negative = true;
            core.start = s;
        }
        Some(core)
    }

    /// "US$4", "HK$5": letters glued before the dollar sign say which dollar.
    fn dollar_prefix(&self, i: usize, p: &Digits, core: &mut Core) {
        if p.currency == Some("USD") && self.glued(i) && self.is_word(i - 1) {
            if let Some(c) = words::dollar_prefix(self.norm(i - 1)) {
                core.currency = Some(c);
                core.start = self.start(i - 1);
            }
        }
    }

    /// What is glued after the digits of token `i`: an ordinal ending, a
    /// decade's "s", a hyphen (range, ISO date, "20-year"), a scale ("5m",
    /// "4.2bn") or a unit ("20km"). `Err(next)` when the token is used up.
    fn digit_suffix(
        &self,
        i: usize,
        p: &Digits,
        core: &mut Core,
        out: &mut Vec<NumberMention>,
    ) -> Result<(), usize> {
        let rest = self.raw(i).get(p.len..).unwrap_or("").to_ascii_lowercase();
        let rest = rest.trim_start_matches('\'');
        if let Some(after) = rest.strip_prefix('-') {
            return self.hyphen_suffix(i, p, after, core, out);
        }
        match rest {
            "" => {}
            "st" | "nd" | "rd" | "th" => core.ordinal = true,
            "s" => return Err(self.decade(i, p, out)),
            "am" | "pm" => return Err(i + 1),
            _ => self.glued_scale_or_unit(i, rest, core)?,
        }
        Ok(())
    }

    /// "1990s", "80s": a decade; "747s": a plural label, not a count. The
    /// token is used up either way.
    fn decade(&self, i: usize, p: &Digits, out: &mut Vec<NumberMention>) -> usize {
        let v = p.value as i64;
        let decade = p.plain
            && v % 10 == 0
            && ((p.int_digits == 4 && (1000..=2100).contains(&v)) || p.int_digits == 2);
        if decade {
            out.push(mention(
                self.start(i),
                self.end(i),
                MentionKind::Decade,
                Value::Number(p.value),
            ));
        }
        i + 1
    }

    /// After "N-": an ISO date ("2025-05-08"), the second half of a range
    /// ("3-5"), a unit ("20-km") or a noun ("20-member").
    fn hyphen_suffix(
        &self,
        i: usize,
        p: &Digits,
        after: &str,
        core: &mut Core,
        out: &mut Vec<NumberMention>,
    ) -> Result<(), usize> {
        let second_len = after.bytes().take_while(u8::is_ascii_digit).count();
        if second_len > 0 {
            if let Some(d) = iso_date(p.value, p.int_digits, after) {
                out.push(mention(
                    self.start(i),
                    self.end(i),
                    MentionKind::Date,
                    Value::Date(d),
                ));
                return Err(i + 1);
            }
            if second_len != after.len() {
                return Err(i + 1);
            }
            let v2: f64 = after.parse().map_err(|_| i + 1)?;
            let num_end = self.start(i) + p.len;
            core.end = num_end;
            core.range = Some((v2, num_end + 1, self.end(i)));
        } else if let Some(unit) = words::unit(after) {
            core.unit = Some(unit);
        } else if !after.is_empty() {
            core.noun = Some(singular(after.split('-').next().unwrap_or(after)));
        }
        Ok(())
    }

    /// Letters glued after the digits: a scale ("5m", "4.2bn"; "m" is metres
    /// unless money or a counted noun follows, "b" only after a currency) or
    /// a unit ("20km"). Anything else ("5G", "3D") makes the token a label:
    /// `Err(next)`.
    fn glued_scale_or_unit(&self, i: usize, rest: &str, core: &mut Core) -> Result<(), usize> {
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
            return Err(i + 1);
        }
        Ok(())
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
}

/// Reads "$12,000.50", "1.2", "6,5" (decimal comma), "1.200.000" from the
/// start of a token.
pub(super) fn parse_digits(raw: &str) -> Option<Digits> {
    let (currency, begin, end) = number_chars(raw);
    let s = raw.get(begin..end)?;
    let s = s.trim_end_matches([',', '.']);
    let end = begin + s.len();
    if s.is_empty() || !s.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let clean = without_separators(s)?;
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
        plain: !s.contains([',', '.']),
        int_digits,
    })
}

/// A leading currency sign, then the run of digits, commas and dots: the
/// currency and the run's byte range.
fn number_chars(raw: &str) -> (Option<&'static str>, usize, usize) {
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
    (currency, begin, end)
}

/// The number `s` (digits, commas, dots) in plain decimal notation:
/// thousands separators dropped when every group has three digits, a single
/// comma read as a decimal comma; `None` for "1.2.3" and the like.
fn without_separators(s: &str) -> Option<String> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_three = |sep: char| {
        let mut it = s.split(sep);
        let head = it.next().unwrap_or("");
        !head.is_empty() && head.len() <= 3 && it.all(|g| g.len() == 3)
    };
    Some(if commas > 0 && dots > 0 {
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
    })
}

#[cfg(test)]
mod tests {
    use super::super::extract_text;
    use super::super::tests::one;
    use super::*;

    #[test]
    fn digits_with_separators() {
        assert_eq!(one("12,000").value, Value::Number(12000.0));
        assert_eq!(one("6.5").value, Value::Number(6.5));
        assert_eq!(one("1.200.000").value, Value::Number(1_200_000.0));
    }

    #[test]
    fn parse_digits_rejects_versions() {
        assert!(parse_digits("1.2.3").is_none());
    }

    #[test]
    fn separators_and_decimal_commas() {
        assert_eq!(without_separators("12,000.5").as_deref(), Some("12000.5"));
        assert_eq!(without_separators("12.000,5").as_deref(), Some("12000.5"));
        assert_eq!(without_separators("6,5").as_deref(), Some("6.5"));
        assert_eq!(without_separators("1,2,3"), None);
        let p = parse_digits("$12,000.50m").unwrap();
        assert_eq!((p.value, p.decimals, p.len), (12000.5, 2, 10));
        assert_eq!((p.currency, p.plain, p.int_digits), (Some("USD"), false, 5));
    }

    #[test]
    fn labels_with_letters_are_not_counts() {
        assert!(extract_text("The 747s and 5G arrived.").is_empty());
    }
}
