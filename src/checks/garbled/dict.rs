//! The English dictionary: Debian's SCOWL-based Hunspell `en_US` and `en_GB`
//! dictionaries (vendored in `dict/` with their copyright notices), loaded
//! once per process with `spellbook` and embedded in the binary.
//!
//! A word is English when either dictionary accepts it, so US and UK
//! spellings ("criticized"/"criticised", "meters"/"metres") are both words.

use std::sync::OnceLock;

use spellbook::Dictionary;

static EN_US_AFF: &str = include_str!("../../../dict/en_US.aff");
static EN_US_DIC: &str = include_str!("../../../dict/en_US.dic");
static EN_GB_AFF: &str = include_str!("../../../dict/en_GB.aff");
static EN_GB_DIC: &str = include_str!("../../../dict/en_GB.dic");

/// Both English dictionaries.
pub struct English {
    us: Dictionary,
    gb: Dictionary,
}

static ENGLISH: OnceLock<Option<English>> = OnceLock::new();

/// The process-wide English dictionary; `None` only if the embedded files
/// fail to parse (then the dictionary checks stay silent rather than flag
/// every word).
pub fn english() -> Option<&'static English> {
    ENGLISH.get_or_init(English::load).as_ref()
}

impl English {
    fn load() -> Option<English> {
        let strip = |s: &'static str| s.trim_start_matches('\u{FEFF}');
        let us = Dictionary::new(strip(EN_US_AFF), strip(EN_US_DIC)).ok()?;
        let gb = Dictionary::new(strip(EN_GB_AFF), strip(EN_GB_DIC)).ok()?;
        Some(English { us, gb })
    }

    /// Whether `word` (as written, case matters for names) is an English
    /// word in either spelling. Typographic apostrophes must already be
    /// folded to `'`.
    pub fn check(&self, word: &str) -> bool {
        self.us.check(word) || self.gb.check(word)
    }

    /// Hunspell's suggestions for `word`, best first (US then UK). Slow
    /// (milliseconds): call only for words already found wrong.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.us.suggest(word, &mut out);
        if out.is_empty() {
            self.gb.suggest(word, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_and_uk_spellings_are_both_words() {
        let en = english().expect("embedded dictionaries parse");
        for w in [
            "criticised",
            "criticized",
            "metres",
            "meters",
            "multipolar",
            "Kremlin",
            "The",
            "behind",
        ] {
            assert!(en.check(w), "{w} should be a word");
        }
        for w in ["bigest", "blastism", "Shapovalova"] {
            assert!(!en.check(w), "{w} should not be a word");
        }
    }

    #[test]
    fn suggests_a_correction() {
        let en = english().unwrap();
        assert!(en.suggest("bigest").iter().any(|s| s == "biggest"));
    }
}
