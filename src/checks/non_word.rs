//! `non-word`: a word in neither the English dictionary (US or UK Hunspell, or
//! SCOWL's larger list) nor the reference.
//!
//! Skipped before any look-up: words the reference uses (normalised, possessive
//! stripped), acronyms ("NATO's", "UAVs"), dotted abbreviations, words with
//! digits, accented words (names and borrowings: "d'état"), other scripts (the
//! language check's business), and pieces of web and e-mail addresses, handles
//! and domains in either article ("English.news.cn", "press@example.org").
//!
//! After a failed look-up a word is still spared when it is:
//! - a name: capitalised inside a sentence (a name that is a near-miss of a
//!   reference name is the near-miss check's business), or capitalised at a
//!   sentence start and either used again in the candidate or followed by
//!   another capitalised word ("Xia Bin said"); or written with an inner
//!   capital ("iPhone");
//! - a real word Hunspell lacks: in `dict/words-extra.txt` ("footbath",
//!   "haha"), a short acronym written in lowercase ("ok"), or a closed compound
//!   of two dictionary words ("photoshoot") that is no one-edit slip of a
//!   dictionary word ("deligently" stays flagged);
//! - a term: used three or more times in the candidate and no one-edit slip of
//!   a dictionary word (a species, a product, a transliterated name);
//! - a hyphenated compound whose parts are each a word, a number, a single
//!   letter, a capitalised part or a reference word ("behind-the-scenes",
//!   "China-Russia", "U-turn"), whose unhyphenated form is a word
//!   ("co-operate"), or a short lower-case prefix before a capitalised word
//!   ("neo-Nazism", "pro-Beijing").
//!
//! **Suggestions.** First the closest reference word (Jaro–Winkler ≥ 0.85 and
//! at most max(1, len/3) Damerau–Levenshtein edits: "neo-blastism" →
//! "neo-Nazism", with the reference word as evidence). When that is more than
//! one edit away, the dictionary word one edit away (every deletion, neighbour
//! swap, substitution and insertion is looked up, about 50 look-ups per letter;
//! swaps first, then the most Jaro–Winkler-similar: "bigest" → "biggest", "teh"
//! → "the"), and the closer of the two wins. Hunspell's own suggester takes
//! 80–90 ms per word, so it is used only when `max_dictionary_suggestions`
//! (default 0) allows, for words no single edit repairs. Suggestions are cached
//! per word within an article.

use foldhash::{HashMap, HashMapExt};

use super::{Check, Context, GarbledConfig};
use crate::finding::{Finding, Kind};
use crate::lexicon::dict::{self, English};
use crate::lexicon::language::{foreign_sentences, is_english_article};
use crate::lexicon::{is_acronym, is_capitalised, is_known, looks_like_address};
use crate::lexicon::{sentence_initial, strip_possessive, word_tokens, RefIndex};
use crate::text::Article;

pub struct NonWord;

impl Check for NonWord {
    fn name(&self) -> &'static str {
        "non-word"
    }

    fn group(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "words in neither the English dictionary nor the reference"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::NonWord]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.garbled;
        if !cfg.non_word {
            return Vec::new();
        }
        let index = RefIndex::new(cx.reference);
        let foreign = foreign_sentences(cx.candidate, cx.reference, &cx.config.language);
        find(cx, &index, &foreign, cfg)
    }
}

/// Reference words at least this similar (Jaro–Winkler) may be suggested.
const REFERENCE_SUGGESTION_MIN_JW: f64 = 0.85;

/// Uses in the candidate from which an unknown word that is no one-edit slip
/// of a dictionary word is taken for a deliberate term.
const TERM_MIN_USES: usize = 3;

/// Real words Hunspell does not know: the larger SCOWL list ("footbath",
/// "haha"), a short acronym written in lowercase ("ok" for "OK"), and a
/// closed compound of two dictionary words ("photoshoot", "claypot") that is
/// not one edit from a dictionary word ("deligently" = "deli" + "gently" is
/// a slip of "diligently").
fn is_real_word(en: &English, word: &str) -> bool {
    en.is_listed(word) || en.is_lowercase_acronym(word) || is_closed_compound(en, word)
}

