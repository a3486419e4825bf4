//! Legitimate back-to-back repetitions, as data.
//!
//! Each entry of [`EXCEPTIONS`] names a word (normalised: lowercase, straight
//! apostrophe), the context in which doubling it is correct English, and why.
//! The scanner in the parent module consults this table (rule 6 of its
//! list); it holds no word-specific `if`s. The table below lists every entry,
//! and `tests/repeats.rs` keeps the two in step. "Before"/"after" are the
//! neighbouring words in the same sentence.
//!
//! | pair | spared when | runs | reason |
//! |---|---|---|---|
//! | `had had` | a word that is not an article or possessive (a, an, the, my, your, her, its, our, their, every, no) precedes | no | past perfect of "have" ("If I had had time", "a debate that had had its share", "each had had"); "The had had" is a stutter |
//! | `that that` | a non-determiner precedes and a word that is not an article/demonstrative follows | no | conjunction + demonstrative ("said that that outlook"); "That that", "that that." and "that that this" are stutters |
//! | `can can` | a determiner precedes and a word follows | no | noun + modal ("The can can hold the water") |
//! | `her her` | words on both sides | no | object + possessive ("gave her her phone back") |
//! | `may may` | one copy is capitalised and a word follows | no | month/name beside the modal ("In May may we", "May May is my friend"); "I may may", "That is May May." are stutters |
//! | `will will` | one copy is capitalised and a word follows | no | name/verb beside the modal ("Will will be here", "He will Will the company") |
//! | `in in` | one of the three words before is a particle verb (log, sign, check, plug, fill, hand, turn, give, …) and a word follows | no | particle + preposition ("log them in in the system"); "Go in in the house" is a stutter |
//! | `on on` | one of the three words before is a particle verb (go/went, carry, move, hold, switch, turn, put, take, catch, pass, agree, decide, focus, rely, depend, insist, …) and a word follows | no | particle + preposition ("the talks went on on Friday") |
//! | `wait wait` | the copies are separated by a comma/dash, or open the sentence | no | emphatic spoken repetition ("Wait, wait for me!", "Wait wait!") |
//! | `hip hip` | "hooray/hurray/hurrah/hurra" follows | no | the cheer; "Let's go hip hip now" is a stutter |
//! | `wild wild` | "west" follows | no | "Wild Wild West" |
//! | `far far` | "away" follows | no | "far, far away" |
//! | `very very`, `so so`, `really really`, `many many`, `much much` | a word follows | yes | emphatic intensifier ("so so much", "very very good"): a style choice, often a faithful rendering of the source's own emphasis (非常非常), not a stutter. "…, very very." with nothing after is flagged |
//! | `no no`, `yes yes`, `ok ok`, `okay okay`, `bye bye`, `knock knock`, `tut tut`, `ha ha`, `hah hah`, `heh heh`, `ho ho`, `hi hi`, `hey hey`, `oh oh`, `ah ah`, `aah aah`, `uh uh`, `ouh ouh`, `whoa whoa`, `shh shh`, `tsk tsk`, `hush hush`, `blah blah`, `bla bla`, `yadda yadda`, `yeah yeah`, `omg omg`, `wink wink`, `boo boo`, `doo doo`, `la la`, `ta ta`, `x x`, `si si`, `aye aye`, `yum yum`, `yummy yummy`, `chop chop`, `ring ring`, `beep beep`, `bleep bleep`, `ding ding`, `honk honk`, `brum brum`, `woof woof`, `quack quack`, `meow meow`, `squawk squawk`, `tick tick`, `bang bang`, `boom boom`, `choo choo`, `woop woop`, `wop wop`, `fnar fnar`, `fnarr fnarr`, `twinkle twinkle` | always | yes | reduplicated interjection or onomatopoeia, repeated on purpose (most from LanguageTool's list) |
//! | `walla walla`, `baden baden` (Baden-Baden), `wagga wagga`, `sirhan sirhan`, `duran duran`, `bora bora`, `dum dum`, `pago pago`, `mahi mahi`, `bam bam`, `mau mau`, `lapu lapu`, `santorio santorio`, `miu miu`, `sri sri`, `jay jay`, `chow chow`, `tuk tuk`, `tse tse`, `cha cha`, `chi chi`, `paw paw`, `sapiens sapiens`, `gout gout` | always | no | reduplicated name or set term (places, people, bands, brands, breeds, dances, "Homo sapiens sapiens"); listed so they stand also at the start of a sentence, where the name rule does not apply |
//!
//! Deliberate choices: "very very" and "many many" are spared
//! (style, not stutter; LanguageTool agrees); "is is" is flagged unless the
//! first copy is quoted; "no no" is spared; "far far away" is spared, other
//! "far far" is not; numbers never count.

