//! Word lists kept as data: `dict/lists/*.txt`, one file per purpose. Each
//! file starts with a header saying what the list is for, which code reads
//! it and where it came from. The files are embedded with `include_str!` by
//! the module that reads them (so the binary needs no files at run time)
//! and parsed once, on first use, into a hash set ([`WordList`]) or map
//! ([`WordTable`]).
//!
//! Format: a line starting with `#` is a comment; blank lines are skipped.
//! A list has words separated by whitespace, any number per line. A table
//! has lines `VALUE: word word …`, every word mapping to `VALUE`, which the
//! table's reader parses (a line whose value does not parse is left out;
//! [`WordTable::bad_lines`] lists them and each table's test asserts there
//! are none). Words are normalised forms as in [`crate::text::Token::norm`]
//! (lowercase, straight apostrophe).
//!
//! Lookups first compare the word's length and first byte with the list's
//! ([`Shape`]), so most words of running text are rejected without hashing.

use std::sync::OnceLock;

use foldhash::{HashMap, HashSet};

/// The data lines of a list file: comments and blank lines dropped.
fn data_lines(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The lengths and first bytes of a list's words: a word outside them is
/// not on the list.
struct Shape {
    shortest: usize,
    longest: usize,
    /// Bit `b` set: some word starts with byte `b`.
    first: [u64; 4],
}

impl Shape {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Shape {
        let mut shape = Shape {
            shortest: usize::MAX,
            longest: 0,
            first: [0; 4],
        };
        for w in words {
            shape.shortest = shape.shortest.min(w.len());
            shape.longest = shape.longest.max(w.len());
            if let Some(&b) = w.as_bytes().first() {
                shape.first[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        shape
    }

    /// Whether `word` could be on the list.
    fn admits(&self, word: &str) -> bool {
        (self.shortest..=self.longest).contains(&word.len())
            && word
                .as_bytes()
                .first()
                .is_some_and(|&b| self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// A set of words read from a list file.
pub(crate) struct WordList {
    source: &'static str,
    set: OnceLock<(HashSet<&'static str>, Shape)>,
}

impl WordList {
    /// A list over `source` (the file's text, from `include_str!`).
    pub(crate) const fn new(source: &'static str) -> WordList {
        WordList {
            source,
            set: OnceLock::new(),
        }
    }

    fn get(&self) -> &(HashSet<&'static str>, Shape) {
        self.set.get_or_init(|| {
            let set: HashSet<&'static str> = self.words().collect();
            let shape = Shape::of(set.iter().copied());
            (set, shape)
        })
    }

    /// Whether `word` is on the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let (set, shape) = self.get();
        shape.admits(word) && set.contains(word)
    }

    /// Every word, in file order (repeats kept).
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> {
        data_lines(self.source).flat_map(str::split_whitespace)
    }
}

/// A map from words to values read from a table file (`VALUE: words`).
pub(crate) struct WordTable<V: 'static> {
    source: &'static str,
    parse: fn(&'static str) -> Option<V>,
    map: OnceLock<(HashMap<&'static str, V>, Shape)>,
}

impl<V: Copy + 'static> WordTable<V> {
    /// A table over `source` whose values `parse` reads.
    pub(crate) const fn new(source: &'static str, parse: fn(&'static str) -> Option<V>) -> Self {
        WordTable {
            source,
            parse,
            map: OnceLock::new(),
        }
    }

    fn get(&self) -> &(HashMap<&'static str, V>, Shape) {
        self.map.get_or_init(|| {
            let mut map = HashMap::default();
            for (value, words) in self.rows() {
                if let Some(v) = (self.parse)(value) {
                    for w in words.split_whitespace() {
                        // The first line that names a word wins.
                        map.entry(w).or_insert(v);
                    }
                }
            }
            let shape = Shape::of(map.keys().copied());
            (map, shape)
        })
    }

    /// The value of `word`, if the table has it.
    pub(crate) fn get_value(&self, word: &str) -> Option<V> {
        let (map, shape) = self.get();
        if !shape.admits(word) {
            return None;
        }
        map.get(word).copied()
    }

    /// The (value, words) text of every line.
    fn rows(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        data_lines(self.source).map(|l| match l.split_once(':') {
            Some((value, words)) => (value.trim(), words),
            None => ("", l),
        })
    }

    /// Lines whose value does not parse or that name no word (a table's
    /// test asserts there are none).
    #[cfg(test)]
    pub(crate) fn bad_lines(&self) -> Vec<&'static str> {
        self.rows()
            .filter(|&(value, words)| {
                (self.parse)(value).is_none() || words.split_whitespace().next().is_none()
            })
            .map(|(value, _)| value)
            .collect()
    }

    /// Every word with its value, in file order.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> Vec<(&'static str, V)> {
        self.rows()
            .filter_map(|(value, words)| Some((words, (self.parse)(value)?)))
            .flat_map(|(words, v)| words.split_whitespace().map(move |w| (w, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "# header\n\nfoo bar\n  baz\n# not: a word\n";
    const TABLE: &str = "# header\n1: one uno\n2: two\nx: bad\n3:\n1: eins one\n";

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let l = WordList::new(LIST);
        assert_eq!(l.words().collect::<Vec<_>>(), ["foo", "bar", "baz"]);
        assert!(l.contains("baz") && !l.contains("not") && !l.contains("header"));
        assert!(!l.contains("foobarbaz"));
    }

    proptest::proptest! {
        /// The shape check never turns away a word of the list: answers
        /// are those of the bare set.
        #[test]
        fn the_shape_check_keeps_every_answer(
            words in proptest::collection::vec("[a-cé'-]{1,4}", 0..12),
            probe in "[a-cé'-]{0,5}",
        ) {
            let source: &'static str = Box::leak(words.join(" ").into_boxed_str());
            let list = WordList::new(source);
            let bare: HashSet<&str> = list.words().collect();
            proptest::prop_assert_eq!(list.contains(&probe), bare.contains(probe.as_str()));
            for w in &words {
                proptest::prop_assert!(list.contains(w));
            }
        }
    }

    #[test]
    fn tables_map_words_to_values_first_line_wins() {
        let t = WordTable::new(TABLE, |v| v.parse::<u8>().ok());
        assert_eq!(t.get_value("uno"), Some(1));
        assert_eq!(t.get_value("two"), Some(2));
        assert_eq!(t.get_value("eins"), Some(1));
        assert_eq!(t.get_value("bad"), None);
        assert_eq!(t.bad_lines(), ["x", "3"]);
    }

    /// Every file in dict/lists/ has the header the module doc promises and
    /// is embedded by some module.
    #[test]
    fn every_list_file_has_a_header_and_a_reader() {
        let root = env!("CARGO_MANIFEST_DIR");
        let dir = format!("{root}/dict/lists");
        let mut sources = String::new();
        collect_sources(std::path::Path::new(&format!("{root}/src")), &mut sources);
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let header: String = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            for field in ["Read by:", "Provenance:"] {
                assert!(header.contains(field), "{name}: header lacks {field:?}");
            }
            // Read as `include_str!(".../dict/lists/NAME")` or through a
            // macro given `"NAME"`.
            assert!(
                sources.contains(&format!("dict/lists/{name}\""))
                    || sources.contains(&format!("(\"{name}\"")),
                "{name}: no include_str! reads it"
            );
            files += 1;
        }
        assert!(files > 0);
    }

    fn collect_sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