/// Shortest part of a closed compound, in letters.
const COMPOUND_MIN_PART: usize = 3;

fn is_closed_compound(en: &English, word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if lower.len() < 2 * COMPOUND_MIN_PART || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let splits = COMPOUND_MIN_PART..=lower.len() - COMPOUND_MIN_PART;
    let two_words = splits
        .into_iter()
        .any(|k| en.check(&lower[..k]) && en.check(&lower[k..]));
    two_words && en.one_edit_correction(&lower).is_none()
}

/// The byte spans of `text`'s whitespace-delimited runs that look like a
/// web address, e-mail address, handle or domain ([`looks_like_address`]),
/// in order: found once per article, so a look-up is a binary search.
fn address_spans(text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .filter(|run| looks_like_address(run))
        .map(|run| {
            let start = run.as_ptr() as usize - base;
            (start, start + run.len())
        })
        .collect()
}

/// Whether byte `at` lies inside one of `spans` (sorted, disjoint).
fn inside(spans: &[(usize, usize)], at: usize) -> bool {
    let i = spans.partition_point(|&(start, _)| start <= at);
    i > 0 && spans.get(i - 1).is_some_and(|&(_, end)| at < end)
}

fn find(
    cx: &Context<'_>,
    index: &RefIndex<'_>,
    foreign: &[bool],
    cfg: &GarbledConfig,
) -> Vec<Finding> {
    let Some(en) = dict::english() else {
        return Vec::new();
    };
    let cand = cx.candidate;
    if !is_english_article(cand) {
        return Vec::new();
    }
    // How often each normalised word occurs in the candidate: a capitalised
    // word at a sentence start that recurs is a name, not a slip.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, t) in word_tokens(cand) {
        *counts.entry(strip_possessive(&t.norm)).or_insert(0) += 1;
    }
    let mut suggester = Suggester {
        en,
        index,
        budget: cfg.max_dictionary_suggestions,
        cache: HashMap::new(),
    };
    // Found on the first word that needs it: most articles have none.
    let mut addresses: Option<Vec<(usize, usize)>> = None;
    let mut out = Vec::new();
    for (si, s) in cand.sentences.iter().enumerate() {
        if foreign.get(si).copied().unwrap_or(false) {
            continue;
        }
        for i in s.tokens.clone() {
            let Some(t) = cand.tokens.get(i) else {
                continue;
            };
            if !t.is_word() {
                continue;
            }
            // A soft hyphen or zero-width character inside the word is
            // no part of its spelling.
            let visible = crate::text::tokenize::visible(t.text(&cand.text));
            let text = visible.as_ref();
            if !needs_check(text)
                || index.has(&t.norm)
                || index.in_addresses.contains(strip_possessive(&t.norm))
                || inside(
                    addresses.get_or_insert_with(|| address_spans(&cand.text)),
                    t.start,
                )
                || is_known(en, index, text)
                || is_real_word(en, strip_possessive(text))
            {
                continue;
            }
            if is_capitalised(text) || has_inner_capital(text) {
                let initial = sentence_initial(cand, s.tokens.start, i);
                let recurs = counts
                    .get(strip_possessive(&t.norm))
                    .is_some_and(|&n| n > 1);
                // "Xia Bin, a reporter": a sentence-initial name is
                // usually followed by the rest of the name.
                let before_name = cand
                    .tokens
                    .get(i + 1)
                    .filter(|n| n.is_word() && i + 1 < s.tokens.end)
                    .is_some_and(|n| is_capitalised(n.text(&cand.text)));
                if !initial || recurs || before_name || has_inner_capital(text) {
                    continue;
                }
            }
            // A word the translator uses again and again, and that is no
            // slip of a dictionary word, is a term they chose (a species,
            // a product, a transliterated name), not a garble.
            let uses = counts.get(strip_possessive(&t.norm)).copied().unwrap_or(0);
            if uses >= TERM_MIN_USES && en.one_edit_correction(strip_possessive(text)).is_none() {
                continue;
            }
            out.push(suggester.finding(cand, t.start, t.end, text, &t.norm));
        }
    }
    out
}

