//! `unbalanced-punctuation`: quote marks and brackets that do not pair up
//! within their paragraph (quotes may run over several sentences).
//!
//! Straight quotes have no direction, so each one's role comes from its
//! neighbours: after a space or at the start of a line and before a letter
//! it opens, after a letter or punctuation and before a space it closes;
//! otherwise it closes an open quote of its kind or opens a new one.
//! Double quotes do not nest (nested quotes are single), so a double quote
//! opening while another is open leaves the first one unmatched.
//! Apostrophes are never quotes: the tokenizer keeps "Putin's" and
//! "employers'" in one word, a lone `’` only ever closes, and an unmatched
//! straight `'` or `’` is not reported ("the '90s", "rock 'n' roll").
//! A paragraph that ends inside a quote is fine when the next paragraph
//! opens with a quote mark: the news convention for quotes running over
//! several paragraphs.

use crate::finding::{Finding, Kind};
use crate::text::{Article, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Round,
    Square,
    Curly,
    Double,
    Single,
    Guillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight quote whose neighbours do not tell.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    token: usize,
    family: Family,
    role: Role,
    /// A straight single quote or a lone `’`: maybe an apostrophe.
    weak: bool,
}

/// A matched pair of quote marks: token indices of the opening and closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct QuotePair {
    pub open: usize,
    pub close: usize,
    pub family: Family,
}

/// What pairing a paragraph's marks left.
struct Pairing {
    pairs: Vec<QuotePair>,
    unmatched: Vec<Mark>,
}

pub(super) fn find(article: &Article) -> Vec<Finding> {
    let mut out = Vec::new();
    let paragraphs = paragraph_token_ranges(article);
    for (k, range) in paragraphs.iter().enumerate() {
        let pairing = pair_marks(article, range.clone());
        let next_opens_quote = paragraphs.get(k + 1).is_some_and(|r| {
            article
                .tokens
                .get(r.start)
                .is_some_and(|t| t.kind == TokenKind::Quote)
                && mark(article, r.start).is_some_and(|m| m.role != Role::Close)
        });
        for m in pairing.unmatched {
            if m.weak {
                continue;
            }
            let quote = matches!(
                m.family,
                Family::Double | Family::Guillemet | Family::Single
            );
            if quote && m.role != Role::Close && next_opens_quote {
                continue;
            }
            out.push(unmatched_finding(article, m));
        }
    }
    // A mark's span takes in the word it touches; two unmatched marks around
    // one word ("[the»") would then share it. Keep the word with the first
    // and give the second only its own mark, so findings never overlap.
    out.sort_by_key(|f| (f.start, f.end));
    let mut taken = 0;
    for f in &mut out {
        if f.start < taken && taken < f.end {
            *f = Finding::new(
                f.kind,
                article,
                taken,
                f.end,
                std::mem::take(&mut f.message),
            );
        }
        taken = taken.max(f.end);
    }
    out
}

/// Matched quote pairs of the whole article, in order of their opening mark.
pub(super) fn quote_pairs(article: &Article) -> Vec<QuotePair> {
    let mut out: Vec<QuotePair> = paragraph_token_ranges(article)
        .into_iter()
        .flat_map(|r| pair_marks(article, r).pairs)
        .filter(|p| {
            matches!(
                p.family,
                Family::Double | Family::Single | Family::Guillemet
            )
        })
        .collect();
    out.sort_by_key(|p| p.open);
    out
}

fn unmatched_finding(article: &Article, m: Mark) -> Finding {
    let Some(t) = article.tokens.get(m.token) else {
        return Finding::new(
            Kind::UnbalancedPunctuation,
            article,
            0,
            0,
            "unbalanced mark",
        );
    };
    let symbol = t.text(&article.text);
    // Span the mark and the word it touches, so the editor sees where it is.
    let (start, end) = if m.role == Role::Close {
        let prev = m
            .token
            .checked_sub(1)
            .and_then(|j| article.tokens.get(j))
            .filter(|p| p.end == t.start && p.is_wordlike());
        (prev.map_or(t.start, |p| p.start), t.end)
    } else {
        let next = article
            .tokens
            .get(m.token + 1)
            .filter(|n| n.start == t.end && n.is_wordlike());
        (t.start, next.map_or(t.end, |n| n.end))
    };
    let what = match m.family {
        Family::Round | Family::Square | Family::Curly => "bracket",
        _ => "quote mark",
    };
    let message = if m.role == Role::Close {
        format!("closing {what} {symbol} has no opening {what} in this paragraph")
    } else {
        format!("opening {what} {symbol} is never closed in this paragraph")
    };
    Finding::new(Kind::UnbalancedPunctuation, article, start, end, message)
}

/// Token ranges of the article's paragraphs.
fn paragraph_token_ranges(article: &Article) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut current: Option<(usize, std::ops::Range<usize>)> = None;
    for s in &article.sentences {
        match &mut current {
            Some((p, r)) if *p == s.paragraph => r.end = s.tokens.end,
            _ => {
                if let Some((_, r)) = current.take() {
                    out.push(r);
                }
                current = Some((s.paragraph, s.tokens.clone()));
            }
        }
    }
    if let Some((_, r)) = current {
        out.push(r);
    }
    out
}

