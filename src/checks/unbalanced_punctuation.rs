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
//! Quotes may run over several lines or paragraphs:
//! - a paragraph that ends inside a quote is fine when the next paragraph
//!   opens with a quote mark (the news convention for a quote running over
//!   several paragraphs: each paragraph reopens it, only the last closes it);
//! - otherwise the open quote mark is carried on to the following paragraphs
//!   and is balanced by the first mark of its family there if that mark
//!   closes (`“We will go.` / `We will stay,” he said.`). A mark of its
//!   family that opens instead, or the end of the article, leaves it
//!   unmatched. Brackets are not carried: they pair within a paragraph.
//!
//! List markers are not brackets: a `)` glued to a one- or two-digit number,
//! a single letter or a roman numeral ("1)", "b)", "iv)") at the start of a
//! line or after a sentence end, semicolon or colon, or next to a marker of
//! the same list ("1) … 2) …" anywhere in the paragraph) is numbering.

use super::{Check, Context};
use crate::finding::{Finding, Kind};
use crate::text::{Article, TokenKind};

pub struct UnbalancedPunctuation;

impl Check for UnbalancedPunctuation {
    fn name(&self) -> &'static str {
        "unbalanced-punctuation"
    }

    fn group(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "quote marks and brackets that do not pair up"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::UnbalancedPunctuation]
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        if !cx.config.garbled.unbalanced_punctuation {
            return Vec::new();
        }
        find(cx.candidate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Round,
    Square,
    Curly,
    Double,
    Single,
    Guillemet,
}

impl Family {
    /// Index of the family in [`OpenMarks::by_family`].
    fn slot(self) -> usize {
        match self {
            Family::Round => 0,
            Family::Square => 1,
            Family::Curly => 2,
            Family::Double => 3,
            Family::Single => 4,
            Family::Guillemet => 5,
        }
    }
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
    /// Closing marks with nothing to close, and opening marks pushed out by
    /// a later opening of their kind (double quotes do not nest).
    unmatched: Vec<Mark>,
    /// Opening marks still open at the end of the paragraph, in order.
    open: Vec<Mark>,
}