/// Words worth looking up: unaccented Latin letters only (accented words
/// are names and borrowings: "d'état", "Moreau-Lefèvre"; other scripts are
/// the language check's business), not acronyms or dotted abbreviations,
/// no digits.
fn needs_check(text: &str) -> bool {
    if text.contains('.') || is_acronym(text) {
        return false;
    }
    text.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                '-' | '\'' | '\u{2019}' | '\u{02BC}' | '\u{2010}' | '\u{2011}'
            )
    })
}

/// "iPhone", "eBay", "McDonald" written with a capital inside: a name.
fn has_inner_capital(text: &str) -> bool {
    text.chars().skip(1).any(char::is_uppercase)
}

/// Finds the closest word to suggest: a reference word first (cheap: a
/// Jaro–Winkler scan of the reference vocabulary); when the reference has
/// nothing within one edit, a dictionary word one edit away, and failing
/// that Hunspell's (slow) suggester, a few times per article; the closer of
/// reference and dictionary word wins.
struct Suggester<'i, 'a> {
    en: &'static English,
    index: &'i RefIndex<'a>,
    budget: usize,
    cache: HashMap<String, Option<Suggestion>>,
}

#[derive(Clone)]
struct Suggestion {
    word: String,
    /// Token in the reference that has the word.
    reference: Option<usize>,
}

impl Suggester<'_, '_> {
    fn finding(
        &mut self,
        cand: &Article,
        start: usize,
        end: usize,
        text: &str,
        norm: &str,
    ) -> Finding {
        let suggestion = match self.cache.get(norm) {
            Some(s) => s.clone(),
            None => {
                let s = self.suggest(text, norm);
                self.cache.insert(norm.to_string(), s.clone());
                s
            }
        };
        match suggestion {
            Some(Suggestion {
                word,
                reference: Some(r),
            }) => {
                let mut f = Finding::new(
                    Kind::NonWord,
                    cand,
                    start,
                    end,
                    format!("\"{text}\" is not a word; the reference has \"{word}\""),
                )
                .with_suggestion(word);
                if let Some(t) = self.index.article.tokens.get(r) {
                    f = f.with_reference(self.index.article, t.start, t.end);
                }
                f
            }
            Some(Suggestion { word, .. }) => Finding::new(
                Kind::NonWord,
                cand,
                start,
                end,
                format!("\"{text}\" is not a word; did you mean \"{word}\"?"),
            )
            .with_suggestion(word),
            None => Finding::new(
                Kind::NonWord,
                cand,
                start,
                end,
                format!("\"{text}\" is not a word in English or in the reference"),
            ),
        }
    }

    fn suggest(&mut self, text: &str, norm: &str) -> Option<Suggestion> {
        let from_reference = self.closest_in_reference(norm);
        if from_reference.as_ref().is_some_and(|&(_, d)| d <= 1) {
            return from_reference.map(|(r, _)| self.reference_suggestion(r));
        }
        let word = strip_possessive(text);
        let hyphenated = word.contains('-');
        let from_dictionary = self
            .en
            .one_edit_correction(word)
            .or_else(|| {
                // Hunspell's suggester is slow: a few calls per article.
                self.budget = self.budget.checked_sub(1)?;
                self.en
                    .suggest(word)
                    .into_iter()
                    .find(|s| !s.contains(' ') && (hyphenated || !s.contains('-')))
            })
            .map(|s| {
                let d = strsim::damerau_levenshtein(&s.to_lowercase(), strip_possessive(norm));
                (s, d)
            });
        match (from_reference, from_dictionary) {
            (Some((r, rd)), Some((_, dd))) if rd <= dd => Some(self.reference_suggestion(r)),
            (_, Some((s, _))) => Some(Suggestion {
                word: s,
                reference: None,
            }),
            (Some((r, _)), None) => Some(self.reference_suggestion(r)),
            (None, None) => None,
        }
    }

