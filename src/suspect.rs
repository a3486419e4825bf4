//! Suspect references: when the reference itself looks garbled, a figure it
//! gets wrong should not make every candidate critical (issue #27, item 7).
//!
//! The reference is read as if it were a candidate, by the checks that find
//! garbling: [`crate::checks::repeats`] (repeated words and phrases) and
//! [`crate::checks::non_word`], each against an empty
//! reference so the reference's own words do not excuse themselves. A
//! non-word counts once however often it recurs, and a capitalised one (a
//! name at a sentence start, to the finder) not at all. The reference is
//! *suspect* when it has at least [`MIN_EVIDENCE`] pieces of evidence and at
//! least one per [`WORDS_PER_EVIDENCE`] of its words: measured on the
//! WMT22/WMT23 zh→en human references (550 articles), that flags about one
//! in a hundred, each with visible slips (see the commit that added this).
//!
//! Then a `number-mismatch` or `date-mismatch` whose reference evidence lies
//! in a reference sentence that itself carries such evidence is demoted to
//! minor (kept, with a note in its message), and the report says why
//! (`reference_suspect`). The analysis depends on the reference alone and is
//! kept with it (`crate::prepared`): a batch that checks many candidates
//! against one reference does it once.
//!
//! `batch --consensus` adds its own evidence ([`crate::consensus`]): when most
//! candidates contradict the same reference figure, their reports say so too.

use std::ops::Range;
use std::sync::Arc;

use foldhash::{HashSet, HashSetExt};

use crate::align::{Alignment, Mode};
use crate::checks::{Check, Context};
use crate::config::Config;
use crate::finding::{Finding, Kind, Severity};
use crate::text::Article;

/// Fewest pieces of garbling evidence for a suspect reference.
pub const MIN_EVIDENCE: usize = 2;
/// A suspect reference has at least one piece of evidence per this many words.
pub const WORDS_PER_EVIDENCE: usize = 200;
/// Examples of evidence named in the note.
const NOTE_EXAMPLES: usize = 4;

/// The prefix of every `reference_suspect` note.
pub const PREFIX: &str = "reference suspect: ";

/// What the garbling checks find in a reference read as a candidate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceGarbling {
    /// Words of the reference.
    pub words: usize,
    /// Repeated words and phrases: (kind, text).
    pub repeats: Vec<(Kind, String)>,
    /// Distinct non-words (by normalised form), first occurrence's text.
    pub non_words: Vec<String>,
    /// Byte ranges of the reference sentences with some evidence, sorted.
    sentences: Vec<Range<usize>>,
}

impl ReferenceGarbling {
    /// Pieces of evidence: each repeat, each distinct non-word.
    pub fn evidence(&self) -> usize {
        self.repeats.len() + self.non_words.len()
    }

    /// Whether the reference looks garbled (see the module docs).
    pub fn is_suspect(&self) -> bool {
        let n = self.evidence();
        n >= MIN_EVIDENCE && n.saturating_mul(WORDS_PER_EVIDENCE) >= self.words
    }

    /// Whether byte `at` of the reference lies in a sentence with evidence.
    pub fn in_garbled_sentence(&self, at: usize) -> bool {
        let k = self.sentences.partition_point(|s| s.start <= at);
        k.checked_sub(1)
            .and_then(|k| self.sentences.get(k))
            .is_some_and(|s| at < s.end.max(s.start + 1))
    }

    /// "reference suspect: 2 repeated words and 3 non-words in the reference
    /// ("the the", "recieve", …)", when the reference is suspect.
    pub fn note(&self) -> Option<String> {
        if !self.is_suspect() {
            return None;
        }
        // Counted per kind, in the order reports list kinds.
        let non_word_kinds = crate::checks::non_word::NonWord.kinds();
        let mut parts = Vec::new();
        for kind in Kind::ALL {
            let mut n = self.repeats.iter().filter(|(k, _)| *k == kind).count();
            if non_word_kinds.contains(&kind) {
                n += self.non_words.len();
            }
            let (one, many) = kind.spec().noun;
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let listed = match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => parts.concat(),
        };
        let mut examples: Vec<String> = Vec::new();
        for t in self.repeats.iter().map(|(_, t)| t).chain(&self.non_words) {
            let shown = format!("\"{}\"", shorten(t));
            if examples.len() < NOTE_EXAMPLES && !examples.contains(&shown) {
                examples.push(shown);
            }
        }
        let more = if self.evidence() > examples.len() {
            ", …"
        } else {
            ""
        };
        Some(format!(
            "{PREFIX}{listed} in the reference ({}{more})",
            examples.join(", ")
        ))
    }
}

/// At most 40 characters of `text`, on one line.
fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", one_line.get(..i).unwrap_or_default()),
        None => one_line,
    }
}

/// The settings the garbling analysis reads: the repeated-word check's,
/// and the non-word check's (its own and the language scan it skips).
#[derive(Clone, PartialEq)]
pub(crate) struct GarblingSettings {
    repeats: crate::checks::repeats::RepeatsConfig,
    garbled: crate::checks::GarbledConfig,
    language: crate::lexicon::language::LanguageConfig,
}

impl GarblingSettings {
    pub(crate) fn of(config: &Config) -> GarblingSettings {
        GarblingSettings {
            repeats: config.repeats.clone(),
            garbled: config.garbled.clone(),
            language: config.language.clone(),
        }
    }
}

/// The garbling analysis of `reference`, computed once per reference
/// article and settings and kept with it (`crate::prepared`).
pub fn reference_garbling(reference: &Article, config: &Config) -> Arc<ReferenceGarbling> {
    let settings = GarblingSettings::of(config);
    reference
        .prepared()
        .garbling
        .get_or_compute(&settings, || analyse(reference, config))
}

