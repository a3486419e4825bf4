//! Calendar arithmetic and date compatibility.

use super::extract::DateValue;

/// ISO weekday (Monday = 1) of a Gregorian date; `None` if it does not exist.
pub fn weekday_of(year: i32, month: u8, day: u8) -> Option<u8> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Sakamoto's method: 0 = Sunday.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let t = T.get(usize::from(month) - 1).copied()?;
    let w = (y + y / 4 - y / 100 + y / 400 + t + i32::from(day)).rem_euclid(7);
    Some(if w == 0 { 7 } else { w as u8 })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How two partial dates relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRelation {
    /// Every part both give agrees, and they share at least one.
    Same,
    /// A part both give differs ("Nov. 8" vs "May 8", "2018" vs "2019").
    Conflict,
    /// No part in common ("May" vs "2025").
    Unrelated,
}

/// Compares the parts two dates have in common.
pub fn relate_dates(a: &DateValue, b: &DateValue) -> DateRelation {
    let mut shared = 0;
    let mut differ = false;
    let mut check = |x: Option<i64>, y: Option<i64>| {
        if let (Some(x), Some(y)) = (x, y) {
            shared += 1;
            differ |= x != y;
        }
    };
    check(a.year.map(i64::from), b.year.map(i64::from));
    check(a.month.map(i64::from), b.month.map(i64::from));
    check(a.day.map(i64::from), b.day.map(i64::from));
    if shared == 0 {
        return DateRelation::Unrelated;
    }
    if differ {
        return DateRelation::Conflict;
    }
    match (a.part, b.part) {
        (Some(x), Some(y)) if x != y => DateRelation::Conflict,
        _ => DateRelation::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_weekdays() {
        assert_eq!(weekday_of(2025, 5, 8), Some(4)); // Thursday
        assert_eq!(weekday_of(2000, 2, 29), Some(2)); // Tuesday
        assert_eq!(weekday_of(2025, 2, 29), None);
        assert_eq!(weekday_of(2024, 12, 25), Some(3)); // Wednesday
    }

    #[test]
    fn partial_dates() {
        let d = |y: Option<i32>, m: Option<u8>, day: Option<u8>| DateValue {
            year: y,
            month: m,
            day,
            part: None,
        };
        assert_eq!(
            relate_dates(&d(None, Some(11), Some(8)), &d(None, Some(5), Some(8))),
            DateRelation::Conflict
        );
        assert_eq!(
            relate_dates(&d(None, None, Some(8)), &d(Some(2025), Some(5), Some(8))),
            DateRelation::Same
        );
        assert_eq!(
            relate_dates(&d(None, Some(5), None), &d(Some(2025), None, None)),
            DateRelation::Unrelated
        );
    }
}
