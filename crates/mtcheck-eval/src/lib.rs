//! mtcheck's research harness, apart from the library: [`evaluate`], the
//! evaluation against the human MQM ratings of WMT23 zh→en
//! (`examples/evaluate.rs`, `examples/triage.rs`, docs/EVALUATION.md), and
//! [`synth`], synthetic article pairs built from WMT segments for the
//! benches and `examples/stages.rs`. Not published: the `mtcheck` crate
//! takes it as a dev-dependency only.

pub mod evaluate;
pub mod synth;
