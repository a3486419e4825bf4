//! Comparison of mentions: when two mentions say the same thing, when they
//! conflict. [`relate`] is symmetric and allocates nothing.
//!
//! Two mentions are **Equal** ([`Relation::Equal`]) when they say the same
//! thing after normalisation: the same family of kind (counts — cardinal,
//! money, quantity, duration, relative-with-number; ordinals; percentages;
//! dates and years; weekdays; decades; times; names), the same value and
//! compatible units.
//!
//! - Numbers are equal if equal, or equal at the coarser of the two roundings
//!   written ("4.2 billion" ≈ "4.23 billion", step 10⁸), never across orders of
//!   magnitude ("1,200" ≠ "12,000", "million" ≠ "billion").
//! - Units of the same dimension convert ("20 km" = "12 miles" within 5%, "two
//!   weeks" = "14 days", "54 years old" = "54 years", "31 degrees" = "31°C"); a
//!   duration needs its unit on both sides ("three weeks" ≠ "3"); money needs
//!   equal currencies when both give one; counted nouns never block equality
//!   ("45 people" = "45 seats" for support) but different nouns never conflict.
//! - Dates are equal when every part both give agrees and they share one ("May
//!   8" = "the 8th", "May 2025" = "2025", "mid-2026" = "the middle of 2026"). A
//!   weekday equals a full date falling on it. "half" = "50%". "the 8th" (day)
//!   = "8th" (ordinal).
//! - A label ("Class 1", "Level 1") compares by value only, and equals the same
//!   bare number; a known name ("World War II", "Henry VIII") compares by name
//!   and value.
//!
//! **ValueMismatch**: same slot, different value — same unit (or both without),
//! same counted noun (or one side without), dates sharing a part that differs,
//! two weekdays, two years. A fraction never conflicts with a whole count, and
//! "4" never conflicts with "4 million" (a range read apart).
//!
//! **UnitMismatch**: same value, different unit of the same dimension ("20
//! miles" vs "20 kilometres", "5 million euros" vs "5 million dollars"). Values
//! and units both different are treated as unrelated (a conversion or another
//! fact), never as a conflict.
//!
//! `fixtures/numbers/comparison.tsv` holds the cases, mention pair → relation.

use super::dates::{relate_dates, weekday_of, DateRelation};
use super::extract::{MentionKind, NumberMention, Value};
use super::words::Dim;

/// How a candidate mention relates to a reference mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Same value (and unit) after normalisation: "four percent" = "4%".
    Equal,
    /// Same kind of thing, different value: "1,200" vs "12,000 containers".
    ValueMismatch,
    /// Same value, different unit of the same dimension: "20 miles" vs "20 kilometres".
    UnitMismatch,
    /// Not about the same thing.
    Unrelated,
}

/// Families of kinds that can be compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Count,
    Ordinal,
    Percent,
    Date,
    Weekday,
    Decade,
    Time,
    Name,
    Vague,
}

fn family(m: &NumberMention) -> Family {
    match m.kind {
        MentionKind::Cardinal
        | MentionKind::Money
        | MentionKind::Quantity
        | MentionKind::Duration => Family::Count,
        MentionKind::Relative if matches!(m.value, Value::Number(_)) => Family::Count,
        MentionKind::Relative => Family::Vague,
        MentionKind::Ordinal => Family::Ordinal,
        MentionKind::Percent => Family::Percent,
        MentionKind::Date | MentionKind::Year => Family::Date,
        MentionKind::Weekday => Family::Weekday,
        MentionKind::Decade => Family::Decade,
        MentionKind::Time => Family::Time,
        MentionKind::Name => Family::Name,
    }
}

/// Whether two numbers are the same as written: equal, or equal at the
/// coarser rounding of the two ("4.2 billion" = "4,200,000,000" = "4.23bn"
/// only if one is written at the other's precision).
pub fn same_number(a: f64, step_a: f64, b: f64, step_b: f64) -> bool {
    let tol = 1e-9 * a.abs().max(b.abs()).max(1.0);
    if (a - b).abs() <= tol {
        return true;
    }
    let step = step_a.max(step_b);
    step > 1.0 && (a / step).round() == (b / step).round() && (a - b).abs() < step
}

/// Size of a unit in its dimension's base unit, for conversions a
/// translation may legitimately make ("20 kilometres (12 miles)").
fn factor(code: &str) -> Option<f64> {
    Some(match code {
        "km" => 1000.0,
        "m" => 1.0,
        "cm" => 0.01,
        "mm" => 0.001,
        "mi" => 1609.344,
        "nmi" => 1852.0,
        "ft" => 0.3048,
        "yd" => 0.9144,
        "t" => 1000.0,
        "kg" => 1.0,
        "g" => 0.001,
        "lb" => 0.453_592,
        "ms" => 1.0 / 86_400_000.0,
        "second" => 1.0 / 86400.0,
        "minute" => 1.0 / 1440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 30.44,
        "year" => 365.25,
        "decade" => 3652.5,
        "century" => 36525.0,
        "GW" => 1e9,
        "MW" => 1e6,
        "kW" => 1e3,
        "W" => 1.0,
        "km2" => 1e6,
        "ha" => 1e4,
        "m2" => 1.0,
        "mi2" => 2_589_988.0,
        "acre" => 4046.86,
        _ => return None,
    })
}

