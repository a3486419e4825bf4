//! BLEU tokenisers: sacrebleu's `13a` (mteval-v13a.pl), `char` and `none`.
//!
//! `13a` is four regular-expression substitutions applied one after the
//! other, each scanning left to right without overlapping matches. Every
//! character the patterns test for is ASCII, so the passes work on bytes:
//! spaces are only ever inserted next to an ASCII byte, which keeps the
//! UTF-8 valid and multi-byte characters whole.
//!
//! The passes stream: each is a stage holding back one byte, piped into the
//! next and into the whitespace split, with no intermediate strings, and a run
//! of ASCII letters (which no pattern can split) moves through them as one
//! slice. A property test holds the result equal to four whole-string passes
//! (so `a..5` → `a . .5`, exactly as Python's `re.sub`).

use std::borrow::Cow;

use serde::Serialize;

use super::pystr;

/// Which tokeniser BLEU applies before counting word n-grams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Tokenizer {
    /// mteval-v13a, the WMT standard and sacrebleu's default.
    #[default]
    #[serde(rename = "13a")]
    ThirteenA,
    /// Every non-space character is a token.
    #[serde(rename = "char")]
    Char,
    /// Whitespace splitting only.
    #[serde(rename = "none")]
    None,
}

impl Tokenizer {
    /// The name sacrebleu uses in signatures (`tok:13a`).
    pub fn name(self) -> &'static str {
        match self {
            Tokenizer::ThirteenA => "13a",
            Tokenizer::Char => "char",
            Tokenizer::None => "none",
        }
    }

    /// Tokenises one segment into a space-separated string, as sacrebleu's
    /// tokeniser objects do.
    pub fn tokenize(self, line: &str) -> Cow<'_, str> {
        match self {
            Tokenizer::ThirteenA => Cow::Owned(tokenize_13a(line)),
            Tokenizer::Char => {
                let mut out = String::with_capacity(line.len() * 2);
                for (i, c) in line.chars().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push(c);
                }
                Cow::Owned(out)
            }
            Tokenizer::None => Cow::Borrowed(line),
        }
    }
}

/// sacrebleu's `Tokenizer13a`: the tokenised segment, tokens joined by single spaces.
pub fn tokenize_13a(line: &str) -> String {
    let text = prepare_13a(line);

    // The four passes run as a pipeline of streaming stages, one byte at
    // a time, into a last stage that splits on whitespace; each stage
    // behaves exactly as its `re.sub` over the whole string (see
    // [`PairStage`]). The segment is padded with a space on both sides.
    // 4. `([0-9])(-)` → `\1 \2 `: a dash after a digit.
    let split = SplitStage::with_capacity(text.len() + text.len() / 4);
    let dash = PairStage::new(
        |x, y| x.is_ascii_digit() && y == b'-',
        Spacing::Middle,
        split,
    );
    // 3. `([\.,])([^0-9])` → ` \1 \2`: period and comma not before a digit.
    let after = PairStage::new(
        |x, y| is_period_or_comma(x) && !y.is_ascii_digit(),
        Spacing::Around,
        dash,
    );
    // 2. `([^0-9])([\.,])` → `\1 \2 `: period and comma not after a digit.
    let mut before = PairStage::new(
        |x, y| !x.is_ascii_digit() && is_period_or_comma(y),
        Spacing::Middle,
        after,
    );
    // 1. `([\{-\~\[-\` -\&\(-\+\:-\@\/])` → ` \1 `
    before.put(b' ');
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if is_plain(b) {
            // A run of letters: no pass touches it (see `is_plain`).
            let run = bytes.get(i..).unwrap_or(&[]);
            let len = run.iter().position(|&c| !is_plain(c)).unwrap_or(run.len());
            before.put_run(run.get(..len).unwrap_or(&[]));
            i += len;
            continue;
        }
        if is_13a_symbol(b) {
            before.put(b' ');
            before.put(b);
            before.put(b' ');
        } else {
            before.put(b);
        }
        i += 1;
    }
    before.put(b' ');
    before.finish().finish().finish().into_string()
}

