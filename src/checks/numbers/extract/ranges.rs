//! Ranges share their unit and scale: "3 to 5 kilometres", "between 3 and 4
//! percent", "4 to 6 million", "$3-5 billion", "3-5 years". A glued span of
//! years ("2019-2020", "2024-25") is two years.
//!
//! Fixture: `fixtures/numbers/extraction/ranges.tsv`.

use super::classify::Draft;
use super::{mention, Core, Cx, DateValue, MentionKind, NumberMention, Value};

impl Cx<'_> {
    /// "2019-2020", "2024-25": a glued range of two years is pushed as two
    /// year mentions. Whether it was.
    pub(super) fn year_span(&self, core: &Core, d: &Draft, out: &mut Vec<NumberMention>) -> bool {
        let Some((v2, s2, e2)) = core.range.filter(|_| !core.negative) else {
            return false;
        };
        let y1 = d.value as i64;
        let digits2 = e2.saturating_sub(s2);
        let y2 = v2 as i64;
        let y2 = if digits2 == 2 { y1 - y1 % 100 + y2 } else { y2 };
        let is_year = |y: i64| (1000..=2100).contains(&y);
        let span = core.plain_digits == Some(4)
            && (digits2 == 4 || digits2 == 2)
            && is_year(y1)
            && is_year(y2)
            && y2 > y1
            && d.kind == MentionKind::Cardinal
            && d.unit.is_none();
        if !span {
            return false;
        }
        for (y, s, e) in [(y1, d.start, core.end), (y2, s2, e2)] {
            let year = DateValue {
                year: Some(y as i32),
                ..DateValue::default()
            };
            out.push(mention(s, e, MentionKind::Year, Value::Date(year)));
        }
        true
    }
}

/// Pushes the mention `d` describes; with a glued range ("3-5 years") the
/// first half ends at the core and the second half shares its unit.
pub(super) fn push_with_glued_range(core: &Core, d: Draft, out: &mut Vec<NumberMention>) {
    let mut m = mention(d.start, d.end, d.kind, Value::Number(d.value));
    m.unit = d.unit;
    m.noun = d.noun;
    m.spelled = core.spelled;
    m.step = d.step;
    m.scale = d.scale;
    let Some((v2, s2, e2)) = core.range else {
        out.push(m);
        return;
    };
    let mut second = m.clone();
    m.end = core.end;
    second.start = s2;
    second.end = e2.max(d.end);
    second.value = Value::Number(v2 * d.scale);
    out.push(m);
    out.push(second);
}

/// "3 to 5 kilometres", "between 3 and 4 percent", "$3-5 billion": the first
/// number of a range takes the second's kind, unit and scale.
pub(super) fn link_ranges(text: &str, out: &mut [NumberMention]) {
    for k in 1..out.len() {
        let (head, tail) = out.split_at_mut(k);
        let (Some(a), Some(b)) = (head.last_mut(), tail.first()) else {
            continue;
        };
        if linkable(a, b) && range_gap(text.get(a.end..b.start).unwrap_or("")) {
            share_measure(a, b);
        }
    }
}

/// Whether `a` may take `b`'s measure: `a` is a bare cardinal, or the same
/// kind and unit as `b` without its scale ("$3 to $5 billion"); written
/// alike (digits or words); `b` a kind that takes a unit. Not "19-fold to
/// 6.3 million": a number with its own noun is no range end.
fn linkable(a: &NumberMention, b: &NumberMention) -> bool {
    let bare = a.kind == MentionKind::Cardinal && a.unit.is_none() && a.noun.is_none();
    let same =
        a.kind == b.kind && a.unit == b.unit && a.noun.is_none() && a.scale == 1.0 && b.scale > 1.0;
    let takes_unit = matches!(
        b.kind,
        MentionKind::Percent
            | MentionKind::Money
            | MentionKind::Quantity
            | MentionKind::Duration
            | MentionKind::Cardinal
    );
    (bare || same) && a.spelled == b.spelled && a.step != 0.0 && takes_unit
}

/// The text between two numbers joins a range: "to", "-", "–", "—", "and",
/// "or" or nothing, with a currency sign ("$", "€", "£", "S$") allowed
/// before the second.
fn range_gap(gap: &str) -> bool {
    let gap = gap.trim();
    let gap = gap.trim_end_matches(['$', '€', '£']).trim_end();
    let gap = gap.strip_suffix("S").map_or(gap, str::trim_end);
    matches!(gap, "to" | "-" | "–" | "and" | "or" | "" | "—")
}

/// "4 to 6 million": the first number takes the second's kind, unit, noun
/// and (below 1000) scale.
fn share_measure(a: &mut NumberMention, b: &NumberMention) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_gaps() {
        for gap in [" to ", "-", " – ", " and ", " or $", " to S$", ""] {
            assert!(range_gap(gap), "{gap:?}");
        }
        for gap in [" of ", ", ", " to the "] {
            assert!(!range_gap(gap), "{gap:?}");
        }
    }
}
