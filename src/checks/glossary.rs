//! `glossary`: terms the project spells one way (`glossary-term`).
//!
//! The glossary maps a preferred term to its known wrong variants ("Kyiv":
//! "Kiev"; "Power of Siberia 2": "Power of Siberia II", "Sila Sibiri 2").
//! Each place the candidate spells a variant is a finding with the
//! preferred term as its suggestion, unless the preferred term is spelled
//! at that very place ("Power of Siberia" inside "Power of Siberia 2"), and
//! with the reference's first use of the preferred term as evidence when
//! it has one. Terms match as whole tokens in a row
//! ([`crate::text::phrase`]), case-insensitively; a variant that differs
//! from its term only in case ("Covid-19" for "COVID-19") matches exactly
//! as written. Where two variants overlap, the longer one is reported.
//!
//! The glossary is `[glossary] terms` in the config (a table from term to
//! variants) and `--glossary FILE` (tab-separated: the term, then its
//! variants; docs/FORMATS.md).

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::{Check, Context};
use crate::finding::{Finding, Kind};
use crate::lexicon::strip_possessive;
use crate::text::phrase::Phrase;
use crate::text::Article;

/// `[glossary]`: preferred terms and their wrong variants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GlossaryConfig {
    /// Preferred term → its known wrong variants (`--glossary FILE` adds to
    /// them).
    pub terms: BTreeMap<String, Vec<String>>,
}

impl GlossaryConfig {
    /// Adds `more`, the variants of a term already present joined to its own.
    pub fn extend(&mut self, more: BTreeMap<String, Vec<String>>) {
        for (term, variants) in more {
            let known = self.terms.entry(term).or_default();
            for v in variants {
                if !known.contains(&v) {
                    known.push(v);
                }
            }
        }
    }
}

/// A glossary file: one term per line, its variants after it, separated by
/// tabs; blank lines and lines starting with `#` are skipped. A line without
/// a variant is an error (with its line number).
pub fn parse_tsv(text: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
        let term = cells.next().unwrap_or_default();
        let variants: Vec<String> = cells.map(str::to_string).collect();
        if variants.is_empty() {
            return Err(format!(
                "line {}: \"{term}\" has no variant (separate the term and its variants with tabs)",
                n + 1
            ));
        }
        terms.entry(term.to_string()).or_default().extend(variants);
    }
    Ok(terms)
}

/// Reads a glossary file ([`parse_tsv`]) of at most `max_bytes`; the error
/// names the file.
pub fn read_tsv(path: &Path, max_bytes: usize) -> Result<BTreeMap<String, Vec<String>>, String> {
    let text = crate::text::read_utf8(path, max_bytes)
        .map_err(|e| format!("cannot read the glossary: {e}"))?;
    parse_tsv(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub struct Glossary;

impl Check for Glossary {
    fn name(&self) -> &'static str {
        "glossary"
    }

    fn group(&self) -> &'static str {
        "glossary"
    }

    fn description(&self) -> &'static str {
        "wrong variants of the glossary's terms (\"Kiev\" where the glossary says \"Kyiv\")"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::GlossaryTerm]
    }

    fn uses_alignment(&self) -> bool {
        false
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        find_variants(cx.candidate, cx.reference, &cx.config.glossary)
    }
}

/// One variant found: where, and the term it stands for.
struct Hit<'a> {
    tokens: Range<usize>,
    term: &'a Phrase,
}

