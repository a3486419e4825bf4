//! The English dictionary: Debian's SCOWL-based Hunspell `en_US`
//! (hunspell-en-us 2020.12.07-2) and `en_GB` (hunspell-en-gb 7.5.0-1)
//! dictionaries, vendored in `dict/` with their copyright notices, parsed once
//! per process with `spellbook` (the two side by side) and embedded with
//! `include_str!`, so the binary needs no files at run time; beside them
//! `dict/words-extra.txt`, SCOWL's larger word lists less what Hunspell already
//! knows (dict/README.md).
//!
//! A word is English when either dictionary accepts it, so US and UK spellings
//! ("criticized"/"criticised", "meters"/"metres") are both words. Hunspell
//! handles capitalisation ("The", "DEVELOPMENT"), and its affixes give
//! possessives and plurals. Look-ups are memoised per thread (at most 65,536
//! words), and so are one-edit corrections (at most 4,096 words: a non-word
//! recurs across the translations of a story, and its search costs about a
//! thousand look-ups). The extra list only answers the non-word check;
//! suggestions come from Hunspell alone.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use spellbook::Dictionary;

static EN_US_AFF: &str = include_str!("../../dict/en_US.aff");
static EN_US_DIC: &str = include_str!("../../dict/en_US.dic");
static EN_GB_AFF: &str = include_str!("../../dict/en_GB.aff");
static EN_GB_DIC: &str = include_str!("../../dict/en_GB.dic");
/// Real words the Hunspell dictionaries leave out (SCOWL's larger lists,
/// dict/README.md): lowercase ASCII, one per line, sorted.
static WORDS_EXTRA: &str = include_str!("../../dict/words-extra.txt");

/// Both English dictionaries.
pub struct English {
    us: Dictionary,
    gb: Dictionary,
}

/// Longest word (in bytes) the memo keeps; longer ones are looked up each time.
const MEMO_MAX_WORD: usize = 40;
/// The memo is emptied when it reaches this many words (bounded memory
/// however many articles a batch thread checks: about 5 MB at most).
const MEMO_MAX_ENTRIES: usize = 65_536;

type Memo = HashMap<Box<str>, bool, foldhash::fast::RandomState>;

/// Corrections kept per thread at most (emptied when full): a non-word
/// recurs across the translations of one article and across articles of
/// one story ("Chinanews", a garbled name), and a search costs hundreds of
/// look-ups.
const CORRECTIONS_MAX_ENTRIES: usize = 4_096;

type Corrections = HashMap<Box<str>, Option<String>, foldhash::fast::RandomState>;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    static CORRECTIONS: RefCell<Corrections> = RefCell::new(Corrections::default());
}

static ENGLISH: OnceLock<Option<English>> = OnceLock::new();
static EXTRA: OnceLock<Vec<&'static str>> = OnceLock::new();

/// The lines of [`WORDS_EXTRA`], split once per process (sorted in the file;
/// sorted again here so a hand-edited file cannot break the search).
fn extra_words() -> &'static [&'static str] {
    EXTRA.get_or_init(|| {
        let mut words: Vec<&'static str> = WORDS_EXTRA.lines().filter(|l| !l.is_empty()).collect();
        words.sort_unstable();
        words
    })
}

/// The process-wide English dictionary; `None` only if the embedded files
/// fail to parse (then the dictionary checks stay silent rather than flag
/// every word).
pub fn english() -> Option<&'static English> {
    ENGLISH.get_or_init(English::load).as_ref()
}

impl English {
    fn load() -> Option<English> {
        let strip = |s: &'static str| s.trim_start_matches('\u{FEFF}');
        // The two parse side by side (about 30 ms each), on a plain thread:
        // a rayon worker waiting here could pick up a job that asks for the
        // dictionary being loaded and wait on itself.
        let (us, gb) = std::thread::scope(|scope| {
            let gb = scope.spawn(|| Dictionary::new(strip(EN_GB_AFF), strip(EN_GB_DIC)).ok());
            let us = Dictionary::new(strip(EN_US_AFF), strip(EN_US_DIC)).ok();
            (us, gb.join().ok().flatten())
        });
        Some(English { us: us?, gb: gb? })
    }

