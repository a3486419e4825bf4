//! PLACEHOLDER: this check family lands with its issue.

use serde::{Deserialize, Serialize};

use super::{Check, Context};
use crate::finding::Finding;

/// Settings for this check (`[repeats]` in the config file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RepeatsConfig {}

pub struct Repeats;

impl Check for Repeats {
    fn name(&self) -> &'static str {
        "repeats"
    }

    fn description(&self) -> &'static str {
        "not implemented yet"
    }

    fn run(&self, _cx: &Context<'_>) -> Vec<Finding> {
        Vec::new()
    }
}
