//! What a number measures, read from the words after it: percent ("37%",
//! "37 percent", "3 percentage points"), money ("4.2 billion dollars", "5
//! million US dollars", "5 million yuan"), temperatures ("31°C", "31 degrees
//! Celsius") and units ("20 km", "12 square kilometres", "20 years old").
//!
//! Fixture: `fixtures/numbers/extraction/units.tsv`.

use super::classify::Draft;
use super::{Cx, MentionKind};
use crate::checks::numbers::words::{self, Dim, Unit};

impl Cx<'_> {
    /// Step 3 of `finish`: a percent sign or word, a currency, a degree sign
    /// or a unit right after the number; the first that matches is taken.
    pub(super) fn measure_after(&self, d: &mut Draft) {
        let j = d.j;
        let w = self.linked_norm(j);
        let w1 = self.linked_norm(j + 1);
        if self.raw(j) == "%" && self.linked(j) {
            d.kind = MentionKind::Percent;
            d.take(self, 1);
        } else if matches!(w, "percent" | "pct") || (w == "per" && w1 == "cent") {
            d.kind = MentionKind::Percent;
            d.take(self, if w == "per" { 2 } else { 1 });
        } else if w == "percentage" && matches!(w1, "point" | "points") {
            d.kind = MentionKind::Percent;
            d.unit = Some(Unit {
                code: "pp",
                dim: Dim::Points,
            });
            d.take(self, 2);
        } else if let Some(c) = words::dollar_adjective(w)
            .filter(|_| matches!(w1, "dollar" | "dollars") || (w == "hong" && w1 == "kong"))
        {
            // "US dollars", "Hong Kong dollars"
            if w != "hong" || matches!(self.norm(j + 2), "dollar" | "dollars") {
                d.currency = Some(c);
                d.take(self, if w == "hong" { 3 } else { 2 });
            }
        } else if let Some(c) = words::currency_word(w).filter(|_| {
            // "3 pounds of", "won" as a verb after a count: not money.
            let weight = matches!(w, "pound" | "pounds") && w1 == "of";
            let verb =
                w == "won" && !self.cap(j - 1) && d.currency.is_none() && self.content_word(j + 1);
            !weight && !verb
        }) {
            d.currency = Some(c);
            d.take(self, 1);
        } else if let Some((u, n)) = self.degree_sign(j).or_else(|| self.unit_words(j)) {
            d.unit = Some(u);
            d.take(self, n);
        }
    }

    /// Token `j` says what a number measures: a unit, scale, percent sign
    /// or currency ("Class 2 km" is no label).
    pub(super) fn quantity_follows(&self, j: usize) -> bool {
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
        let w1 = self.linked_norm(j + 1);
        if let Some(two) = two_word_unit(w, w1) {
            return two.map(|u| (u, 2));
        }
        let u = words::unit(w)?;
        // Bare letters ("m", "t", "c", "g", "w") only right after a number.
        if w.len() <= 2 && !self.glued(j) && matches!(w, "m" | "t" | "c" | "g" | "w" | "ha" | "mi")
        {
            return None;
        }
        if u.code == "year" && matches!(w1, "old" | "olds") {
            let age = Unit {
                code: "years old",
                dim: Dim::Age,
            };
            return Some((age, 2));
        }
        if (u.code == "second" && w == "second") || (u.dim == Dim::Temperature && w == "c") {
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
            let temperature = Unit {
                code,
                dim: Dim::Temperature,
            };
            return Some((temperature, 2));
        }
        Some((u, 1))
    }
}

/// Units written as a qualifier and a unit: "square kilometres", "sq
/// miles", "nautical miles", "metric tons", "cubic metres". `None` when `w`
/// is no such qualifier; `Some(None)` when it is but `w1` is no unit it
/// takes ("square metres" yes, "square meal" no, and no one-word unit
/// either).
fn two_word_unit(w: &str, w1: &str) -> Option<Option<Unit>> {
    let length = || words::unit(w1).filter(|u| u.dim == Dim::Length);
    Some(match w {
        "square" | "sq" => length().map(|u| {
            let code = match u.code {
                "km" => "km2",
                "mi" => "mi2",
                "m" => "m2",
                _ => "sq",
            };
            Unit {
                code,
                dim: Dim::Area,
            }
        }),
        "nautical" if matches!(w1, "mile" | "miles") => Some(Unit {
            code: "nmi",
            dim: Dim::Length,
        }),
        "metric" if matches!(w1, "ton" | "tons" | "tonne" | "tonnes") => Some(Unit {
            code: "t",
            dim: Dim::Mass,
        }),
        "cubic" => length().map(|_| Unit {
            code: "m3",
            dim: Dim::Volume,
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_units() {
        assert_eq!(
            two_word_unit("square", "miles").flatten().map(|u| u.code),
            Some("mi2")
        );
        assert_eq!(two_word_unit("square", "meal"), Some(None));
        assert_eq!(
            two_word_unit("nautical", "mile").flatten().map(|u| u.code),
            Some("nmi")
        );
        assert_eq!(two_word_unit("nautical", "hour"), None);
        assert_eq!(
            two_word_unit("cubic", "metres").flatten().map(|u| u.code),
            Some("m3")
        );
    }
}
