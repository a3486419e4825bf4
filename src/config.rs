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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
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
    /// Reads a TOML config file; unknown keys are an error so typos show.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: name.clone(),
            source,
        })?;
        Config::parse(&text).map_err(|message| ConfigError::Parse {
            path: name,
            message,
        })
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

    /// Parses TOML text; the error is a one-line message.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(name) = config.checks.unknown_name() {
            return Err(format!(
                "[checks] disable names {name:?}, which is neither a check nor a group"
            ));
        }
        Ok(config)
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
    fn unknown_keys_are_rejected() {
        assert!(Config::parse("[score]\nnot_a_key = 1\n").is_err());
        assert!(Config::parse("[nope]\n").is_err());
    }
}
