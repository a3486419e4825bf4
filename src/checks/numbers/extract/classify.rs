//! A number read by `digits.rs` or `spelled.rs` (a [`Core`]) becomes one or
//! two mentions here, classified by what surrounds it. [`Cx::finish`] runs
//! the steps in order on a [`Draft`]:
//!
//! 1. a scale word after it ("4.2 billion", "$5 bn");
//! 2. a currency code before it ("USD 5 million", "Rs 500");
//! 3. what follows it (`units.rs`): percent, dollars, a currency word, a
//!    degree sign, a unit;
//! 4. "aged 25" is an age;
//! 5. the kind follows from the currency or the unit's dimension;
//! 6. "an hour and a half";
//! 7. "three weeks ago" is a relative date;
//! 8. the noun it counts ("12,000 containers", "fourth term");
//! 9. a span of years ("2019-2020", `ranges.rs`) or a bare year ("2022",
//!    `dates.rs`); otherwise the mention, with the glued second half of a
//!    range ("3-5 years") beside it.

use super::{mention, ranges, singular, Core, Cx, DateValue, MentionKind, NumberMention, Value};
use crate::checks::numbers::words::{self, Dim, Unit};

/// The mention being built from a core: where it ends, what it is.
pub(super) struct Draft {
    /// The token after what is taken so far.
    pub(super) j: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: f64,
    pub(super) step: f64,
    pub(super) scale: f64,
    pub(super) kind: MentionKind,
    pub(super) unit: Option<Unit>,
    pub(super) noun: Option<String>,
    pub(super) currency: Option<&'static str>,
}

impl Draft {
    /// Takes `n` more tokens into the mention.
    pub(super) fn take(&mut self, cx: &Cx<'_>, n: usize) {
        self.end = cx.end(self.j + n - 1);
        self.j += n;
    }
}