use crate::lexicon::WordList;

/// What the word on one side of a doubled pair must be for an exception to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Anything, including nothing (start or end of the sentence).
    Any,
    /// Some word, whatever it is.
    Word,
    /// A word that is not in the list.
    NotIn(&'static [&'static str]),
    /// A word in the list.
    In(&'static [&'static str]),
    /// One of the (up to) three nearest words on that side is in the list.
    Near(&'static [&'static str]),
}

/// How the pair itself must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Any,
    /// At least one occurrence is capitalised (the month "May", the name "Will").
    OneCapitalised,
    /// The occurrences are separated by a comma or dash, or the pair opens
    /// the sentence ("Wait, wait for me!", "Wait wait!").
    SeparatedOrInitial,
}

/// One legitimate repetition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    pub word: &'static str,
    pub before: Side,
    pub after: Side,
    pub form: Form,
    /// Whether three or more in a row are still legitimate ("ha ha ha").
    pub runs: bool,
    pub reason: &'static str,
}

/// Articles, demonstratives and possessives: a noun, not a verb, follows them.
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "each", "every", "some", "any", "no", "another", "either", "neither",
];

/// Words before "had had" that cannot be its subject: articles and
/// possessive determiners. Pronoun uses of determiners ("a debate that had
/// had its share", "each had had", "those had had") are subjects.
const NOT_SUBJECT_BEFORE_HAD: &[&str] = &[
    "a", "an", "the", "my", "your", "her", "its", "our", "their", "every", "no",
];

/// Words after which the second "that" cannot be a demonstrative.
const AFTER_THAT_THAT: &[&str] = &["a", "an", "the", "this", "that", "these", "those"];

/// Verbs whose particle "in" may be followed by the preposition "in".
const IN_PARTICLE_VERBS: &[&str] = &[
    "log", "logs", "logged", "logging", "sign", "signs", "signed", "signing", "check", "checks",
    "checked", "checking", "plug", "plugs", "plugged", "fill", "fills", "filled", "hand", "hands",
    "handed", "turn", "turns", "turned", "give", "gives", "gave", "given", "settle", "settled",
    "move", "moved", "moving", "join", "joined", "phase", "phased", "drop", "dropped", "come",
    "came", "comes", "coming", "cash", "cashed", "lock", "locked", "tune", "tuned", "kick",
    "kicked", "chip", "chipped", "pitch", "pitched", "factor", "factored", "weigh", "weighed",
    "call", "called", "usher", "ushered", "rein", "reined",
];

/// Verbs whose particle "on" may be followed by the preposition "on".
const ON_PARTICLE_VERBS: &[&str] = &[
    "go", "goes", "went", "gone", "going", "carry", "carries", "carried", "carrying", "move",
    "moved", "hold", "held", "log", "logged", "switch", "switched", "turn", "turned", "put",
    "take", "took", "taken", "catch", "caught", "pass", "passed", "sign", "signed", "call",
    "called", "agree", "agreed", "decide", "decided", "focus", "focused", "rely", "relied",
    "depend", "depended", "insist", "insisted",
];

const HOORAY: &[&str] = &["hooray", "hurray", "hurrah", "hurra"];

const INTERJECTION: &str =
    "reduplicated interjection or onomatopoeia, repeated on purpose (\"ha ha\", \"beep beep\")";
const SET_TERM: &str =
    "reduplicated name or set term (\"Duran Duran\", \"tuk tuk\"), also when it opens a sentence";
const INTENSIFIER: &str =
    "emphatic intensifier (\"so so much\", \"very very good\"): a style choice, often a faithful rendering of the source's emphasis, not a stutter";

const fn interjection(word: &'static str) -> Exception {
    Exception {
        word,
        before: Side::Any,
        after: Side::Any,
        form: Form::Any,
        runs: true,
        reason: INTERJECTION,
    }
}

const fn set_term(word: &'static str) -> Exception {
    Exception {
        word,
        before: Side::Any,
        after: Side::Any,
        form: Form::Any,
        runs: false,
        reason: SET_TERM,
    }
}

const fn intensifier(word: &'static str) -> Exception {
    Exception {
        word,
        before: Side::Any,
        after: Side::Word,
        form: Form::Any,
        runs: true,
        reason: INTENSIFIER,
    }
}

