//! PLACEHOLDER: this check family lands with its issue.

use serde::{Deserialize, Serialize};

use super::{Check, Context};
use crate::finding::Finding;

/// Settings for this check (`[garbled]` in the config file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GarbledConfig {}

pub struct Garbled;

impl Check for Garbled {
    fn name(&self) -> &'static str {
        "garbled"
    }

    fn description(&self) -> &'static str {
        "not implemented yet"
    }

    fn run(&self, _cx: &Context<'_>) -> Vec<Finding> {
        Vec::new()
    }
}