fn pair_marks(article: &Article, range: std::ops::Range<usize>) -> Pairing {
    let mut stack: Vec<Mark> = Vec::new();
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for i in range {
        let Some(m) = mark(article, i) else {
            continue;
        };
        let open_of_family = stack.iter().rposition(|o| o.family == m.family);
        let role = match m.role {
            Role::Either if open_of_family.is_some() => Role::Close,
            Role::Either => Role::Open,
            r => r,
        };
        if role == Role::Open {
            // Double quotes do not nest: an open one is left unmatched.
            if matches!(m.family, Family::Double | Family::Guillemet) {
                if let Some(k) = open_of_family {
                    unmatched.extend(stack.drain(k..).filter(|o| o.family == m.family));
                }
            }
            stack.push(Mark { role, ..m });
            continue;
        }
        match open_of_family {
            Some(k) => {
                // Anything opened after the matching mark is unmatched,
                // except single quotes (likely apostrophes).
                let open = stack[k];
                unmatched.extend(stack.drain(k + 1..));
                stack.truncate(k);
                pairs.push(QuotePair {
                    open: open.token,
                    close: m.token,
                    family: m.family,
                });
            }
            None => unmatched.push(Mark { role, ..m }),
        }
    }
    unmatched.extend(stack);
    unmatched.sort_by_key(|m| m.token);
    Pairing { pairs, unmatched }
}

/// The mark at token `i`, if it is a quote mark or a bracket.
fn mark(article: &Article, i: usize) -> Option<Mark> {
    let t = article.tokens.get(i)?;
    if !matches!(t.kind, TokenKind::Quote | TokenKind::Punct) {
        return None;
    }
    let text = &article.text;
    let mut chars = t.text(text).chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let before = text.get(..t.start).and_then(|s| s.chars().next_back());
    let after = text.get(t.end..).and_then(|s| s.chars().next());
    let (family, role, weak) = match c {
        '(' | '（' => (Family::Round, Role::Open, false),
        ')' | '）' => (Family::Round, Role::Close, false),
        '[' => (Family::Square, Role::Open, false),
        ']' => (Family::Square, Role::Close, false),
        '{' => (Family::Curly, Role::Open, false),
        '}' => (Family::Curly, Role::Close, false),
        '\u{201C}' | '\u{201E}' => (Family::Double, Role::Open, false),
        '\u{201D}' => (Family::Double, Role::Close, false),
        '"' => (Family::Double, straight_role(before, after), false),
        '\u{00AB}' => (Family::Guillemet, Role::Open, false),
        '\u{00BB}' => (Family::Guillemet, Role::Close, false),
        '\u{2018}' => (Family::Single, Role::Open, false),
        '\u{2019}' => (Family::Single, Role::Close, true),
        '\'' => (Family::Single, straight_role(before, after), true),
        _ => return None,
    };
    Some(Mark {
        token: i,
        family,
        role,
        weak,
    })
}

fn straight_role(before: Option<char>, after: Option<char>) -> Role {
    let edge = space_or_edge;
    let left_open =
        edge(before) || before.is_some_and(|c| matches!(c, '(' | '[' | '—' | '–' | '-' | '/'));
    let right_close = edge(after)
        || after.is_some_and(|c| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '…'
            )
        });
    match (left_open, right_close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// At the start/end of the text or next to white space.
fn space_or_edge(c: Option<char>) -> bool {
    c.map_or(true, char::is_whitespace)
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_unmatched_marks_around_one_word_do_not_overlap() {
        let a = crate::text::Article::from_text("c", "[the»[the»");
        let f = super::find(&a);
        assert!(f.len() >= 2, "{f:?}");
        for w in f.windows(2) {
            assert!(
                w[0].end <= w[1].start,
                "{:?} overlaps {:?}",
                w[0].text,
                w[1].text
            );
        }
    }

    use super::*;

    fn unbalanced(text: &str) -> Vec<String> {
        find(&Article::from_text("t", text))
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn seed_sentence_flags_the_authority_mark() {
        let s = "Xi said they will protect the \"correct view\" of the \"authority and status of \
                 the United Nations, and defend the \"rights and interests\" of China and the \
                 \"bigest developing countries\" to promote \"equal, orderly and inclusive \
                 economic globalization.\"";
        assert_eq!(unbalanced(s), vec!["\"authority"]);
    }

    #[test]
    fn balanced_quotes_brackets_and_apostrophes_pass() {
        for s in [
            "Putin's and the employers' views (both \"firm\") held.",
            "He said, “We will ‘firmly’ defend it,” and left.",
            "\"We are ready. We will go,\" he said. Then [sic] nothing.",
            "Rock 'n' roll in the '90s was loud.",
            "“The first paragraph of a long quote.\n\n“The second one ends here,” he said.",
        ] {
            assert!(unbalanced(s).is_empty(), "{s}: {:?}", unbalanced(s));
        }
    }

    #[test]
    fn stray_brackets_and_closing_quotes_are_flagged() {
        assert_eq!(unbalanced("The summit (in Moscow ended."), vec!["(in"]);
        assert_eq!(unbalanced("The summit in Moscow) ended."), vec!["Moscow)"]);
        assert_eq!(unbalanced("He said it was “deep and firm."), vec!["“deep"]);
        assert_eq!(unbalanced("It was deep” he said."), vec!["deep”"]);
    }

    #[test]
    fn quotes_do_not_pair_across_paragraphs() {
        assert_eq!(
            unbalanced("He called it \"firm.\nShe called it\" weak."),
            vec!["\"firm", "it\""]
        );
    }

    #[test]
    fn pairs_are_found_for_quote_matching() {
        let a = Article::from_text("t", "He said \"we go\" and “they ‘stay’ here”.");
        let pairs = quote_pairs(&a);
        assert_eq!(pairs.len(), 3);
    }
}