fn find(article: &Article) -> Vec<Finding> {
    let mut out = Vec::new();
    let paragraphs = paragraph_token_ranges(article);
    // Quote marks left open by earlier paragraphs: at most one per family,
    // so the carry stays constant-size.
    let mut carried: Vec<Mark> = Vec::new();
    for (k, range) in paragraphs.iter().enumerate() {
        let pairing = pair_marks(article, range.clone(), std::mem::take(&mut carried));
        let next_opens_quote = paragraphs.get(k + 1).is_some_and(|r| {
            article
                .tokens
                .get(r.start)
                .is_some_and(|t| t.kind == TokenKind::Quote)
                && mark(article, r.start).is_some_and(|m| m.role != Role::Close)
        });
        out.extend(
            pairing
                .unmatched
                .into_iter()
                .filter(|m| !m.weak)
                .map(|m| unmatched_finding(article, m)),
        );
        for m in pairing.open {
            if m.weak {
                continue;
            }
            if !is_quote(m.family) {
                out.push(unmatched_finding(article, m));
                continue;
            }
            // Opened here and reopened by the next paragraph: news style.
            if range.contains(&m.token) && next_opens_quote {
                continue;
            }
            if let Some(k) = carried.iter().position(|c| c.family == m.family) {
                out.push(unmatched_finding(article, carried.remove(k)));
            }
            carried.push(m);
        }
    }
    out.extend(carried.into_iter().map(|m| unmatched_finding(article, m)));
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
        .flat_map(|r| pair_marks(article, r, Vec::new()).pairs)
        .filter(|p| is_quote(p.family))
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

fn is_quote(family: Family) -> bool {
    matches!(family, Family::Double | Family::Single | Family::Guillemet)
}

/// Pairs the marks of one paragraph. `carried` are quote marks still open
/// from earlier paragraphs: the paragraph's marks may close them.
///
/// Linear in the paragraph's tokens: each mark is pushed on the stack of
/// open marks once and taken off once, and the innermost open mark of a
/// family is found in constant time ([`OpenMarks`]).
fn pair_marks(article: &Article, range: std::ops::Range<usize>, carried: Vec<Mark>) -> Pairing {
    let markers = list_markers(article, range.clone());
    let mut stack = OpenMarks::new(carried);
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for i in range {
        let Some(m) = mark(article, i) else {
            continue;
        };
        #[cfg(test)]
        crate::cost::tick(1);
        let open_of_family = stack.innermost(m.family);
        // A list marker's ")" closes nothing, unless a bracket is open
        // ("on Friday (Dec. 10)").
        if open_of_family.is_none()
            && m.family == Family::Round
            && markers.binary_search(&i).is_ok()
        {
            continue;
        }
        let role = match m.role {
            Role::Either if open_of_family.is_some() => Role::Close,
            Role::Either => Role::Open,
            r => r,
        };
        if role == Role::Open {
            // Double quotes do not nest: an open one is left unmatched (and
            // only it: a bracket opened after it stays open).
            if matches!(m.family, Family::Double | Family::Guillemet) {
                unmatched.extend(stack.remove_innermost(m.family));
            }
            stack.push(Mark { role, ..m });
            continue;
        }
        match open_of_family {
            Some(k) => {
                // Anything opened after the matching mark is unmatched.
                let Some(open) = stack.close(k, &mut unmatched) else {
                    continue;
                };
                pairs.push(QuotePair {
                    open: open.token,
                    close: m.token,
                    family: m.family,
                });
            }
            None => unmatched.push(Mark { role, ..m }),
        }
    }
    unmatched.sort_by_key(|m| m.token);
    Pairing {
        pairs,
        unmatched,
        open: stack.into_marks(),
    }
}

/// The stack of open marks, innermost last, with the positions of each
/// family's open marks beside it, so the innermost open mark of a family
/// is a look-up rather than a scan of the stack (a scan made 20,000 nested
/// brackets quadratic). A mark taken out of the middle (a double quote
/// pushed out by the next one) leaves a hole that the next close above it
/// clears.
struct OpenMarks {
    /// Open marks in order; `None` where one was taken out.
    marks: Vec<Option<Mark>>,
    /// Per family ([`Family::slot`]), the positions in `marks` of its
    /// open marks, ascending.
    by_family: [Vec<usize>; FAMILIES],
}

/// Number of [`Family`] variants.
const FAMILIES: usize = 6;

impl OpenMarks {
    fn new(carried: Vec<Mark>) -> OpenMarks {
        let mut stack = OpenMarks {
            marks: Vec::with_capacity(carried.len()),
            by_family: Default::default(),
        };
        for m in carried {
            stack.push(m);
        }
        stack
    }

    fn push(&mut self, m: Mark) {
        if let Some(list) = self.by_family.get_mut(m.family.slot()) {
            list.push(self.marks.len());
        }
        self.marks.push(Some(m));
    }

    /// Position of the innermost open mark of `family`.
    fn innermost(&self, family: Family) -> Option<usize> {
        self.by_family.get(family.slot())?.last().copied()
    }

    /// Takes out the innermost open mark of `family`, leaving the marks
    /// opened after it open.
    fn remove_innermost(&mut self, family: Family) -> Option<Mark> {
        let k = self.by_family.get_mut(family.slot())?.pop()?;
        self.marks.get_mut(k)?.take()
    }

    /// Closes the open mark at position `k`: returns it, and moves every
    /// mark opened after it to `unmatched`, in order.
    fn close(&mut self, k: usize, unmatched: &mut Vec<Mark>) -> Option<Mark> {
        if k >= self.marks.len() {
            return None;
        }
        #[cfg(test)]
        crate::cost::tick(self.marks.len().saturating_sub(k));
        unmatched.extend(self.marks.drain(k + 1..).flatten());
        let open = self.marks.pop().flatten();
        for list in &mut self.by_family {
            while list.last().is_some_and(|&j| j >= k) {
                list.pop();
            }
        }
        open
    }

    fn into_marks(self) -> Vec<Mark> {
        self.marks.into_iter().flatten().collect()
    }
}

/// Token indices of the `)` of list markers in the paragraph `range`, in
/// order: "1)", "b)", "iv)" at the start of a line or after a sentence end,
/// semicolon or colon, or next to a marker that continues or precedes it in
/// the same list ("including 1) cost, 2) time"). "(1)" is a bracket pair.
fn list_markers(article: &Article, range: std::ops::Range<usize>) -> Vec<usize> {
    let tokens = &article.tokens;
    let text = &article.text;
    // (close token, numbering, starts an item)
    let mut found: Vec<(usize, Numbering, bool)> = Vec::new();
    for i in range.clone() {
        let Some(close) = tokens.get(i) else {
            break;
        };
        if close.kind != TokenKind::Punct || !matches!(close.text(text), ")" | "\u{FF09}") {
            continue;
        }
        let Some(k) = i.checked_sub(1).filter(|&k| k >= range.start) else {
            continue;
        };
        let Some(label) = tokens.get(k).filter(|t| t.end == close.start) else {
            continue;
        };
        let Some(value) = marker_value(label.text(text), label.kind) else {
            continue;
        };
        let before = k.checked_sub(1).filter(|&j| j >= range.start);
        // "(1)": an opening bracket glued to the label makes a pair.
        if before
            .and_then(|j| tokens.get(j))
            .is_some_and(|t| t.end == label.start && matches!(t.text(text), "(" | "\u{FF08}"))
        {
            continue;
        }
        let item_start = match before.and_then(|j| tokens.get(j).map(|t| (j, t))) {
            None => true,
            Some((j, prev)) => {
                let gap = text.get(prev.end..label.start).unwrap_or("");
                gap.contains('\n') || (!gap.is_empty() && ends_item(article, j))
            }
        };
        found.push((i, value, item_start));
    }
    let follows = |a: Numbering, b: Numbering| match (a, b) {
        (Some((x, m)), Some((y, n))) => x == y && n == m + 1,
        _ => false,
    };
    let mut out = Vec::new();
    for (j, &(i, value, item_start)) in found.iter().enumerate() {
        let chained = found.get(j + 1).is_some_and(|n| follows(value, n.1))
            || j.checked_sub(1)
                .and_then(|p| found.get(p))
                .is_some_and(|p| follows(p.1, value));
        if item_start || chained {
            out.push(i);
        }
    }
    out
}

/// Whether token `j` ends a sentence or clause before a list item: ".",
/// "!", "?", ";", ":" (also full-width), possibly followed by a closing
/// quote or bracket.
fn ends_item(article: &Article, j: usize) -> bool {
    let is_end = |j: usize| {
        article.tokens.get(j).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && crate::checks::repeats::is_clause_end(t.text(&article.text))
        })
    };
    let closer = article
        .tokens
        .get(j)
        .is_some_and(|t| t.kind == TokenKind::Quote || matches!(t.text(&article.text), ")" | "]"));
    is_end(j) || (closer && j.checked_sub(1).is_some_and(is_end))
}

