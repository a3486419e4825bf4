//! `near-miss`: a name or phrase close to, but not, one the reference uses.
//!
//! Two shapes, both conservative:
//! - **Names**: a capitalised word inside a sentence that is in neither the
//!   dictionary nor the reference, within `name_max_distance` edits
//!   (Damerau–Levenshtein, so a swap counts once) of a reference name, both
//!   at least `name_min_len` letters long: "Merkle" for "Merkel". One name
//!   extending the other is a variant, not a slip ("Shapovalova" /
//!   "Shapovalov", "Zelenskyy" / "Zelensky"); short names differing in two
//!   letters are left alone ("Kiev" / "Kyiv" is a spelling convention), and
//!   so are names differing only in accented letters ("Kahramanmaraş").
//! - **Phrases**: a two-word lower-case phrase whose head (second word) is a content
//!   word identical to the reference's while the modifier is a different
//!   form of the reference's modifier: the two share a stem of at least
//!   `stem_min_len` letters, exactly one of them has an adjective ending
//!   (-ic, -al, -ive, -ous, …: the word class changed), and they are not
//!   inflections or US/UK spellings of one another ("hegemony bullying"
//!   for "hegemonic bullying"). Ordinary inflections
//!   are left alone ("developing"/"developed", "defend"/"defends"), as is
//!   a modifier that merely extends the reference's or is extended by it,
//!   and so
//!   is a varied head ("strong relations"/"strong relationship" is a
//!   wording choice, not a garble).
//!
//! Reference sentences aligned with the candidate's sentence are preferred as
//! evidence; without an alignment the whole reference is searched.
//!
//! US/UK spellings compare under one key (z→s, "our"→"or", a final "re"→"er",
//! "ll"→"l"). Only two-word phrases are compared: three-word garbles show up
//! as a two-word near-miss or a non-word inside them. A word already flagged
//! as a non-word is not also a near-miss. Both directions of every threshold
//! are tested here and in `fixtures/garbled/nearmiss-*`.

use foldhash::HashSet;
use rayon::prelude::*;

use super::non_word::NonWord;
use super::{Check, Context, GarbledConfig};
use crate::finding::{Finding, Kind, Severity};
use crate::lexicon::language::foreign_sentences;
use crate::lexicon::{dict, is_known, spelling_key};
use crate::lexicon::{is_capitalised, is_function_word, is_inflection_of, sentence_initial};
use crate::lexicon::{strip_possessive, RefIndex};
use crate::text::Article;

pub struct NearMiss;

impl Check for NearMiss {
    fn name(&self) -> &'static str {
        "near-miss"
    }

    fn group(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "names and phrases close to, but not, what the reference uses"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::NearMiss]
    }

    fn reads(&self) -> &'static [&'static dyn Check] {
        &[&NonWord]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.garbled;
        if !cfg.near_miss {
            return Vec::new();
        }
        let index = RefIndex::new(cx.reference);
        let foreign = foreign_sentences(cx.candidate, cx.reference, &cx.config.language);
        // A word already flagged as a non-word is not also a near-miss.
        let flagged: HashSet<usize> = cx.findings_of(&NonWord).iter().map(|f| f.start).collect();
        find(cx, &index, &foreign, cfg, &flagged)
    }
}

fn find(
    cx: &Context<'_>,
    index: &RefIndex<'_>,
    foreign: &[bool],
    cfg: &GarbledConfig,
    already_flagged: &HashSet<usize>,
) -> Vec<Finding> {
    let Some(en) = dict::english() else {
        return Vec::new();
    };
    let cand = cx.candidate;
    let refr = index.article;
    // Sentence by sentence, independently: a long article's sentences are
    // shared out over the rayon pool in runs (the aligner has finished, so
    // both cores are free), and the runs' findings joined in order.
    let table = cx.alignment.counterpart_table(cand.sentences.len());
    cand.sentences
        .par_iter()
        .enumerate()
        .with_min_len(SENTENCES_PER_JOB)
        .flat_map_iter(|(si, s)| {
            let mut out = Vec::new();
            if foreign.get(si).copied().unwrap_or(false) {
                return out;
            }
            let aligned: &[usize] = table.get(si).map_or(&[], Vec::as_slice);
            let in_aligned = |tok: usize| {
                aligned.iter().any(|&r| {
                    refr.sentences
                        .get(r)
                        .is_some_and(|rs| rs.tokens.contains(&tok))
                })
            };
            let mut prev: Option<usize> = None;
            for i in s.tokens.clone() {
                let Some(t) = cand.tokens.get(i) else {
                    continue;
                };
                if !t.is_word() {
                    prev = None;
                    continue;
                }
                if already_flagged.contains(&t.start) {
                    prev = None;
                    continue;
                }
                let text = t.text(&cand.text);
                if is_capitalised(text)
                    && !sentence_initial(cand, s.tokens.start, i)
                    && !index.has(&t.norm)
                    && !is_known(en, index, text)
                {
                    if let Some(r) = name_near_miss(index, &t.norm, cfg, &in_aligned) {
                        out.push(name_finding(cand, refr, t.start, t.end, text, r));
                    }
                }
                // Phrases of lower-case words only: names vary by design.
                if let Some(p) = prev
                    .and_then(|p| cand.tokens.get(p))
                    .filter(|p| !is_capitalised(p.text(&cand.text)) && !is_capitalised(text))
                {
                    if let Some(r) = phrase_near_miss(index, &p.norm, &t.norm, cfg, &in_aligned) {
                        out.push(phrase_finding(cand, refr, p.start, t.end, r));
                    }
                }
                prev = Some(i);
            }
            out
        })
        .collect()
}