impl Cx<'_> {
    /// Classifies a core by what follows it (scale, %, currency, unit, noun,
    /// "ago") and pushes the mention(s). Returns the next token index.
    pub(super) fn finish(&self, mut core: Core, out: &mut Vec<NumberMention>) -> usize {
        let mut d = Draft {
            j: core.next,
            start: core.start,
            end: core.end,
            value: core.value,
            step: core.step,
            scale: core.scale,
            kind: if core.ordinal {
                MentionKind::Ordinal
            } else {
                MentionKind::Cardinal
            },
            unit: core.unit,
            noun: core.noun.take(),
            currency: core.currency,
        };
        if !core.ordinal && !core.fraction && d.unit.is_none() {
            self.scale_word_after(&core, &mut d);
            self.currency_code_before(&core, &mut d);
            self.measure_after(&mut d);
        }
        self.aged(&core, &mut d);
        settle_kind(&mut d);
        self.and_a_half(&mut d);
        self.ago(&core, &mut d);
        self.counted_noun(&mut d);
        if core.negative {
            d.value = -d.value;
        }
        if self.year_span(&core, &d, out) {
            return d.j;
        }
        if d.kind == MentionKind::Cardinal && core.plain_digits == Some(4) && d.scale == 1.0 {
            let plural_noun = d.noun.is_some() && self.raw(d.j).ends_with('s');
            if let Some(y) = self.bare_year(&core, d.value, d.unit.is_some(), plural_noun) {
                out.push(mention(
                    d.start,
                    d.end,
                    MentionKind::Year,
                    Value::Date(DateValue {
                        year: Some(y),
                        ..DateValue::default()
                    }),
                ));
                return d.j;
            }
        }
        let next = d.j;
        ranges::push_with_glued_range(&core, d, out);
        next
    }

    /// Step 1, a scale word: "4.2 billion", "12 million", "$5 bn", "5
    /// hundred" (not after a spelled number: "five hundred" is read whole),
    /// "$5 m".
    fn scale_word_after(&self, core: &Core, d: &mut Draft) {
        let j = d.j;
        if !self.linked(j) || !self.is_word(j) || core.scale != 1.0 {
            return;
        }
        let w = self.norm(j);
        // Whole words from a thousand up and the abbreviations that are
        // never a unit ("5 m" is metres unless money).
        let ok = words::scale_word(w).is_some_and(|s| s >= 1e3)
            || matches!(w, "bn" | "mn" | "mln" | "tn" | "trn")
            || (w == "hundred" && !core.spelled)
            || (w == "m" && d.currency.is_some());
        if !ok {
            return;
        }
        if let Some(s) = words::scale(w) {
            d.value *= s;
            d.step *= s;
            d.scale = s;
            d.take(self, 1);
        }
    }

    /// Step 2, a currency code before the number: "USD 5 million", "Rs 500".
    fn currency_code_before(&self, core: &Core, d: &mut Draft) {
        if d.currency.is_some()
            || core.tok == 0
            || !self.linked(core.tok)
            || !self.is_word(core.tok - 1)
        {
            return;
        }
        if let Some(c) = words::currency_code_before(self.norm(core.tok - 1)) {
            d.currency = Some(c);
            d.start = self.start(core.tok - 1);
        }
    }

    /// Step 4: "aged 25", "aged 25-54" are ages.
    fn aged(&self, core: &Core, d: &mut Draft) {
        if d.kind == MentionKind::Cardinal && d.unit.is_none() && self.prev_word(core.tok) == "aged"
        {
            d.unit = Some(Unit {
                code: "years old",
                dim: Dim::Age,
            });
        }
    }

    /// Step 6: "an hour and a half", "two years and a half".
    fn and_a_half(&self, d: &mut Draft) {
        let j = d.j;
        if d.kind == MentionKind::Duration
            && self.linked(j)
            && self.norm(j) == "and"
            && self.norm(j + 1) == "a"
            && self.norm(j + 2) == "half"
            && self.linked(j + 2)
        {
            d.value += 0.5;
            d.step = d.step.min(0.5);
            d.take(self, 3);
        }
    }

    /// Step 7: "three weeks ago", "two days later" (not "a four-day visit
    /// later", whose unit was glued to the number).
    fn ago(&self, core: &Core, d: &mut Draft) {
        if d.kind == MentionKind::Duration
            && core.unit.is_none()
            && self.linked(d.j)
            && matches!(self.norm(d.j), "ago" | "later" | "earlier")
        {
            d.kind = MentionKind::Relative;
            d.take(self, 1);
        }
    }

    /// Step 8, the thing counted: "12,000 containers", "fourth term".
    fn counted_noun(&self, d: &mut Draft) {
        if !matches!(d.kind, MentionKind::Cardinal | MentionKind::Ordinal)
            || d.noun.is_some()
            || !self.content_word(d.j)
        {
            return;
        }
        let w = self.norm(d.j);
        if words::cardinal(w).is_none() && words::ordinal(w).is_none() && words::scale(w).is_none()
        {
            d.noun = Some(singular(w));
        }
    }
}

/// Step 5: a currency makes a cardinal money; a unit makes it a duration,
/// a quantity or money by its dimension (counted things stay cardinals and
/// name the noun).
fn settle_kind(d: &mut Draft) {
    if let Some(c) = d.currency {
        if d.kind == MentionKind::Cardinal {
            d.kind = MentionKind::Money;
            d.unit = Some(Unit {
                code: c,
                dim: Dim::Currency,
            });
        }
    }
    if let Some(u) = d.unit {
        if d.kind == MentionKind::Cardinal {
            d.kind = match u.dim {
                Dim::Time => MentionKind::Duration,
                Dim::Count => MentionKind::Cardinal,
                Dim::Currency => MentionKind::Money,
                _ => MentionKind::Quantity,
            };
            if u.dim == Dim::Count {
                d.noun = Some(u.code.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::one;
    use super::*;

    #[test]
    fn steps_in_order() {
        // Scale word, then currency word: "4.2 billion dollars".
        let m = one("4.2 billion dollars");
        assert_eq!(
            (m.kind, m.value, m.unit_code()),
            (MentionKind::Money, Value::Number(4.2e9), Some("USD"))
        );
        // Unit, then "and a half", then "ago".
        let m = one("two hours and a half ago");
        assert_eq!(
            (m.kind, m.value, m.unit_code()),
            (MentionKind::Relative, Value::Number(2.5), Some("hour"))
        );
        // A counted noun, negative sign.
        let m = one("minus 40 degrees");
        assert_eq!(m.value, Value::Number(-40.0));
    }
}
