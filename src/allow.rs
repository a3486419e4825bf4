//! The project word list: words and phrases never flagged as non-words,
//! near-misses, repeats or glossary variants (`[allow] words` in the
//! config, and `--allow FILE`, one entry per line).
//!
//! It is one filter over the findings of the kinds whose `KINDS` row allows it ([`crate::finding::Allow`]),
//! applied after every check ran ([`crate::check`]), so no check needs to
//! know about it. A finding is dropped when
//!
//! 1. its text is an entry (tokens compared as [`crate::text::phrase`]
//!    does: case, curly apostrophes and dash variants folded; a possessive
//!    "'s" ignored), so "Gazprom" also silences the "Gazprom" part of
//!    "Gazprom-owned";
//! 2. it lies within a place where the candidate spells an entry: the
//!    non-word "Sibiri" inside the allowed phrase "Sila Sibiri";
//! 3. it is a repeat of an entry, two or more copies back to back: "bye"
//!    spares "bye bye", "Power of Siberia" spares it printed twice.
//!
//! `[repeats] allow` stays: it spares the doubling of its words inside the
//! repeats check (and with it, the clause rules that read the scan); this
//! list covers the other kinds too.

use foldhash::{HashMap, HashMapExt, HashSet};
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::finding::{Allow, Finding};
use crate::lexicon::strip_possessive;
use crate::text::phrase::{key_of, Phrase};
use crate::text::Article;

/// `[allow]`: the project word list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllowConfig {
    /// Words and phrases never flagged as non-words, near-misses, repeats or
    /// glossary variants (`--allow FILE` adds to them).
    pub words: Vec<String>,
}

/// The entries of a word-list file: one word or phrase per line; blank
/// lines and lines starting with `#` are skipped.
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Reads a word-list file ([`parse_list`]) of at most `max_bytes`; the
/// error names the file.
pub fn read_list(path: &Path, max_bytes: usize) -> Result<Vec<String>, String> {
    crate::text::read_utf8(path, max_bytes)
        .map(|t| parse_list(&t))
        .map_err(|e| format!("cannot read the word list: {e}"))
}

/// The entries, tokenized and indexed.
#[derive(Debug, Default)]
pub struct AllowList {
    phrases: Vec<Phrase>,
    /// Each phrase's normalised tokens joined with spaces.
    keys: HashSet<String>,
    /// Each phrase's word and number tokens only, for repeats.
    words: Vec<Vec<String>>,
    /// Phrases by their first token's normalised form.
    by_first: HashMap<String, Vec<usize>>,
}

impl AllowList {
    pub fn new(entries: &[String]) -> AllowList {
        let mut list = AllowList::default();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for entry in entries {
            let Some(p) = Phrase::new(entry) else {
                continue;
            };
            if !list.keys.insert(p.key()) {
                continue;
            }
            let words = crate::text::tokenize(&p.text)
                .into_iter()
                .filter(|t| t.is_wordlike())
                .map(|t| t.norm)
                .collect();
            by_first
                .entry(p.first().to_string())
                .or_default()
                .push(list.phrases.len());
            list.words.push(words);
            list.phrases.push(p);
        }
        list.by_first = by_first;
        list
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Drops the findings the list allows.
    pub fn retain(&self, findings: &mut Vec<Finding>, candidate: &Article) {
        if !self.is_empty() {
            findings.retain(|f| !self.allows(f, candidate));
        }
    }

    /// Whether the list silences `finding` (see the module doc).
    pub fn allows(&self, finding: &Finding, candidate: &Article) -> bool {
        if finding.kind.spec().allow == Allow::Never {
            return false;
        }
        let key = key_of(&finding.text);
        if self.keys.contains(strip_possessive(&key)) {
            return true;
        }
        let tokens = &candidate.tokens;
        let first = tokens.partition_point(|t| t.end <= finding.start);
        let last = tokens.partition_point(|t| t.start < finding.end);
        if first >= last {
            return false;
        }
        // (2) An entry spelled around the finding, starting at most at its
        // first token.
        let longest = self.phrases.iter().map(Phrase::len).max().unwrap_or(0);
        let from = last.saturating_sub(longest);
        for start in from..=first {
            let Some(t) = tokens.get(start) else {
                continue;
            };
            let head = strip_possessive(&t.norm);
            for &i in self.by_first.get(head).into_iter().flatten() {
                let p = &self.phrases[i];
                if start + p.len() >= last && p.matches_at(candidate, start, false) {
                    return true;
                }
            }
        }
        // (3) Copies of an entry back to back.
        if finding.kind.spec().allow == Allow::Copies {
            let found: Vec<&str> = tokens[first..last]
                .iter()
                .filter(|t| t.is_wordlike())
                .map(|t| t.norm.as_str())
                .collect();
            return self.words.iter().any(|w| {
                !w.is_empty()
                    && found.len() >= 2 * w.len()
                    && found.len().is_multiple_of(w.len())
                    && found.chunks(w.len()).all(|c| c == w.as_slice())
            });
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{kind_where, Kind};

    /// Kinds by how the word list treats them (tests never name a kind).
    fn words() -> Kind {
        kind_where(|k| k.allow == Allow::Words)
    }
    fn copies() -> Kind {
        kind_where(|k| k.allow == Allow::Copies)
    }
    fn never() -> Kind {
        kind_where(|k| k.allow == Allow::Never)
    }

    fn finding(kind: Kind, article: &Article, text: &str) -> Finding {
        let start = article.text.find(text).unwrap();
        Finding::new(kind, article, start, start + text.len(), "m")
    }

    #[test]
    fn words_phrases_and_repeats_are_allowed() {
        let a = Article::from_text(
            "c",
            "Gazpromm's chief said Sila Sibiri works, bye bye, in Gazpromm-owned plants.",
        );
        let list = AllowList::new(&parse_list("# names\nGazpromm\n\n  sila sibiri \nbye\n"));
        assert!(list.allows(&finding(words(), &a, "Gazpromm's"), &a));
        assert!(list.allows(&finding(words(), &a, "Sibiri"), &a));
        assert!(list.allows(&finding(words(), &a, "Sila"), &a));
        assert!(list.allows(&finding(copies(), &a, "bye bye"), &a));
        // The part of a compound, by its text.
        let owned = a.text.find("Gazpromm-owned").unwrap();
        let part = Finding::new(words(), &a, owned, owned + 8, "m");
        assert!(list.allows(&part, &a));
        // Other words and other kinds stand.
        assert!(!list.allows(&finding(words(), &a, "chief"), &a));
        assert!(!list.allows(&finding(never(), &a, "Gazpromm's"), &a));
        assert!(!list.allows(&finding(copies(), &a, "said"), &a));
    }

    #[test]
    fn an_empty_list_keeps_everything() {
        let a = Article::from_text("c", "x y");
        let mut f = vec![finding(words(), &a, "x")];
        AllowList::new(&[]).retain(&mut f, &a);
        assert_eq!(f.len(), 1);
        assert!(AllowList::new(&["  ".into()]).is_empty());
    }
}