/// What a list label counts: `(is_letter, value)`, or `None` for a label
/// that is not chained by value (a roman numeral).
type Numbering = Option<(bool, u32)>;

/// The numbering a list label stands for: `(is_letter, value)` for one or
/// two digits or a single ASCII letter, `None` for a roman numeral up to
/// xii (a label, but not chained by value); not a label otherwise.
fn marker_value(label: &str, kind: TokenKind) -> Option<Numbering> {
    match kind {
        TokenKind::Number if label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit()) => {
            Some(label.parse().ok().map(|n| (false, n)))
        }
        TokenKind::Word if label.len() == 1 && label.bytes().all(|b| b.is_ascii_alphabetic()) => {
            let b = label.bytes().next()?.to_ascii_lowercase();
            Some(Some((true, u32::from(b))))
        }
        TokenKind::Word
            if matches!(
                label.to_ascii_lowercase().as_str(),
                "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "xi" | "xii"
            ) =>
        {
            Some(None)
        }
        _ => None,
    }
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
    c.is_none_or(char::is_whitespace)
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

    /// Issue #27: a quote may run over several lines or paragraphs. This
    /// replaces the former `quotes_do_not_pair_across_paragraphs`, which
    /// flagged both marks of `"firm.\nShe called it"`.
    #[test]
    fn a_quote_closed_in_a_later_paragraph_is_balanced() {
        for s in [
            "He called it \"firm.\nShe called it\" weak.",
            "He said: “We will go.\nWe will stay,” he added.",
            "He said: “We will go.\n\nWe will fight.\n\nWe will stay,” he added.",
            // News style: every paragraph of the quote reopens it.
            "“One.\n“Two.\n“Three,” she said.",
            "He said: «We go.\nWe stay» and left.",
        ] {
            assert!(unbalanced(s).is_empty(), "{s}: {:?}", unbalanced(s));
        }
    }

    #[test]
    fn a_quote_never_closed_in_the_article_is_flagged() {
        assert_eq!(unbalanced("He called it “firm.\nShe left."), vec!["“firm"]);
        assert_eq!(unbalanced("“One.\n“Two.\nThe end."), vec!["“Two"]);
        // A later paragraph opening a quote of its own: the first one was
        // never closed.
        assert_eq!(
            unbalanced("He called it “firm.\nShe said “no” and left."),
            vec!["“firm"]
        );
        // The new quote pushes out only the old one, not the bracket
        // opened between them.
        assert_eq!(
            unbalanced("He called it “firm.\nThey (both “sure”) left."),
            vec!["“firm"]
        );
        // A closing mark with no opening anywhere before it.
        assert_eq!(
            unbalanced("He left.\nIt was firm” she said."),
            vec!["firm”"]
        );
        // Brackets still pair within their paragraph only.
        assert_eq!(
            unbalanced("The summit (in Moscow.\nIt ended) there."),
            vec!["(in", "ended)"]
        );
    }

    #[test]
    fn list_numbering_is_not_a_bracket() {
        for s in [
            "1) Cut costs.\n2) Raise prices.",
            "a) cut costs\nb) raise prices",
            "The plan has three parts. 1) Cut costs. 2) Raise prices.",
            "They want two things: 1) a truce; 2) talks.",
            "They want a truce; b) talks; c) aid.",
            "It includes 1) cost, 2) time and 3) risk.",
            "It has parts. iv) Costs.\nvii) Prices.",
            "（1）费用。1）cost；2）time",
            "See (1) and (2).",
            "It ended on Friday (Dec. 10).",
            "It ended (as planned; 2) on Friday.",
        ] {
            assert!(unbalanced(s).is_empty(), "{s}: {:?}", unbalanced(s));
        }
    }

    #[test]
    fn brackets_near_list_numbering_are_still_checked() {
        assert_eq!(unbalanced("The summit in Moscow) ended."), vec!["Moscow)"]);
        assert_eq!(unbalanced("It rose by 5) percent."), vec!["5)"]);
        assert_eq!(unbalanced("Plan b) was dropped."), vec!["b)"]);
        assert_eq!(
            unbalanced("1) Cut costs (all of them.\n2) Raise prices."),
            vec!["(all"]
        );
    }

    /// Pairing is linear in the marks, however deep they nest: the work
    /// on 2n marks is about twice that on n (issue #26: 240 KB of `"'`
    /// took 3.6 s, 480 KB 17.6 s).
    #[test]
    fn pairing_work_doubles_with_the_marks() {
        for unit in ["(“[", "\"'", "(", "« “ ‘ [ {", ")”]", "(“x”) "] {
            let (a, b, ratio) = crate::cost::doubling(3000, |n| {
                let article = Article::from_text("t", unit.repeat(n));
                find(&article);
                quote_pairs(&article);
            });
            assert!(ratio < 3.0, "{unit:?}: {a} then {b} steps");
        }
    }

    #[test]
    fn pairs_are_found_for_quote_matching() {
        let a = Article::from_text("t", "He said \"we go\" and “they ‘stay’ here”.");
        let pairs = quote_pairs(&a);
        assert_eq!(pairs.len(), 3);
    }
}