fn analyse(reference: &Article, config: &Config) -> ReferenceGarbling {
    // An empty reference: nothing of the article excuses itself.
    let neutral = Article::from_text("", "");
    let mut only_non_words = config.clone();
    only_non_words.garbled.non_word = true;
    only_non_words.garbled.max_dictionary_suggestions = 0;
    let alignment = Alignment {
        mode: Mode::Comparable,
        pairs: Vec::new(),
    };
    let cx = Context::new(reference, &neutral, &alignment, &only_non_words);
    let repeats = crate::checks::repeats::find_repeats(reference, &neutral, &config.repeats);
    let non_words: Vec<Finding> = crate::checks::non_word::NonWord
        .run(&cx)
        .into_iter()
        // A capitalised non-word left by the finder is a sentence-initial
        // name it could not tell from a slip ("Huzhou", "Xiaoxue" in the
        // WMT22 references): no evidence of garbling.
        .filter(|f| !f.text.starts_with(char::is_uppercase))
        .collect();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut at = |start: usize| {
        let k = reference.sentences.partition_point(|s| s.start <= start);
        if let Some(s) = k.checked_sub(1).and_then(|k| reference.sentences.get(k)) {
            spans.push(s.start..s.end);
        }
    };
    for f in repeats.iter().chain(&non_words) {
        at(f.start);
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    let mut seen = HashSet::new();
    let distinct: Vec<String> = non_words
        .iter()
        .filter(|f| seen.insert(f.text.to_lowercase()))
        .map(|f| f.text.clone())
        .collect();
    ReferenceGarbling {
        words: reference.word_count(),
        repeats: repeats.into_iter().map(|f| (f.kind, f.text)).collect(),
        non_words: distinct,
        sentences: spans,
    }
}

/// Demotes the figures a suspect reference may have wrong: each
/// `number-mismatch` or `date-mismatch` whose reference evidence lies in a
/// reference sentence with garbling evidence becomes minor, with a note in
/// its message. Returns the report's `reference_suspect` note (`None` when
/// the reference does not look garbled).
pub fn review(findings: &mut [Finding], reference: &Article, config: &Config) -> Option<String> {
    let garbling = reference_garbling(reference, config);
    let note = garbling.note()?;
    for f in findings.iter_mut() {
        if !f.kind.spec().figure || f.severity <= Severity::Minor {
            continue;
        }
        let Some(evidence) = &f.reference else {
            continue;
        };
        if garbling.in_garbled_sentence(evidence.start) {
            f.severity = Severity::Minor;
            f.message
                .push_str(" (the reference is suspect here: its sentence looks garbled)");
        }
    }
    Some(note)
}

/// Joins `extra` notes (without [`PREFIX`]) onto an existing note.
pub fn join_notes(existing: Option<&str>, extra: &[String]) -> Option<String> {
    let mut parts: Vec<String> = existing
        .map(|e| e.strip_prefix(PREFIX).unwrap_or(e).to_string())
        .into_iter()
        .collect();
    for e in extra {
        if !parts.contains(e) {
            parts.push(e.clone());
        }
    }
    (!parts.is_empty()).then(|| format!("{PREFIX}{}", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn garbling(text: &str) -> Arc<ReferenceGarbling> {
        reference_garbling(&Article::from_text("r", text), &Config::default())
    }

    #[test]
    fn a_clean_reference_is_not_suspect() {
        let g = garbling(
            "The council approved the budget on Monday. It will fund 40 new schools \
             and repair roads in the north of the province.",
        );
        assert_eq!(g.evidence(), 0);
        assert_eq!(g.note(), None);
    }

    #[test]
    fn one_slip_is_not_enough() {
        let g = garbling("The council approved the the budget on Monday. It funds schools.");
        assert_eq!(g.evidence(), 1);
        assert!(!g.is_suspect());
    }

    #[test]
    fn repeats_and_non_words_make_a_suspect_reference() {
        let text = "The council approved the the budget on Monday. It will fund \
                    160,000 new schoolz, and schoolz are needed. Roads roads will wait.";
        let r = Article::from_text("r", text);
        let g = reference_garbling(&r, &Config::default());
        assert_eq!(g.non_words, ["schoolz"]);
        assert_eq!(g.evidence(), 3, "{g:?}");
        let note = g.note().expect("suspect");
        assert!(
            note.starts_with(
                "reference suspect: 2 repeated words and 1 non-word in the reference (\"the the\""
            ),
            "{note}"
        );
        let figure = text.find("160,000").unwrap_or(0);
        assert!(g.in_garbled_sentence(figure));
        // Computed once per reference article.
        assert!(Arc::ptr_eq(&g, &reference_garbling(&r, &Config::default())));
    }

    #[test]
    fn evidence_must_be_dense_enough() {
        let clean: String = (0..60)
            .map(|i| format!("Plan {i} for the schools was approved by the council. "))
            .collect();
        let text = format!("The the council met. The schoolz open. {clean}");
        let g = garbling(&text);
        assert_eq!(g.evidence(), 2);
        assert!(g.words > 2 * WORDS_PER_EVIDENCE);
        assert!(!g.is_suspect());
    }

    #[test]
    fn notes_join_without_repeating_the_prefix() {
        let joined = join_notes(Some("reference suspect: a"), &["b".into(), "a".into()]);
        assert_eq!(joined.as_deref(), Some("reference suspect: a; b"));
        assert_eq!(join_notes(None, &[]), None);
    }
}