/// What 13a does before its substitutions: `<skipped>` removed, `-\n`
/// joined, newlines to spaces, and the four entities unescaped.
fn prepare_13a(line: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(line);
    if text.contains("<skipped>") {
        text = Cow::Owned(text.replace("<skipped>", ""));
    }
    if text.contains("-\n") {
        text = Cow::Owned(text.replace("-\n", ""));
    }
    if text.contains('\n') {
        text = Cow::Owned(text.replace('\n', " "));
    }
    if text.contains('&') {
        // In this order, as sacrebleu does: "&amp;lt;" becomes "<".
        text = Cow::Owned(
            text.replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
    }
    text
}

/// The first pass's character class: `{|}~`, `[\]^_` and backtick,
/// space to `&`, `(` to `+`, `:` to `@`, and `/`. Not `'`, `-`, `.` or `,`.
fn is_13a_symbol(b: u8) -> bool {
    matches!(b, b'{'..=b'~' | b'['..=b'`' | b' '..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/')
}

/// A byte no pass can change or split at: an ASCII letter. It is not a
/// first-pass symbol, a digit, `.`, `,`, `-` or whitespace, so next to
/// another letter it matches none of the pair patterns (each needs a
/// digit, a period or comma, or a dash on one side).
fn is_plain(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

fn is_period_or_comma(b: u8) -> bool {
    b == b'.' || b == b','
}

/// Where a two-character substitution puts its spaces.
#[derive(Clone, Copy)]
enum Spacing {
    /// `\1 \2 `
    Middle,
    /// ` \1 \2`
    Around,
}

/// One `re.sub` of a two-character pattern as a streaming stage: it
/// holds back one byte; when the next arrives and the two match, both go
/// on spaced and the stage starts afresh (a character that completed a
/// match cannot start the next, as `re.sub` scans left to right without
/// overlapping), else the held byte goes on unchanged and the new one is
/// held.
struct PairStage<M, N> {
    held: Option<u8>,
    matches: M,
    spacing: Spacing,
    next: N,
}

impl<M: Fn(u8, u8) -> bool, N: Stage> PairStage<M, N> {
    fn new(matches: M, spacing: Spacing, next: N) -> Self {
        PairStage {
            held: None,
            matches,
            spacing,
            next,
        }
    }

    /// Passes on the byte still held; returns the next stage.
    fn finish(mut self) -> N {
        if let Some(x) = self.held.take() {
            self.next.put(x);
        }
        self.next
    }
}

/// A stage of the pipeline: takes bytes one at a time, or a run of
/// [`is_plain`] bytes at once.
trait Stage {
    fn put(&mut self, byte: u8);

    /// As `put` for each byte of `run`, which holds only plain bytes.
    fn put_run(&mut self, run: &[u8]) {
        for &b in run {
            self.put(b);
        }
    }
}

impl<M: Fn(u8, u8) -> bool, N: Stage> Stage for PairStage<M, N> {
    #[inline(always)]
    fn put(&mut self, y: u8) {
        match self.held {
            Some(x) if (self.matches)(x, y) => {
                self.held = None;
                match self.spacing {
                    Spacing::Middle => {
                        for b in [x, b' ', y, b' '] {
                            self.next.put(b);
                        }
                    }
                    Spacing::Around => {
                        for b in [b' ', x, b' ', y] {
                            self.next.put(b);
                        }
                    }
                }
            }
            Some(x) => {
                self.next.put(x);
                self.held = Some(y);
            }
            None => self.held = Some(y),
        }
    }

    /// The first byte may complete a match with the byte held before the
    /// run; after it, each byte and its predecessor are both plain, which
    /// no pattern matches, so the stage is a one-byte delay: the held byte
    /// and all but the last of the run go on, and the last is held.
    fn put_run(&mut self, run: &[u8]) {
        let Some((&first, rest)) = run.split_first() else {
            return;
        };
        self.put(first);
        let Some((&last, middle)) = rest.split_last() else {
            return;
        };
        if let Some(x) = self.held.replace(last) {
            self.next.put(x);
        }
        self.next.put_run(middle);
    }
}

/// The last stage: Python's `str.split()` and `" ".join(...)`, tokens
/// joined by single spaces. The passes only insert ASCII spaces beside
/// ASCII bytes, so a multi-byte character arrives whole and in order; it
/// is gathered and judged as a character (Python's whitespace includes
/// U+00A0, U+3000 and others).
struct SplitStage {
    out: Vec<u8>,
    /// Whitespace seen since the last token.
    gap: bool,
    /// A multi-byte character being gathered, and how many bytes it has.
    partial: [u8; 4],
    have: usize,
    want: usize,
}

impl SplitStage {
    fn with_capacity(n: usize) -> SplitStage {
        SplitStage {
            out: Vec::with_capacity(n),
            gap: false,
            partial: [0; 4],
            have: 0,
            want: 0,
        }
    }

    fn into_string(self) -> String {
        // Whole characters only were written (see above), so this cannot
        // fail; the lossy fallback only keeps the function panic-free.
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    #[inline]
    fn token_bytes(&mut self, bytes: &[u8]) {
        if self.gap && !self.out.is_empty() {
            self.out.push(b' ');
        }
        self.gap = false;
        self.out.extend_from_slice(bytes);
    }
}

/// Python's whitespace among ASCII bytes: space, `\t` to `\r`, and the
/// information separators `\x1c` to `\x1f`.
fn is_ascii_py_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

impl Stage for SplitStage {
    #[inline(always)]
    fn put(&mut self, b: u8) {
        if self.want == 0 {
            if b.is_ascii() {
                if is_ascii_py_space(b) {
                    self.gap = true;
                } else {
                    // As `token_bytes`, for one byte: the common path.
                    if self.gap && !self.out.is_empty() {
                        self.out.push(b' ');
                    }
                    self.gap = false;
                    self.out.push(b);
                }
                return;
            }
            self.want = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            self.have = 0;
        }
        if let Some(slot) = self.partial.get_mut(self.have) {
            *slot = b;
            self.have += 1;
        }
        if self.have >= self.want {
            let (bytes, len) = (self.partial, self.have);
            self.want = 0;
            self.have = 0;
            let bytes = bytes.get(..len).unwrap_or(&[]);
            let space = std::str::from_utf8(bytes)
                .ok()
                .and_then(|s| s.chars().next())
                .is_some_and(pystr::is_space);
            if space {
                self.gap = true;
            } else {
                self.token_bytes(bytes);
            }
        }
    }

    /// Plain bytes are ASCII and not whitespace: one token's bytes, unless
    /// a multi-byte character were being gathered (it never is: the
    /// passes keep a character's bytes together).
    fn put_run(&mut self, run: &[u8]) {
        if run.is_empty() {
            return;
        }
        if self.want == 0 {
            self.token_bytes(run);
        } else {
            for &b in run {
                self.put(b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_punctuation_but_keeps_apostrophes_and_hyphens() {
        assert_eq!(
            tokenize_13a("It wasn't a well-known (test), \"right\"?"),
            "It wasn't a well-known ( test ) , \" right \" ?"
        );
    }

    #[test]
    fn keeps_decimal_and_thousands_separators_inside_numbers() {
        assert_eq!(
            tokenize_13a("1,200 and 3.5 but 4. and 5,"),
            "1,200 and 3.5 but 4 . and 5 ,"
        );
    }

    #[test]
    fn separates_dash_after_a_digit_only() {
        assert_eq!(
            tokenize_13a("2020-2021 COVID-19 x-ray"),
            "2020 - 2021 COVID-19 x-ray"
        );
    }

    #[test]
    fn a_character_used_by_one_match_cannot_start_the_next() {
        // In "a..5" the first period is consumed by the match "a.", so the
        // second one is not split from the 5 (sacrebleu gives "a . .5").
        assert_eq!(tokenize_13a("a..5"), "a . .5");
        assert_eq!(tokenize_13a("x,.5"), "x , .5");
        assert_eq!(tokenize_13a("7--8"), "7 - -8");
        assert_eq!(tokenize_13a("a.,b"), "a . , b");
    }

    #[test]
    fn unescapes_entities_in_sacrebleu_order() {
        assert_eq!(tokenize_13a("a &amp;lt; b &quot;c&quot;"), "a < b \" c \"");
    }

    #[test]
    fn removes_skipped_markers_and_joins_hyphenated_line_breaks() {
        assert_eq!(tokenize_13a("<skipped>co-\noperate\nnow"), "cooperate now");
    }

    #[test]
    fn leaves_non_ascii_punctuation_attached() {
        assert_eq!(tokenize_13a("“No.” — 中国，"), "“No . ” — 中国，");
    }

    #[test]
    fn empty_and_blank_lines_give_no_tokens() {
        assert_eq!(tokenize_13a(""), "");
        assert_eq!(tokenize_13a(" \t "), "");
    }

    /// The tokeniser as four whole-string passes, one per regular
    /// expression, as it was first written: the reference for the
    /// streaming pipeline.
    fn passes_13a(line: &str) -> String {
        let text = prepare_13a(line);

        // The segment is padded with a space on both sides before the passes.
        let mut padded = Vec::with_capacity(text.len() + 2);
        padded.push(b' ');
        padded.extend_from_slice(text.as_bytes());
        padded.push(b' ');

        // 1. `([\{-\~\[-\` -\&\(-\+\:-\@\/])` → ` \1 `
        let mut a = Vec::with_capacity(padded.len() * 3 / 2);
        for &b in &padded {
            if is_13a_symbol(b) {
                a.extend_from_slice(&[b' ', b, b' ']);
            } else {
                a.push(b);
            }
        }
        // 2. `([^0-9])([\.,])` → `\1 \2 `: period and comma not after a digit.
        let b = pair_pass(
            &a,
            |x, y| !x.is_ascii_digit() && is_period_or_comma(y),
            Spacing::Middle,
        );
        // 3. `([\.,])([^0-9])` → ` \1 \2`: period and comma not before a digit.
        let c = pair_pass(
            &b,
            |x, y| is_period_or_comma(x) && !y.is_ascii_digit(),
            Spacing::Around,
        );
        // 4. `([0-9])(-)` → `\1 \2 `: a dash after a digit.
        let d = pair_pass(&c, |x, y| x.is_ascii_digit() && y == b'-', Spacing::Middle);

        // Only ASCII spaces were inserted, each beside an ASCII byte, so this
        // cannot fail; the lossy fallback only keeps the function panic-free.
        let spaced = String::from_utf8(d)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let mut out = String::with_capacity(spaced.len());
        for token in pystr::split(&spaced) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(token);
        }
        out
    }

    /// One `re.sub` of a two-character pattern: scan left to right; where
    /// `(x, y)` matches, emit it spaced and continue after `y`, so a character
    /// that completed a match cannot start the next one.
    fn pair_pass(input: &[u8], matches: impl Fn(u8, u8) -> bool, spacing: Spacing) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len() + input.len() / 4);
        let mut i = 0;
        while let Some(&x) = input.get(i) {
            match input.get(i + 1) {
                Some(&y) if matches(x, y) => {
                    match spacing {
                        Spacing::Middle => out.extend_from_slice(&[x, b' ', y, b' ']),
                        Spacing::Around => out.extend_from_slice(&[b' ', x, b' ', y]),
                    }
                    i += 2;
                }
                _ => {
                    out.push(x);
                    i += 1;
                }
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn streaming_stages_equal_the_whole_string_passes(
            line in "[a-zA-Z0-9 .,\\-&;()\"'\t\n\r\u{b}\u{c}\u{1c}-\u{1f}\u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{2019}é中😀<>{}~/:@\\[]]{0,60}"
        ) {
            proptest::prop_assert_eq!(tokenize_13a(&line), passes_13a(&line));
        }
    }

    #[test]
    fn char_tokenizer_spaces_every_character() {
        assert_eq!(Tokenizer::Char.tokenize("ab c"), "a b   c");
    }
}