fn num(m: &NumberMention) -> Option<f64> {
    m.value.number()
}

/// Relates candidate mention `c` to reference mention `r`. Symmetric.
pub fn relate(c: &NumberMention, r: &NumberMention) -> Relation {
    #[cfg(test)]
    crate::cost::tick(1);
    let (fc, fr) = (family(c), family(r));
    if fc == Family::Vague || fr == Family::Vague {
        return Relation::Unrelated;
    }
    if fc != fr {
        return cross_family(c, r).unwrap_or(Relation::Unrelated);
    }
    match fc {
        Family::Count => relate_counts(c, r),
        Family::Ordinal => relate_plain(c, r),
        Family::Percent => {
            let (uc, ur) = (c.unit_code(), r.unit_code());
            if uc.is_some() && ur.is_some() && uc != ur {
                return Relation::Unrelated;
            }
            relate_plain(c, r)
        }
        Family::Date => match (&c.value, &r.value) {
            (Value::Date(a), Value::Date(b)) => match relate_dates(a, b) {
                DateRelation::Same => Relation::Equal,
                DateRelation::Conflict => Relation::ValueMismatch,
                DateRelation::Unrelated => Relation::Unrelated,
            },
            _ => Relation::Unrelated,
        },
        Family::Weekday => {
            if c.value == r.value {
                Relation::Equal
            } else {
                Relation::ValueMismatch
            }
        }
        Family::Decade => match (num(c), num(r)) {
            (Some(a), Some(b)) => {
                let same = a == b || ((a < 100.0 || b < 100.0) && a % 100.0 == b % 100.0);
                if same {
                    Relation::Equal
                } else {
                    Relation::ValueMismatch
                }
            }
            _ => Relation::Unrelated,
        },
        Family::Time => match (num(c), num(r)) {
            // Without a.m./p.m. "5:00" may be 17:00: compare on a 12-hour dial.
            (Some(a), Some(b)) if a % 720.0 == b % 720.0 => Relation::Equal,
            (Some(_), Some(_)) => Relation::ValueMismatch,
            _ => Relation::Unrelated,
        },
        Family::Name => {
            // A label ("Class 1", "Level 1") compares by value only; a
            // known name ("World War II", "Henry VIII") by name and value.
            let labels = is_label(c) && is_label(r);
            if c.noun == r.noun {
                if c.value == r.value {
                    Relation::Equal
                } else {
                    Relation::ValueMismatch
                }
            } else if labels && c.value == r.value {
                Relation::Equal
            } else {
                Relation::Unrelated
            }
        }
        Family::Vague => Relation::Unrelated,
    }
}

/// A number labelling a name written with digits after a capitalised word
/// ("Siberia 2", "Class 1", "Article 5"), as opposed to a known name with a
/// Roman numeral ("World War II", "Pope Leo XIV").
pub fn is_label(m: &NumberMention) -> bool {
    m.kind == MentionKind::Name
        && m.noun
            .as_deref()
            .is_some_and(|n| !n.contains(' ') && !super::words::regnal_name(n))
}

/// "the 8th" (a day) and "8th" (an ordinal) say the same; a weekday agrees
/// with a full date that falls on it; a label's number agrees with the same
/// plain number ("Class 1" at a sentence start is read as a bare "1").
fn cross_family(c: &NumberMention, r: &NumberMention) -> Option<Relation> {
    let pair = |a: &NumberMention, b: &NumberMention| -> Option<Relation> {
        if is_label(a) && b.kind == MentionKind::Cardinal && b.unit.is_none() && !b.spelled {
            return (a.value == b.value).then_some(Relation::Equal);
        }
        match (&a.value, &b.value) {
            (Value::Date(d), Value::Number(v)) if b.kind == MentionKind::Ordinal => {
                let only_day = d.year.is_none() && d.month.is_none() && d.day.is_some();
                (only_day && d.day.map(f64::from) == Some(*v)).then_some(Relation::Equal)
            }
            // "half" = "50%", "a quarter" = "25%"
            (Value::Number(p), Value::Number(f))
                if a.kind == MentionKind::Percent && b.spelled && *f > 0.0 && *f < 1.0 =>
            {
                // Percentages are rounded: "a third" = "33%".
                ((p - f * 100.0).abs() < 0.5).then_some(Relation::Equal)
            }
            (Value::Date(d), Value::Weekday(w)) => {
                let wd = weekday_of(d.year?, d.month?, d.day?)?;
                (wd == *w).then_some(Relation::Equal)
            }
            _ => None,
        }
    };
    pair(c, r).or_else(|| pair(r, c))
}

