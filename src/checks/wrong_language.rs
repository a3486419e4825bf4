//! `wrong-language`: a sentence or passage in another language or script
//! than the article, text left untranslated (check `wrong-language`, group
//! `language`, settings `[language]`).
//!
//! Which sentences are foreign is the language scan's business
//! ([`crate::lexicon::language`], shared with other checks). Consecutive
//! foreign sentences make one passage finding (critical). A whole candidate
//! in another language than the reference is one finding over the whole
//! article, and then nothing else is reported.

use whatlang::Lang;

use super::{Check, Context};
use crate::finding::{Finding, Kind};
use crate::lexicon::language::{
    article_language, foreign_sentences, other_language_than_reference,
};
use crate::text::Article;

pub struct WrongLanguage;

impl Check for WrongLanguage {
    fn name(&self) -> &'static str {
        "wrong-language"
    }

    fn group(&self) -> &'static str {
        "language"
    }

    fn description(&self) -> &'static str {
        "passages in another language or script than the article (untranslated text)"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[Kind::WrongLanguage]
    }

    fn uses_alignment(&self) -> bool {
        false
    }

    fn run(&self, cx: &Context<'_>) -> Vec<Finding> {
        let cfg = &cx.config.language;
        if !cfg.enabled {
            return Vec::new();
        }
        let article = cx.candidate;
        // A whole article left in another language than the reference's.
        if let Some((ours, theirs)) = other_language_than_reference(article, cx.reference) {
            let (Some(first), Some(last)) = (article.sentences.first(), article.sentences.last())
            else {
                return Vec::new();
            };
            return vec![Finding::new(
                Kind::WrongLanguage,
                article,
                first.start,
                last.end,
                format!(
                    "the article is in {}, the reference in {}: left untranslated?",
                    ours.eng_name(),
                    theirs.eng_name()
                ),
            )];
        }
        let article_lang = article_language(article);
        let foreign = foreign_sentences(article, cx.reference, cfg);
        let mut out = Vec::new();
        let mut i = 0;
        while i < foreign.len() {
            if !foreign[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i + 1 < foreign.len() && foreign[i + 1] {
                i += 1;
            }
            if let (Some(a), Some(b)) = (article.sentences.get(first), article.sentences.get(i)) {
                out.push(passage_finding(article, a.start, b.end, article_lang));
            }
            i += 1;
        }
        out
    }
}

fn passage_finding(article: &Article, start: usize, end: usize, lang: Option<Lang>) -> Finding {
    let text = article.text.get(start..end).unwrap_or("");
    let expected = lang.map_or("the article's language", |l| l.eng_name());
    let found = whatlang::detect(text)
        .map(|info| info.lang().eng_name())
        .map(str::to_string)
        .or_else(|| whatlang::detect_script(text).map(|s| s.name().to_string()))
        .unwrap_or_else(|| "another language".to_string());
    Finding::new(
        Kind::WrongLanguage,
        article,
        start,
        end,
        format!("this passage is in {found}, not {expected}: left untranslated?"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{assert_flags, assert_quiet};

    const ENGLISH: &str = "The president arrived in Moscow on Thursday for a four-day visit. \
        He met the leaders of both chambers of parliament and spoke about trade. ";

    fn run(cand: &str, refr: &str) -> Vec<Finding> {
        let config = crate::config::Config::default();
        crate::checks::with_context(cand, refr, &config, None, |cx| WrongLanguage.run(cx))
    }

    #[test]
    fn whole_article_in_another_language_is_one_finding() {
        let cand = "Les deux ministres ont convenu de se revoir le mois prochain. \
                    Ils ont également promis de faciliter le retour des réfugiés.";
        let found = run(cand, ENGLISH);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (0, cand.len()));
        assert!(found[0].message.contains("French"), "{}", found[0].message);
        assert!(run(ENGLISH, ENGLISH).is_empty());
    }

    #[test]
    fn a_foreign_sentence_is_one_passage() {
        let cand = format!(
            "{ENGLISH}Le président a déclaré que les deux pays allaient renforcer leur coopération.\n\
             The talks ended late in the evening."
        );
        assert_flags(
            &cand,
            ENGLISH,
            Kind::WrongLanguage,
            "Le président a déclaré que les deux pays allaient renforcer leur coopération.",
        );
        assert_quiet(ENGLISH, ENGLISH, Kind::WrongLanguage);
    }
}
