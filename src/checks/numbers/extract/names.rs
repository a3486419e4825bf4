//! Numbers inside names: Roman numerals in known names ("World War II",
//! "Pope Leo XIV", "Henry VIII", "Super Bowl LVIII") and numbered labels
//! ("Siberia 2", "Article 5").
//!
//! Fixture: `fixtures/numbers/extraction/names.tsv`.

use super::digits::Digits;
use super::{mention, Cx, MentionKind, NumberMention, Value};
use crate::checks::numbers::words;

impl Cx<'_> {
    /// "World War II", "Pope Leo XIV", "Henry VIII", "Super Bowl LVIII".
    /// A Roman numeral anywhere else (and the pronoun "I") is not a number.
    pub(super) fn roman_name(&self, i: usize, out: &mut Vec<NumberMention>) -> Option<usize> {
        let raw = self.raw(i);
        if !raw.bytes().all(|b| b.is_ascii_uppercase()) || i == 0 || !self.linked(i) {
            return None;
        }
        let v = words::roman(raw)?;
        let (start_tok, name) = self.roman_holder(i, raw == "I")?;
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

    /// The name a Roman numeral at `i` belongs to: its first token and its
    /// words ("world war", "pope leo", "henry"). "I" needs a title or
    /// "World War".
    fn roman_holder(&self, i: usize, pronoun_i: bool) -> Option<(usize, String)> {
        let p = self.norm(i - 1);
        let pp = if i >= 2 && self.linked(i - 1) {
            self.norm(i - 2)
        } else {
            ""
        };
        if (p == "war" && pp == "world") || (p == "bowl" && pp == "super") {
            return Some((i - 2, format!("{pp} {p}")));
        }
        if !self.cap(i - 1) || !words::regnal_name(p) {
            return None;
        }
        let titled = words::regnal_title(pp) && self.cap(i - 2);
        if pronoun_i && !titled {
            return None;
        }
        Some(if titled {
            (i - 2, format!("{pp} {p}"))
        } else {
            (i - 1, p.to_string())
        })
    }

    /// "Siberia 2", "Article 5", "Airbus 380": a bare number of up to three
    /// digits right after a capitalised word that does not start the
    /// sentence labels a name, unless a unit, scale, percent sign or
    /// currency follows. Pushes the name and returns the next token.
    pub(super) fn label(
        &self,
        i: usize,
        p: &Digits,
        signed: bool,
        out: &mut Vec<NumberMention>,
    ) -> Option<usize> {
        if !(p.plain
            && p.len == self.raw(i).len()
            && p.currency.is_none()
            && i > 0
            && self.linked(i))
        {
            return None;
        }
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
            && !signed
            && !self.quantity_follows(i + 1);
        if !label {
            return None;
        }
        let mut m = mention(
            self.start(i - 1),
            self.end(i),
            MentionKind::Name,
            Value::Number(p.value),
        );
        m.noun = Some(prev.to_string());
        out.push(m);
        Some(i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract_text;
    use super::super::tests::one;
    use super::*;

    #[test]
    fn roman_pronoun_is_not_a_number() {
        assert!(extract_text("I said I would. Then Henry I.")
            .iter()
            .all(|m| m.kind != MentionKind::Name));
        assert_eq!(one("World War II").value, Value::Number(2.0));
    }
}