/// Every place `candidate` spells a glossary variant (see the module doc).
/// The candidate's tokens are read once, the variants looked up by their
/// first word, so a long glossary costs little more than a short one.
pub fn find_variants(
    candidate: &Article,
    reference: &Article,
    config: &GlossaryConfig,
) -> Vec<Finding> {
    if config.terms.is_empty() {
        return Vec::new();
    }
    let entries: Vec<(Phrase, Vec<Phrase>)> = config
        .terms
        .iter()
        .filter_map(|(term, variants)| {
            let term = Phrase::new(term)?;
            let variants = variants
                .iter()
                .filter_map(|v| Phrase::new(v))
                .filter(|v| v.text != term.text)
                .collect();
            Some((term, variants))
        })
        .collect();
    // (term, variant, exact) by the variant's first normalised token.
    let mut by_first: HashMap<&str, Vec<(&Phrase, &Phrase, bool)>> = HashMap::new();
    for (term, variants) in &entries {
        for variant in variants {
            let exact = variant.same_norms(term);
            by_first
                .entry(variant.first())
                .or_default()
                .push((term, variant, exact));
        }
    }
    let mut hits: Vec<Hit> = Vec::new();
    for (i, token) in candidate.tokens.iter().enumerate() {
        // A one-word variant also matches its possessive ("Kiev's").
        let norm = token.norm.as_str();
        let bare = strip_possessive(norm);
        let keys: &[&str] = if bare == norm { &[norm] } else { &[norm, bare] };
        for key in keys {
            for &(term, variant, exact) in by_first.get(key).into_iter().flatten() {
                if !variant.matches_at(candidate, i, exact) {
                    continue;
                }
                let at = i..i + variant.len();
                // Spared where the preferred term is spelt around it.
                let from = at.end.saturating_sub(term.len());
                let spared = (from..=at.start)
                    .any(|s| s + term.len() >= at.end && term.matches_at(candidate, s, exact));
                if !spared {
                    hits.push(Hit { tokens: at, term });
                }
            }
        }
    }
    // The longer of overlapping hits, each place once.
    hits.sort_by_key(|h| (h.tokens.start, std::cmp::Reverse(h.tokens.end)));
    hits.dedup_by_key(|h| h.tokens.clone());
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if kept.last().is_some_and(|k| hit.tokens.start < k.tokens.end) {
            continue;
        }
        kept.push(hit);
    }
    kept.into_iter()
        .filter_map(|hit| {
            let first = candidate.tokens.get(hit.tokens.start)?;
            let last = candidate.tokens.get(hit.tokens.end.checked_sub(1)?)?;
            let written = candidate.text.get(first.start..last.end)?;
            let preferred = &hit.term.text;
            let message = format!("the glossary writes \"{preferred}\", not \"{written}\"");
            let finding = Finding::new(
                Kind::GlossaryTerm,
                candidate,
                first.start,
                last.end,
                message,
            )
            .with_suggestion(preferred.clone());
            Some(match hit.term.occurrences(reference, false).next() {
                Some(r) => {
                    let start = reference.tokens.get(r.start).map_or(0, |t| t.start);
                    let end = reference.tokens.get(r.end - 1).map_or(start, |t| t.end);
                    finding.with_reference(reference, start, end)
                }
                None => finding,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(tsv: &str) -> GlossaryConfig {
        GlossaryConfig {
            terms: parse_tsv(tsv).unwrap(),
        }
    }

    fn found(cand: &str, refr: &str, tsv: &str) -> Vec<(String, Option<String>)> {
        let c = Article::from_text("c", cand);
        let r = Article::from_text("r", refr);
        find_variants(&c, &r, &glossary(tsv))
            .into_iter()
            .map(|f| (f.text, f.reference.map(|e| e.text)))
            .collect()
    }

    #[test]
    fn variants_are_found_with_the_preferred_term_as_evidence() {
        let got = found(
            "Talks in Kiev and KIEV's suburbs; Kievan Rus is history.",
            "Talks in Kyiv.",
            "# house style\nKyiv\tKiev\n",
        );
        let kyiv = Some("Kyiv".to_string());
        assert_eq!(
            got,
            vec![("Kiev".into(), kyiv.clone()), ("KIEV's".into(), kyiv)]
        );
    }

    #[test]
    fn multi_word_terms_and_the_preferred_form_at_the_spot() {
        let tsv = "Power of Siberia 2\tPower of Siberia\tSila Sibiri 2\n";
        let got = found(
            "Power of Siberia 2 is planned. Power of\nSiberia carries gas. Sila Sibiri 2 too.",
            "No mention.",
            tsv,
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Power of\nSiberia", "Sila Sibiri 2"]);
        assert_eq!(got[0].1, None);
    }

    #[test]
    fn a_case_only_variant_matches_as_written() {
        let got = found(
            "COVID-19 cases and Covid-19 deaths.",
            "",
            "COVID-19\tCovid-19\n",
        );
        assert_eq!(got, vec![("Covid-19".to_string(), None)]);
    }

    #[test]
    fn overlapping_variants_report_the_longer() {
        let got = found(
            "The Kiev Pechersk Lavra.",
            "",
            "Kyiv\tKiev\nKyiv Pechersk Lavra\tKiev Pechersk Lavra\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Kiev Pechersk Lavra");
    }

    #[test]
    fn a_term_without_variants_is_an_error_with_its_line() {
        let e = parse_tsv("Kyiv\tKiev\n\nOdesa\n").unwrap_err();
        assert!(e.starts_with("line 3: \"Odesa\" has no variant"), "{e}");
        let mut g = glossary("Kyiv\tKiev\n");
        g.extend(parse_tsv("Kyiv\tKiew\tKiev\n").unwrap());
        assert_eq!(g.terms["Kyiv"], ["Kiev", "Kiew"]);
    }
}