/// The table. Order does not matter; each word appears once.
pub const EXCEPTIONS: &[Exception] = &[
    Exception {
        word: "had",
        before: Side::NotIn(NOT_SUBJECT_BEFORE_HAD),
        after: Side::Any,
        form: Form::Any,
        runs: false,
        reason: "past perfect of \"have\" after a subject (\"If I had had time\", \"a debate that had had its share\"); after an article or possessive (\"The had had\") it is a stutter",
    },
    Exception {
        word: "that",
        before: Side::NotIn(DETERMINERS),
        after: Side::NotIn(AFTER_THAT_THAT),
        form: Form::Any,
        runs: false,
        reason: "conjunction + demonstrative (\"said that that outlook\"); a stutter when it opens the sentence, ends it, or an article or demonstrative follows (\"that that this\")",
    },
    Exception {
        word: "can",
        before: Side::In(DETERMINERS),
        after: Side::Word,
        form: Form::Any,
        runs: false,
        reason: "the noun \"can\" + the modal (\"The can can hold the water\")",
    },
    Exception {
        word: "her",
        before: Side::Word,
        after: Side::Word,
        form: Form::Any,
        runs: false,
        reason: "object pronoun + possessive (\"He gave her her phone back\")",
    },
    Exception {
        word: "may",
        before: Side::Any,
        after: Side::Word,
        form: Form::OneCapitalised,
        runs: false,
        reason: "the month or the name beside the modal (\"In May may we\", \"May May is my friend\"); flagged when nothing follows (\"That is May May.\")",
    },
    Exception {
        word: "will",
        before: Side::Any,
        after: Side::Word,
        form: Form::OneCapitalised,
        runs: false,
        reason: "the name or the verb \"to will\" beside the modal (\"Will will be here\", \"He will Will the company\"); flagged when nothing follows",
    },
    Exception {
        word: "in",
        before: Side::Near(IN_PARTICLE_VERBS),
        after: Side::Word,
        form: Form::Any,
        runs: false,
        reason: "phrasal-verb particle + preposition (\"log in in the morning\", \"log them in in the system\"); \"Go in in the house\" is a stutter",
    },
    Exception {
        word: "on",
        before: Side::Near(ON_PARTICLE_VERBS),
        after: Side::Word,
        form: Form::Any,
        runs: false,
        reason: "phrasal-verb particle + preposition (\"the talks went on on Friday\")",
    },
    Exception {
        word: "wait",
        before: Side::Any,
        after: Side::Any,
        form: Form::SeparatedOrInitial,
        runs: false,
        reason: "emphatic spoken repetition (\"Wait, wait for me!\", \"Wait wait!\"); \"Please wait wait for me\" is a stutter",
    },
    Exception {
        word: "hip",
        before: Side::Any,
        after: Side::In(HOORAY),
        form: Form::Any,
        runs: false,
        reason: "the cheer \"hip hip hooray\"; without \"hooray\" it is a stutter",
    },
    Exception {
        word: "wild",
        before: Side::Any,
        after: Side::In(&["west"]),
        form: Form::Any,
        runs: false,
        reason: "the set phrase \"Wild Wild West\"",
    },
    Exception {
        word: "far",
        before: Side::Any,
        after: Side::In(&["away"]),
        form: Form::Any,
        runs: false,
        reason: "the set phrase \"far, far away\"",
    },
    intensifier("very"),
    intensifier("so"),
    intensifier("really"),
    intensifier("many"),
    intensifier("much"),
    interjection("no"),
    interjection("yes"),
    interjection("ok"),
    interjection("okay"),
    interjection("bye"),
    interjection("knock"),
    interjection("tut"),
    interjection("ha"),
    interjection("hah"),
    interjection("heh"),
    interjection("ho"),
    interjection("hi"),
    interjection("hey"),
    interjection("oh"),
    interjection("ah"),
    interjection("aah"),
    interjection("uh"),
    interjection("ouh"),
    interjection("whoa"),
    interjection("shh"),
    interjection("tsk"),
    interjection("hush"),
    interjection("blah"),
    interjection("bla"),
    interjection("yadda"),
    interjection("yeah"),
    interjection("omg"),
    interjection("wink"),
    interjection("boo"),
    interjection("doo"),
    interjection("la"),
    interjection("ta"),
    interjection("x"),
    interjection("si"),
    interjection("aye"),
    interjection("yum"),
    interjection("yummy"),
    interjection("chop"),
    interjection("ring"),
    interjection("beep"),
    interjection("bleep"),
    interjection("ding"),
    interjection("honk"),
    interjection("brum"),
    interjection("woof"),
    interjection("quack"),
    interjection("meow"),
    interjection("squawk"),
    interjection("tick"),
    interjection("bang"),
    interjection("boom"),
    interjection("choo"),
    interjection("woop"),
    interjection("wop"),
    interjection("fnar"),
    interjection("fnarr"),
    interjection("twinkle"),
    set_term("walla"),
    set_term("baden"),
    set_term("wagga"),
    set_term("sirhan"),
    set_term("duran"),
    set_term("bora"),
    set_term("dum"),
    set_term("pago"),
    set_term("mahi"),
    set_term("bam"),
    set_term("mau"),
    set_term("lapu"),
    set_term("santorio"),
    set_term("miu"),
    set_term("sri"),
    set_term("jay"),
    set_term("chow"),
    set_term("tuk"),
    set_term("tse"),
    set_term("cha"),
    set_term("chi"),
    set_term("paw"),
    set_term("sapiens"),
    set_term("gout"),
];

