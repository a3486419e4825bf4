//! Configuration: one TOML file (`--config`), every key optional, each
//! section owned by the module it configures. See `docs/FORMATS.md`.

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::text::DEFAULT_MAX_BYTES;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub score: crate::score::ScoreConfig,
    pub verdict: crate::verdict::VerdictConfig,
    pub limits: Limits,
    pub align: crate::align::AlignConfig,
    pub repeats: crate::checks::repeats::RepeatsConfig,
    pub numbers: crate::checks::numbers::NumbersConfig,
    pub garbled: crate::checks::GarbledConfig,
    pub language: crate::lexicon::language::LanguageConfig,
    pub checks: crate::checks::ChecksConfig,
    pub consensus: crate::consensus::ConsensusConfig,
    pub allow: crate::allow::AllowConfig,
    pub glossary: crate::checks::glossary::GlossaryConfig,
}

/// Bounds on what one article may cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_bytes: usize,
    /// Most findings kept per article, the most severe first (0: no cap).
    pub max_findings: usize,
}

/// Default of [`Limits::max_findings`]: far above what a real article
/// gives (the WMT23 articles have at most a few dozen), low enough that a
/// hostile one (1 MB of "(": a million findings) stays a readable report.
pub const DEFAULT_MAX_FINDINGS: usize = 10_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_findings: DEFAULT_MAX_FINDINGS,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Parse { path: String, message: String },
}

impl Config {
    /// Reads a TOML config file of at most [`DEFAULT_MAX_BYTES`]; unknown
    /// keys are an error so typos show.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_limited(path, DEFAULT_MAX_BYTES)
    }

    /// Reads a TOML config file of at most `max_bytes` (read with a bounded
    /// reader: `/dev/zero` is refused at once), parses and validates it.
    pub fn load_limited(path: &Path, max_bytes: usize) -> Result<Config, ConfigError> {
        let name = path.display().to_string();
        let parse = |message: String| ConfigError::Parse {
            path: name.clone(),
            message,
        };
        let bytes = crate::text::read_input(path, max_bytes).map_err(|e| match e {
            crate::text::InputError::Io { source, .. } => ConfigError::Read {
                path: name.clone(),
                source,
            },
            crate::text::InputError::Decode { source, .. } => parse(source.to_string()),
            crate::text::InputError::Format { source, .. } => parse(source.to_string()),
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| parse("is not UTF-8 text (a TOML file must be UTF-8)".into()))?;
        Config::parse(&text).map_err(parse)
    }

    /// One note per key that still loads but is no longer read, for the
    /// command line to print as a warning.
    pub fn deprecations(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for (key, value) in [("clean", self.score.clean), ("review", self.score.review)] {
            if value.is_some() {
                notes.push(format!(
                    "[score] {key} is no longer read: the verdict rests on findings and on \
                     [verdict] human_floor_parallel / human_floor_comparable (docs/FORMATS.md)"
                ));
            }
        }
        notes
    }

    /// Parses TOML text and [validates](Config::validate) it; the error is
    /// a one-line message.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
        if let Some(name) = config.checks.unknown_name() {
            return Err(format!(
                "[checks] disable names {name:?}, which is neither a check nor a group"
            ));
        }
        config.validate()?;
        Ok(config)
    }

    /// Refuses values that would give nonsense, naming the key: every
    /// number must be finite and not negative, shares lie in 0–1, and the
    /// old `[score] clean` may not be below `[score] review`.
    pub fn validate(&self) -> Result<(), String> {
        let value = toml::Value::try_from(self).map_err(|e| e.to_string())?;
        let mut problems = Vec::new();
        walk(&value, &mut Vec::new(), &mut problems);
        if let Some(p) = problems.into_iter().next() {
            return Err(p);
        }
        if let (Some(clean), Some(review)) = (self.score.clean, self.score.review) {
            if clean < review {
                return Err(format!(
                    "[score] clean ({clean}) is below [score] review ({review}); clean must be the higher threshold"
                ));
            }
        }
        Ok(())
    }
}

/// Keys whose value is a share, 0 to 1.
const SHARES: [&str; 6] = [
    "score.sentence_weight",
    "align.anchor_weight",
    "garbled.quote_min_overlap",
    "language.max_english_share",
    "language.min_confidence",
    "consensus.min_share",
];

/// How a key is named in messages: `[score] minor`, `[score.kinds] number-mismatch`.
fn key_name(path: &[String]) -> String {
    match path.split_last() {
        Some((key, [])) => key.clone(),
        Some((key, table)) => format!("[{}] {key}", table.join(".")),
        None => String::new(),
    }
}

fn walk(value: &toml::Value, path: &mut Vec<String>, problems: &mut Vec<String>) {
    let number = match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                path.push(k.clone());
                walk(v, path, problems);
                path.pop();
            }
            return;
        }
        toml::Value::Array(a) => {
            for v in a {
                walk(v, path, problems);
            }
            return;
        }
        toml::Value::Float(f) => *f,
        toml::Value::Integer(i) => *i as f64,
        _ => return,
    };
    let key = key_name(path);
    if !number.is_finite() {
        problems.push(format!("{key} must be a finite number, not {number}"));
    } else if number < 0.0 {
        problems.push(format!("{key} must not be negative (found {number})"));
    } else if SHARES.contains(&path.join(".").as_str()) && number > 1.0 {
        problems.push(format!("{key} is a share from 0 to 1 (found {number})"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn old_verdict_thresholds_load_with_a_note() {
        let c = Config::parse("[score]\nclean = 95\n").unwrap();
        let notes = c.deprecations();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("[score] clean is no longer read"));
        assert!(Config::default().deprecations().is_empty());
    }

    #[test]
    fn checks_are_disabled_by_name_or_group_and_unknown_names_refused() {
        let c = Config::parse("[checks]\ndisable = [\"garbled\", \"repeats\"]\n").unwrap();
        let on: Vec<&str> = crate::checks::registry()
            .iter()
            .filter(|k| c.checks.enabled(**k))
            .map(|k| k.name())
            .collect();
        assert!(!on.is_empty());
        for check in crate::checks::registry() {
            let off = ["garbled", "repeats"].contains(&check.group());
            assert_eq!(on.contains(&check.name()), !off, "{}", check.name());
        }
        let err = Config::parse("[checks]\ndisable = [\"garbeld\"]\n").unwrap_err();
        assert!(err.contains("\"garbeld\""), "{err}");
    }

    #[test]
    fn nonsense_values_are_refused_naming_the_key() {
        for (text, key) in [
            ("[score]\nminor = nan\n", "[score] minor"),
            ("[score]\nk = inf\n", "[score] k"),
            ("[score]\nmajor = -5.0\n", "[score] major"),
            (
                "[score.kinds]\nnumber-mismatch = -1.0\n",
                "[score.kinds] number-mismatch",
            ),
            (
                "[verdict]\nhuman_floor_parallel = -inf\n",
                "[verdict] human_floor_parallel",
            ),
            (
                "[score]\nsentence_weight = 1.5\n",
                "[score] sentence_weight",
            ),
            ("[score]\nclean = 50\nreview = 70\n", "[score] clean"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(key), "{text}: {err}");
        }
        assert!(Config::parse("[score]\nclean = 95\nreview = 70\n").is_ok());
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Config::parse("[score]\nnot_a_key = 1\n").is_err());
        assert!(Config::parse("[nope]\n").is_err());
    }
}