/// Candidate sentences per rayon job: a news article is one job.
const SENTENCES_PER_JOB: usize = 256;

/// The reference name `norm` nearly is, as its token.
fn name_near_miss(
    index: &RefIndex<'_>,
    norm: &str,
    cfg: &GarbledConfig,
    in_aligned: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let norm = strip_possessive(norm);
    if norm.chars().count() < cfg.name_min_len {
        return None;
    }
    let len = norm.chars().count();
    let mut best: Option<(bool, usize, usize)> = None;
    // Only names within the distance in length can be that close (names
    // are sorted by length).
    let chars = |name: &str| name.chars().count();
    let lo = index
        .names
        .partition_point(|(n, _)| chars(n).saturating_add(cfg.name_max_distance) < len);
    let hi = index
        .names
        .partition_point(|(n, _)| chars(n) <= len.saturating_add(cfg.name_max_distance));
    for (name, tok) in index.names.get(lo..hi).unwrap_or(&[]) {
        let (name, tok) = (&**name, *tok);
        let name_len = chars(name);
        // Cheap refusals before the quadratic distance is computed.
        if name_len < cfg.name_min_len
            || name_len.abs_diff(len) > cfg.name_max_distance
            || name.starts_with(norm)
            || norm.starts_with(name)
            || differs_only_in_diacritics(norm, name)
        {
            continue;
        }
        let d = strsim::damerau_levenshtein(norm, name);
        if d == 0 || d > cfg.name_max_distance {
            continue;
        }
        let key = (!in_aligned(tok), d, tok);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    best.map(|(_, _, tok)| tok)
}

/// The reference phrase (its first token and its two tokens' span) that
/// the candidate's `modifier head` nearly is.
fn phrase_near_miss(
    index: &RefIndex<'_>,
    modifier: &str,
    head: &str,
    cfg: &GarbledConfig,
    in_aligned: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    if is_function_word(modifier) || is_function_word(head) || modifier.contains('\'') {
        return None;
    }
    if index.has_bigram(modifier, head) {
        return None;
    }
    let options = index.by_head.get(head)?;
    let mut best: Option<(bool, usize)> = None;
    for (theirs, tok) in options {
        let (theirs, tok) = (&**theirs, *tok);
        if theirs == modifier
            || theirs.starts_with(modifier)
            || modifier.starts_with(theirs)
            || !same_stem_other_form(modifier, theirs, cfg.stem_min_len)
        {
            continue;
        }
        let key = (!in_aligned(tok), tok);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    best.map(|(_, tok)| tok)
}

/// Whether `a` and `b` share a stem of `min_len` letters yet are not
/// inflections of one another ("hegemony"/"hegemonic": yes;
/// "developing"/"developed", "country"/"countries": no).
fn same_stem_other_form(a: &str, b: &str, min_len: usize) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    if common < min_len {
        return false;
    }
    // Both must differ only in an ending: at most 4 letters past the stem.
    let rest_a = a.chars().count() - common;
    let rest_b = b.chars().count() - common;
    if rest_a > 4 || rest_b > 4 {
        return false;
    }
    // The word class must change (noun for adjective: "hegemony" for
    // "hegemonic"); two nouns ("institute"/"institution") or two adjectives
    // ("systematic"/"systemic") are wording, not garble.
    if has_adjective_ending(a) == has_adjective_ending(b) {
        return false;
    }
    !is_inflection_of(a, b) && spelling_key(a) != spelling_key(b)
}

/// Endings that make an English adjective ("hegemonic", "regional",
/// "cooperative", "dangerous", "Chinese").
fn has_adjective_ending(word: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ic", "al", "ive", "ous", "ful", "less", "ary", "ian", "ese", "ish", "able", "ible",
    ];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Whether two names differ only in letters outside ASCII
/// ("Kahramanmaraş"/"Kahramanmaras"): a transliteration, not a slip.
fn differs_only_in_diacritics(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || !x.is_ascii() || !y.is_ascii())
}

fn name_finding(
    cand: &Article,
    refr: &Article,
    start: usize,
    end: usize,
    text: &str,
    token: usize,
) -> Finding {
    let name = refr
        .tokens
        .get(token)
        .map(|t| strip_possessive(t.text(&refr.text)))
        .unwrap_or("");
    let mut f = Finding::new(
        Kind::NearMiss,
        cand,
        start,
        end,
        format!("\"{text}\" is close to the reference's name \"{name}\""),
    )
    // A misspelt name is an error a reader sees and an editor must fix,
    // unlike a word-class slip in a phrase (minor, the kind's default).
    .with_severity(Severity::Major)
    .with_suggestion(name);
    if let Some(t) = refr.tokens.get(token) {
        f = f.with_reference(refr, t.start, t.end);
    }
    f
}

