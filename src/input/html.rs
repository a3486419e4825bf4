//! The visible text of a web page.
//!
//! Tokenized with `html5gum`, a WHATWG-conformant tokenizer: it reads tag
//! soup as browsers do (unquoted attributes, stray `<`, unclosed tags),
//! decodes character references (`&amp;`, `&eacute;`, `&#8217;`, a bare
//! `&nbsp` in text), and, told to switch states as a parser would, reads
//! `script` and `style` contents as raw text, so a `<p>` inside a script
//! string is not a paragraph.
//!
//! What is kept: text outside `head`, `script`, `style`, `template`,
//! `noscript`, `svg`, `math` and `iframe`, runs of white space as one space
//! (kept as written inside `pre`), and one line per block: a block element
//! (`p`, `div`, `h1`–`h6`, `li`, `td`, `blockquote`, …) starts and ends a
//! line, `br` breaks one. A `head` left open ends at `body` or at the
//! first element that cannot be in a head, as in a browser.

use html5gum::{Token, Tokenizer};

/// Elements whose content is never shown as text.
const HIDDEN: [&[u8]; 8] = [
    b"head",
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"svg",
    b"math",
    b"iframe",
];

/// Elements that may stand in a `head`; any other start tag closes it.
const IN_HEAD: [&[u8]; 10] = [
    b"title",
    b"meta",
    b"link",
    b"style",
    b"script",
    b"base",
    b"noscript",
    b"template",
    b"head",
    b"html",
];

/// Elements that are lines of their own.
const BLOCKS: [&[u8]; 38] = [
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"caption",
    b"dd",
    b"details",
    b"dialog",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"li",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
];

/// The visible text of `markup`, one block per line.
pub(super) fn visible_text(markup: &str) -> String {
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(markup, emitter);
    let mut text = Text::default();
    // The open hidden elements, innermost last.
    let mut hidden: Vec<Vec<u8>> = Vec::new();
    let mut pre = 0usize;
    for token in tokenizer {
        // Reading a `&str` cannot fail.
        let token = match token {
            Ok(token) => token,
            Err(never) => match never {},
        };
        match token {
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                if name == b"body"
                    || (hidden.last().is_some_and(|h| h == b"head") && !IN_HEAD.contains(&name))
                {
                    hidden.retain(|h| h != b"head");
                }
                if HIDDEN.contains(&name) && !tag.self_closing {
                    hidden.push(name.to_vec());
                } else if hidden.is_empty() {
                    if name == b"br" {
                        text.line_break();
                    } else if BLOCKS.contains(&name) {
                        text.end_block();
                        if name == b"pre" {
                            pre += 1;
                        }
                    } else if name == b"img" {
                        // An image is a word break, not text.
                        text.space();
                    }
                }
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                if let Some(at) = hidden.iter().rposition(|h| h.as_slice() == name) {
                    hidden.truncate(at);
                } else if hidden.is_empty() && BLOCKS.contains(&name) {
                    text.end_block();
                    if name == b"pre" {
                        pre = pre.saturating_sub(1);
                    }
                }
            }
            Token::String(s) if hidden.is_empty() => {
                text.push(&String::from_utf8_lossy(&s), pre > 0);
            }
            _ => {}
        }
    }
    text.finish()
}

/// The text being gathered: finished lines and the current one.
#[derive(Default)]
struct Text {
    out: String,
    line: String,
    /// White space was seen since the last character of the line.
    space: bool,
}

impl Text {
    fn push(&mut self, s: &str, preformatted: bool) {
        if preformatted {
            for (i, part) in s.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                self.line.push_str(part.trim_end_matches('\r'));
            }
            return;
        }
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    /// `br`: the line ends here, even when empty.
    fn line_break(&mut self) {
        self.out.push_str(self.line.trim_end());
        self.out.push('\n');
        self.line.clear();
        self.space = false;
    }

    /// A block starts or ends: the line ends here if it has text.
    fn end_block(&mut self) {
        if !self.line.trim().is_empty() {
            self.line_break();
        } else {
            self.line.clear();
            self.space = false;
        }
    }

    fn finish(mut self) -> String {
        self.end_block();
        // Blank lines from `br` runs between blocks say nothing.
        let mut out = String::with_capacity(self.out.len());
        for line in self.out.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_hidden_parts_go() {
        let page = "<!DOCTYPE html><html><head><title>Site</title>\
                    <style>p { color: red }</style><script>var s = \"<p>no</p>\";</script></head>\
                    <body><h1>Kyiv&nbsp;talks</h1>\n<p>The   talks\n ended &amp; <b>resumed</b>.</p>\
                    <ul><li>One</li><li>Two<br>lines</li></ul><noscript>Enable JS</noscript>\
                    <p>Caf&eacute; &#8220;quoted&#8221;</p><svg><text>chart</text></svg></body></html>";
        assert_eq!(
            visible_text(page),
            "Kyiv\u{a0}talks\nThe talks ended & resumed.\nOne\nTwo\nlines\nCaf\u{e9} \u{201c}quoted\u{201d}\n"
        );
    }

    #[test]
    fn tag_soup_reads_as_a_browser_shows_it() {
        // Unclosed head, unquoted attributes, a stray `<`, unclosed p.
        let page = "<html><head><meta charset=utf-8><title>x</title>\
                    <div class=lead>Prices rose 5 < 7 percent\
                    <p>Second paragraph<p>Third";
        assert_eq!(
            visible_text(page),
            "Prices rose 5 < 7 percent\nSecond paragraph\nThird\n"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let page = "<pre>a  b\nc</pre><p>d</p>";
        assert_eq!(visible_text(page), "a  b\nc\nd\n");
    }

    #[test]
    fn inline_elements_do_not_split_words() {
        assert_eq!(visible_text("<p>un<i>believ</i>able</p>"), "unbelievable\n");
    }
}
