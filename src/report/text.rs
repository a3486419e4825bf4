//! Plain terminal renderer.

use std::fmt::Write;

use super::Report;

/// A readable report: one line per finding, then a summary.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}[{}]: {}\n  --> {}:{}:{}",
            f.severity, f.kind, f.message, report.candidate, f.line, f.column
        );
        if let Some(r) = &f.reference {
            let _ = writeln!(
                out,
                "  = reference {}:{}:{}: {}",
                report.reference, r.line, r.column, r.text
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}: score {:.1}/100, verdict {} ({} words, {} findings, mode {})",
        report.candidate,
        report.score,
        report.verdict,
        report.words,
        report.findings.len(),
        report.mode.as_str()
    );
    let _ = writeln!(
        out,
        "metrics: chrF {:.2}, BLEU {:.2}, sentences {} candidate / {} reference / {} aligned",
        report.metrics.chrf,
        report.metrics.bleu,
        report.metrics.candidate_sentences,
        report.metrics.reference_sentences,
        report.metrics.aligned_sentences
    );
    out
}