/// Cardinals, ordinals, percentages: value first, then what they count.
fn relate_plain(c: &NumberMention, r: &NumberMention) -> Relation {
    let (Some(a), Some(b)) = (num(c), num(r)) else {
        return Relation::Unrelated;
    };
    if same_number(a, c.step, b, r.step) {
        return Relation::Equal;
    }
    // "half" and "four parties" are not two versions of one figure.
    let fraction = |m: &NumberMention, v: f64| m.spelled && v < 1.0 && v > 0.0;
    if fraction(c, a) != fraction(r, b) {
        return Relation::Unrelated;
    }
    // "4" against "4 million" is a range read apart ("4 to 6 million"), not a conflict.
    if (c.scale > 1.0) != (r.scale > 1.0) {
        let ratio = if a.abs() > b.abs() { a / b } else { b / a };
        if [1e3, 1e6, 1e9, 1e12]
            .iter()
            .any(|&s| (ratio - s).abs() < 1e-6 * s)
        {
            return Relation::Unrelated;
        }
    }
    match (&c.noun, &r.noun) {
        (Some(x), Some(y)) if x != y => Relation::Unrelated,
        // A rank without its noun ("came first") is too loose to contradict
        // "the second meeting".
        (Some(_), None) | (None, Some(_)) if c.kind == MentionKind::Ordinal => Relation::Unrelated,
        _ => Relation::ValueMismatch,
    }
}

fn relate_counts(c: &NumberMention, r: &NumberMention) -> Relation {
    let (Some(a), Some(b)) = (num(c), num(r)) else {
        return Relation::Unrelated;
    };
    let measured = |m: &NumberMention| m.unit.filter(|u| u.dim != Dim::Count);
    match (measured(c), measured(r)) {
        (Some(uc), Some(ur)) => {
            // "54 years old" and "54 years" (of age) are one figure.
            let age_years = |x: Dim, code: &str| x == Dim::Age || code == "year";
            if uc.dim != ur.dim {
                if age_years(uc.dim, uc.code) && age_years(ur.dim, ur.code) && a == b {
                    return Relation::Equal;
                }
                return Relation::Unrelated;
            }
            // "31 degrees" leaves the scale open: it is the same as "31°C".
            let open_degrees = uc.dim == Dim::Temperature && (uc.code == "°" || ur.code == "°");
            if uc.code == ur.code || open_degrees {
                return if same_number(a, c.step, b, r.step) {
                    Relation::Equal
                } else {
                    Relation::ValueMismatch
                };
            }
            if let (Some(fa), Some(fb)) = (factor(uc.code), factor(ur.code)) {
                let (x, y) = (a * fa, b * fb);
                if (x - y).abs() <= 0.05 * x.abs().max(y.abs()) {
                    return Relation::Equal;
                }
            }
            if same_number(a, c.step, b, r.step) {
                Relation::UnitMismatch
            } else {
                // Different units and values: likely a conversion or another fact.
                Relation::Unrelated
            }
        }
        (Some(u), None) | (None, Some(u)) => {
            // A duration needs its unit on both sides ("three weeks" ≠ "3").
            if u.dim == Dim::Time || u.dim == Dim::Age {
                return Relation::Unrelated;
            }
            if same_number(a, c.step, b, r.step) {
                Relation::Equal
            } else {
                Relation::Unrelated
            }
        }
        (None, None) => relate_plain(c, r),
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract::extract_text;
    use super::*;

    fn rel(a: &str, b: &str) -> Relation {
        let x = extract_text(a);
        let y = extract_text(b);
        assert_eq!(x.len(), 1, "{a}: {x:?}");
        assert_eq!(y.len(), 1, "{b}: {y:?}");
        relate(&x[0], &y[0])
    }

    #[test]
    fn equal_forms() {
        assert_eq!(rel("four percent", "4%"), Relation::Equal);
        assert_eq!(rel("Nov. 8", "8 November"), Relation::Equal);
        assert_eq!(rel("$4.2bn", "4.2 billion dollars"), Relation::Equal);
    }

    #[test]
    fn mismatches() {
        assert_eq!(
            rel("1,200 containers", "12,000 containers"),
            Relation::ValueMismatch
        );
        assert_eq!(rel("20 miles", "20 kilometres"), Relation::UnitMismatch);
        assert_eq!(rel("Tuesday", "Wednesday"), Relation::ValueMismatch);
    }

    #[test]
    fn rounding_step() {
        assert!(same_number(4.2e9, 1e8, 4.23e9, 1e7));
        assert!(!same_number(1200.0, 1.0, 12000.0, 1.0));
        assert!(!same_number(4.2e6, 1e5, 4.2e9, 1e8));
    }
}