fn phrase_finding(
    cand: &Article,
    refr: &Article,
    start: usize,
    end: usize,
    token: usize,
) -> Finding {
    let text = cand.text.get(start..end).unwrap_or("");
    let (rs, re) = match (refr.tokens.get(token), refr.tokens.get(token + 1)) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, 0),
    };
    let theirs = refr.text.get(rs..re).unwrap_or("");
    Finding::new(
        Kind::NearMiss,
        cand,
        start,
        end,
        format!("\"{text}\" is close to the reference's \"{theirs}\""),
    )
    .with_suggestion(theirs)
    .with_reference(refr, rs, re)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::with_context;
    use crate::config::Config;

    fn near_misses(cand: &str, refr: &str) -> Vec<(String, Option<String>)> {
        let config = Config::default();
        with_context(cand, refr, &config, None, |cx| {
            let index = RefIndex::new(cx.reference);
            let foreign = vec![false; cx.candidate.sentences.len()];
            find(cx, &index, &foreign, &config.garbled, &HashSet::default())
                .into_iter()
                .map(|f| (f.text, f.suggestion))
                .collect()
        })
    }

    #[test]
    fn hegemony_bullying_is_a_near_miss_of_hegemonic_bullying() {
        let got = near_misses(
            "China opposes unilateralism and hegemony bullying.",
            "We face acts of hegemonic bullying in the world.",
        );
        assert_eq!(
            got,
            vec![(
                "hegemony bullying".into(),
                Some("hegemonic bullying".into())
            )]
        );
    }

    #[test]
    fn inflections_and_varied_heads_are_not_near_misses() {
        for (c, r) in [
            (
                "He defends national interests.",
                "He defend national interests.",
            ),
            (
                "The developed countries met.",
                "The developing countries met.",
            ),
            (
                "Economic developments slowed.",
                "Economic development slowed.",
            ),
            (
                "They have strong relations.",
                "They have strong relationship.",
            ),
            ("Many countries agreed.", "Many country agreed."),
        ] {
            assert!(
                near_misses(c, r).is_empty(),
                "{c} / {r}: {:?}",
                near_misses(c, r)
            );
        }
    }

    #[test]
    fn misspelt_name_is_a_near_miss_but_variants_are_not() {
        assert_eq!(
            near_misses(
                "Talks with Chancellor Merkle ended.",
                "Chancellor Angela Merkel spoke."
            ),
            vec![("Merkle".into(), Some("Merkel".into()))]
        );
        assert!(near_misses(
            "He met Yulia Shapovalova there.",
            "He met Yulia Shapovalov."
        )
        .is_empty());
        assert!(near_misses("Officials in Kiev spoke.", "Officials in Kyiv spoke.").is_empty());
    }

    #[test]
    fn same_word_class_spelling_variants_and_diacritics_are_not_near_misses() {
        for (c, r) in [
            ("The institute helped.", "The institution helped."),
            ("A systematic project began.", "A systemic project began."),
            (
                "They mobilise substantial funds.",
                "They mobilize substantial funds.",
            ),
            ("They overcome difficulties.", "They overcame difficulties."),
            (
                "Rescuers in Kahramanmaras searched.",
                "Rescuers in Kahramanmaraş searched.",
            ),
        ] {
            assert!(
                near_misses(c, r).is_empty(),
                "{c} / {r}: {:?}",
                near_misses(c, r)
            );
        }
        assert_eq!(
            near_misses(
                "They signed cooperation documents.",
                "They signed cooperative documents."
            )
            .len(),
            1
        );
    }

    #[test]
    fn stems_and_inflections() {
        assert!(same_stem_other_form("hegemony", "hegemonic", 5));
        assert!(!same_stem_other_form("developing", "developed", 5));
        assert!(!same_stem_other_form("country", "countries", 5));
        assert!(is_inflection_of("use", "used"));
        assert!(is_inflection_of("defend", "defends"));
    }

    /// Through the check, as the pipeline runs it (shared assertions): a
    /// changed modifier is a near-miss, and a word `non-word` flags is not
    /// also one.
    #[test]
    fn the_check_flags_a_changed_modifier_but_not_a_non_word() {
        use crate::checks::test_support::{assert_flags, assert_quiet, found};
        let refr = "They oppose hegemonic bullying in all its forms.";
        let cand = "They oppose hegemony bullying in all its forms.";
        assert_flags(cand, refr, Kind::NearMiss, "hegemony bullying");
        assert_quiet(refr, refr, Kind::NearMiss);
        let slip = "They oppose hegemonik bullying in all its forms.";
        assert!(!found(slip, refr, Kind::NonWord).is_empty());
        assert_quiet(slip, refr, Kind::NearMiss);
    }
}
