//! JSON renderer: the `mtcheck/1` object of the design contract.

use super::Report;

/// One pretty-printed JSON object (for `check --format json`).
pub fn render_pretty(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; keep the contract's shape if it does.
        format!("{{\"schema\":\"mtcheck/1\",\"error\":\"{e}\"}}")
    });
    s.push('\n');
    s
}

/// One JSON object on one line (for batch `--json`, JSON Lines).
pub fn render_line(report: &Report) -> String {
    let mut s = serde_json::to_string(report)
        .unwrap_or_else(|e| format!("{{\"schema\":\"mtcheck/1\",\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