    fn reference_suggestion(&self, token: usize) -> Suggestion {
        let article = self.index.article;
        let word = article
            .tokens
            .get(token)
            .map(|t| strip_possessive(t.text(&article.text)).to_string())
            .unwrap_or_default();
        Suggestion {
            word,
            reference: Some(token),
        }
    }

    /// The closest reference word: (token, edit distance).
    fn closest_in_reference(&self, norm: &str) -> Option<(usize, usize)> {
        let norm = strip_possessive(norm);
        let len = norm.chars().count();
        let max_distance = (len / 3).max(1);
        let mut best: Option<(usize, f64, usize)> = None;
        // Every entry is weighed, a word and its possessive alike: the
        // earliest token wins a tie whatever order the map walks in.
        for (word, &token) in &self.index.words {
            let word = &**word;
            if word.len() < 3 {
                continue;
            }
            let word = strip_possessive(word);
            let jw = strsim::jaro_winkler(norm, word);
            if jw < REFERENCE_SUGGESTION_MIN_JW {
                continue;
            }
            let d = strsim::damerau_levenshtein(norm, word);
            if d > max_distance {
                continue;
            }
            let better = match best {
                None => true,
                Some((bt, bjw, bd)) => (d, -jw, token) < (bd, -bjw, bt),
            };
            if better {
                best = Some((token, jw, d));
            }
        }
        best.map(|(t, _, d)| (t, d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::with_context;
    use crate::config::Config;

    fn non_words(cand: &str, refr: &str) -> Vec<(String, Option<String>)> {
        non_words_with(cand, refr, Config::default())
    }

    fn non_words_with(cand: &str, refr: &str, config: Config) -> Vec<(String, Option<String>)> {
        with_context(cand, refr, &config, None, |cx| {
            let index = RefIndex::new(cx.reference);
            let foreign = vec![false; cx.candidate.sentences.len()];
            find(cx, &index, &foreign, &config.garbled)
                .into_iter()
                .map(|f| (f.text, f.suggestion))
                .collect()
        })
    }

    #[test]
    fn reference_suggestion_points_at_the_first_occurrence_every_time() {
        // "bottleneck" and "bottleneck's" are two entries of the reference
        // index for one word; whatever order the map walks them in, the
        // suggestion's evidence is the earliest token.
        let cand = "Officials said the botleneck was everywhere.";
        let refr = "The bottleneck slowed trade. Later the bottleneck's cause was found.";
        let first = refr.find("bottleneck").unwrap_or(usize::MAX);
        for _ in 0..32 {
            let starts: Vec<Option<usize>> =
                with_context(cand, refr, &Config::default(), None, |cx| {
                    let index = RefIndex::new(cx.reference);
                    let foreign = vec![false; cx.candidate.sentences.len()];
                    find(cx, &index, &foreign, &Config::default().garbled)
                        .into_iter()
                        .map(|f| f.reference.map(|e| e.start))
                        .collect()
                });
            assert_eq!(starts, vec![Some(first)]);
        }
    }

    fn texts(found: Vec<(String, Option<String>)>) -> Vec<String> {
        found.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn real_words_that_hunspell_lacks_are_not_non_words() {
        // Issue #27's false alarms on human translations.
        let cand = "The roundtable held a photoshoot by the footbath, ok, then a \
                    microfluidic claypot demo; haha, it was a good fieldbus.";
        assert_eq!(
            texts(non_words(cand, "Nothing alike.")),
            Vec::<String>::new()
        );
        // Slips stay flagged: a one-edit slip that splits into two words
        // ("deli" + "gently"), and plain misspellings.
        let slips = "He worked deligently on the bigest project, wahich failed.";
        assert_eq!(
            texts(non_words(slips, "Nothing alike.")),
            ["deligently", "bigest", "wahich"]
        );
    }

    #[test]
    fn pieces_of_addresses_are_not_non_words() {
        let refr = "Source: English.news.cn and ChinaNews.com reported it.";
        let cand = "The report, from cn sources and chinanews, says so.";
        assert_eq!(texts(non_words(cand, refr)), Vec::<String>::new());
        // In the candidate itself: web and e-mail addresses, handles.
        let cand = "Write to desk@xinhuanet.org or see www.xinhuanet.com/english, \
                    @xhnews or English.news.cn today.";
        assert_eq!(
            texts(non_words(cand, "Nothing alike.")),
            Vec::<String>::new()
        );
        // Without the address the pieces are words to check.
        assert_eq!(
            texts(non_words("The xinhuanet said.", "Nothing alike.")),
            ["xinhuanet"]
        );
    }

    #[test]
    fn addresses_next_to_wide_spaces_do_not_break_the_search() {
        // U+2028 and U+3000 are whitespace of three bytes.
        let cand = "They are the\u{2028}www.example.com\u{3000}bigest developing countries.";
        assert_eq!(texts(non_words(cand, "x")), ["bigest"]);
    }

    #[test]
    fn a_missing_space_after_a_full_stop_is_no_address() {
        assert!(looks_like_address("press.gov"));
        assert!(!looks_like_address("said.the"));
        assert!(looks_like_address("english.news.cn."));
    }

    #[test]
    fn a_term_used_again_and_again_is_not_a_slip() {
        let cand = "The gymnocypris przewalskii is a fish. Stocks of gymnocypris \
                    przewalskii grew. Gymnocypris przewalskii is protected.";
        assert_eq!(
            texts(non_words(cand, "The naked carp is a fish.")),
            Vec::<String>::new()
        );
        // Twice is not enough, and a repeated one-edit slip stays a slip.
        let twice = "The gymnocypris swam. The gymnocypris ate.";
        assert_eq!(texts(non_words(twice, "x")), ["gymnocypris", "gymnocypris"]);
        let slip = "The bigest one. The bigest two. The bigest three.";
        assert_eq!(texts(non_words(slip, "x")).len(), 3);
    }

    #[test]
    fn misspelling_gets_dictionary_suggestion() {
        let got = non_words("They are the bigest developing countries.", "Nothing here.");
        assert_eq!(got, vec![("bigest".into(), Some("biggest".into()))]);
    }

    #[test]
    fn hunspell_suggester_only_within_budget() {
        let text = "They met the weblebrities.";
        assert_eq!(non_words(text, "x"), vec![("weblebrities".into(), None)]);
        let mut config = Config::default();
        config.garbled.max_dictionary_suggestions = 1;
        assert_eq!(
            non_words_with(text, "x", config),
            vec![("weblebrities".into(), Some("celebrities".into()))]
        );
    }

    #[test]
    fn garbled_compound_gets_reference_suggestion() {
        let got = non_words(
            "They offset manifestations of neo-blastism and militarism.",
            "They respond to manifestations of neo-Nazism and militarism.",
        );
        assert_eq!(
            got,
            vec![("neo-blastism".into(), Some("neo-Nazism".into()))]
        );
    }

    #[test]
    fn names_acronyms_compounds_and_british_spellings_pass() {
        let got = non_words(
            "The talks in Moscow with Yulia Shapovalova and NATO's U.S. envoys were \
             behind-the-scenes; a coup d'état and neo-Nazism were criticised, the metres counted, \
             employers' and Putin’s views co-operated.",
            "Unrelated.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn words_the_reference_uses_pass() {
        assert!(non_words("The zorblat rose.", "A zorblat fell.").is_empty());
        assert_eq!(non_words("The zorblat rose.", "It fell.").len(), 1);
    }

    #[test]
    fn capitalised_sentence_start_is_checked_unless_it_recurs() {
        assert_eq!(non_words("Bigest gains came late.", "x").len(), 1);
        assert!(non_words("Shapovalova spoke. Later Shapovalova left.", "x").is_empty());
        assert!(non_words("Xia Bin, a reporter, spoke.", "x").is_empty());
    }

    /// Through the check, as the pipeline runs it (shared assertions).
    #[test]
    fn the_check_flags_a_slip_the_reference_spells_right() {
        use crate::checks::test_support::{assert_flags, assert_quiet};
        let refr = "It is the biggest city in the region.";
        assert_flags(
            "It is the bigest city in the region.",
            refr,
            Kind::NonWord,
            "bigest",
        );
        assert_quiet(refr, refr, Kind::NonWord);
    }
}