/// Closed-class words: never read as a doubled name ("That is May May." is a
/// stutter even though both are capitalised). The list:
/// `dict/lists/function-words-not-names.txt`.
static FUNCTION_WORDS: WordList = WordList::new(include_str!(
    "../../../dict/lists/function-words-not-names.txt"
));

/// What kind of clause subject a pronoun is (see [`clause_subject`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// "I", "you", "he", "she", "it", "we", "they": any verb may follow.
    Personal,
    /// "this", "that", "there": a determiner too ("that plan"), so only an
    /// auxiliary or an -s/-ed verb shows it is the subject.
    Singular,
    /// "these", "those": only an auxiliary shows it is the subject.
    Plural,
}

/// Pronouns that may end one clause and, after a comma, start the next as
/// its subject: "if you get too close to it, it will not let go", "the man
/// following you, you walk faster", "when I booked it, it was at 16:10".
pub const CLAUSE_SUBJECTS: &[(&str, Subject)] = &[
    ("i", Subject::Personal),
    ("you", Subject::Personal),
    ("he", Subject::Personal),
    ("she", Subject::Personal),
    ("it", Subject::Personal),
    ("we", Subject::Personal),
    ("they", Subject::Personal),
    ("this", Subject::Singular),
    ("that", Subject::Singular),
    ("there", Subject::Singular),
    ("these", Subject::Plural),
    ("those", Subject::Plural),
];

/// Auxiliaries and modals, the verbs a clause subject is most often
/// followed by (normalised: straight apostrophe).
pub const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "am",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "can't",
    "cannot",
    "couldn't",
    "mightn't",
    "mustn't",
    "shan't",
    "shouldn't",
];

/// Adverbs that may stand between a subject and its verb ("it, it never
/// lets go", "they, they also agreed").
pub const PRE_VERB_ADVERBS: &[&str] = &[
    "not",
    "never",
    "also",
    "still",
    "just",
    "only",
    "even",
    "then",
    "already",
    "always",
    "often",
    "really",
    "usually",
    "soon",
    "all",
    "both",
    "actually",
    "certainly",
    "probably",
    "suddenly",
];

/// Whether `word` (normalised) can start a clause as its subject, and which kind.
pub fn clause_subject(word: &str) -> Option<Subject> {
    CLAUSE_SUBJECTS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, s)| s)
}

pub fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.contains(&word)
}

pub fn is_pre_verb_adverb(word: &str) -> bool {
    PRE_VERB_ADVERBS.contains(&word)
}

/// Words that link a word to itself in reduplication idioms: "stronger and
/// stronger", "year after year", "one by one". A two-word "repeat" made of
/// such a word and another ("stronger and stronger and", "year after year
/// after year") is the idiom running on, not a stutter.
pub const LINKS: &[&str] = &["and", "or", "after", "by", "upon", "to"];

pub fn is_link(word: &str) -> bool {
    LINKS.contains(&word)
}

/// The exception for `word` (normalised), if any.
pub fn lookup(word: &str) -> Option<&'static Exception> {
    EXCEPTIONS.iter().find(|e| e.word == word)
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_appears_once_and_is_normalised() {
        for (i, e) in EXCEPTIONS.iter().enumerate() {
            assert_eq!(e.word, crate::text::normalize(e.word), "{}", e.word);
            assert!(!e.reason.is_empty());
            assert!(
                EXCEPTIONS[i + 1..].iter().all(|o| o.word != e.word),
                "{} listed twice",
                e.word
            );
        }
    }

    #[test]
    fn lookup_finds_entries_and_nothing_else() {
        assert_eq!(lookup("had").map(|e| e.word), Some("had"));
        assert!(lookup("critics").is_none());
        assert!(is_function_word("may") && is_function_word("how"));
        assert!(!is_function_word("duran"));
    }
}