    /// Whether `word` is a short acronym written in lowercase ("ok" for
    /// "OK", "tv" for "TV"): at most four lowercase letters whose capitals
    /// are a dictionary word that the dictionary holds in capitals only (a
    /// capitalised form such as "Rome" or "Iran" is a name, not an acronym:
    /// "rome" stays a non-word).
    pub fn is_lowercase_acronym(&self, word: &str) -> bool {
        if word.is_empty() || word.len() > 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        let mut title = word.to_ascii_uppercase();
        title[1..].make_ascii_lowercase();
        self.check(&word.to_ascii_uppercase()) && !self.check(&title)
    }

    /// Whether `word` is in the larger SCOWL word list (`dict/words-extra.txt`):
    /// written in lowercase, capitalised or in capitals. A binary search of
    /// the sorted embedded list; only the non-word check asks, suggestions
    /// never come from it.
    pub fn is_listed(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return false;
        };
        let lower_rest = rest.iter().all(u8::is_ascii_lowercase);
        let upper = first.is_ascii_uppercase() && rest.iter().all(u8::is_ascii_uppercase);
        if !first.is_ascii_alphabetic() || !(lower_rest || upper) {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        extra_words().binary_search(&lower.as_str()).is_ok()
    }

    /// Whether `word` (as written, case matters for names) is an English
    /// word in either spelling. Typographic apostrophes must already be
    /// folded to `'`.
    ///
    /// Answers are memoised per thread: news text repeats the same few
    /// thousand words, and a Hunspell look-up (affix stripping, compounds,
    /// casing variants, then the second dictionary) costs about a
    /// microsecond against tens of nanoseconds for the memo.
    pub fn check(&self, word: &str) -> bool {
        if word.len() > MEMO_MAX_WORD {
            return self.lookup(word);
        }
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(&known) = memo.get(word) {
                return known;
            }
            let known = self.lookup(word);
            if memo.len() >= MEMO_MAX_ENTRIES {
                memo.clear();
            }
            memo.insert(word.into(), known);
            known
        })
    }

    fn lookup(&self, word: &str) -> bool {
        self.us.check(word) || self.gb.check(word)
    }

    /// The English word one edit (deletion, swap of neighbours, substitution
    /// or insertion of a letter) away from `word` that is most like it by
    /// Jaro–Winkler; capitalised like `word`. About 50 look-ups per letter,
    /// so up to milliseconds for a long non-word (answers are memoised per
    /// thread): the first resort for a suggestion.
    pub fn one_edit_correction(&self, word: &str) -> Option<String> {
        if word.len() > MEMO_MAX_WORD {
            return self.one_edit_search(word);
        }
        if let Some(found) = CORRECTIONS.with(|c| c.borrow().get(word).cloned()) {
            return found;
        }
        let found = self.one_edit_search(word);
        CORRECTIONS.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CORRECTIONS_MAX_ENTRIES {
                c.clear();
            }
            c.insert(word.into(), found.clone());
        });
        found
    }

    fn one_edit_search(&self, word: &str) -> Option<String> {
        let lower: Vec<char> = word.to_lowercase().chars().collect();
        if lower.len() < 3 || lower.len() > 30 {
            return None;
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let mut best: Option<(f64, String)> = None;
        let mut buf = String::with_capacity(word.len() + 4);
        // A swap of neighbours is the likeliest typo and Jaro–Winkler
        // underrates it on short words, so swaps come first ("teh" → "the",
        // not "tech").
        let mut consider = |chars: &mut dyn Iterator<Item = char>,
                            bonus: f64,
                            best: &mut Option<(f64, String)>| {
            buf.clear();
            for (k, c) in chars.enumerate() {
                if k == 0 && capital {
                    buf.extend(c.to_uppercase());
                } else {
                    buf.push(c);
                }
            }
            if best.as_ref().is_some_and(|(_, b)| *b == buf) || !self.lookup(&buf) {
                return;
            }
            let jw = strsim::jaro_winkler(word, &buf) + bonus;
            if best.as_ref().is_none_or(|(b, _)| jw > *b) {
                *best = Some((jw, buf.clone()));
            }
        };
        let n = lower.len();
        for i in 0..n {
            // Deletion of letter i.
            consider(
                &mut lower
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != i)
                    .map(|(_, &c)| c),
                0.0,
                &mut best,
            );
            // Swap of letters i and i + 1.
            if i + 1 < n {
                let mut swapped = lower.clone();
                swapped.swap(i, i + 1);
                consider(&mut swapped.into_iter(), 1.0, &mut best);
            }
        }
        for letter in 'a'..='z' {
            for i in 0..=n {
                // Insertion before position i, substitution at i.
                let ins = lower[..i].iter().copied().chain(std::iter::once(letter));
                consider(&mut ins.chain(lower[i..].iter().copied()), 0.0, &mut best);
                if i < n && lower[i] != letter {
                    let sub = lower[..i].iter().copied().chain(std::iter::once(letter));
                    consider(
                        &mut sub.chain(lower[i + 1..].iter().copied()),
                        0.0,
                        &mut best,
                    );
                }
            }
        }
        best.map(|(_, w)| w)
    }

    /// Hunspell's suggestions for `word`, best first (US then UK). Slow
    /// (tens of milliseconds): call only for words already found wrong, and
    /// only when [`English::one_edit_correction`] found nothing.
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
    fn memoised_answers_match_the_dictionaries_and_stay_bounded() {
        let en = english().expect("embedded dictionaries parse");
        let words = [
            "criticised",
            "bigest",
            "Kremlin",
            "kremlin",
            "x".repeat(60).leak(),
        ];
        for _ in 0..3 {
            for w in words {
                assert_eq!(en.check(w), en.lookup(w), "{w}");
            }
        }
        for k in 0..MEMO_MAX_ENTRIES + 10 {
            en.check(&format!("w{k}"));
        }
        MEMO.with(|m| assert!(m.borrow().len() <= MEMO_MAX_ENTRIES));
        assert!(en.check("criticised") && !en.check("bigest"));
    }

    #[test]
    fn the_larger_list_knows_rarer_words_in_any_usual_casing() {
        let en = english().unwrap();
        for w in [
            "footbath",
            "Footbath",
            "FOOTBATH",
            "haha",
            "leucocythemia",
            "closestool",
        ] {
            assert!(en.is_listed(w), "{w}");
        }
        for w in ["bigest", "neoblastism", "fOOtbath", "", "foot-bath"] {
            assert!(!en.is_listed(w), "{w}");
        }
        // Lowercase acronyms, not lowercase names.
        assert!(en.is_lowercase_acronym("ok"));
        for w in ["rome", "iran", "ohio", "okay", "", "OK"] {
            assert!(!en.is_lowercase_acronym(w), "{w}");
        }
    }

    #[test]
    fn one_edit_corrections() {
        let en = english().unwrap();
        assert_eq!(en.one_edit_correction("bigest").as_deref(), Some("biggest"));
        assert_eq!(en.one_edit_correction("Bigest").as_deref(), Some("Biggest"));
        assert_eq!(
            en.one_edit_correction("goverment").as_deref(),
            Some("government")
        );
        assert_eq!(en.one_edit_correction("teh").as_deref(), Some("the"));
        assert_eq!(en.one_edit_correction("xqzvkw"), None);
    }

    #[test]
    fn suggests_a_correction() {
        let en = english().unwrap();
        assert!(en.suggest("bigest").iter().any(|s| s == "biggest"));
    }
}
