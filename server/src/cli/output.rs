//! Rendering findings: human, JSON, SARIF 2.1.0 and GitHub annotations.

use std::fmt::Write;

use serde_json::{Value, json};

use super::lines::LineIndex;
use crate::rules::{self, Diagnostic, Severity};

/// The findings of one file.
pub struct FileReport {
    /// The path as given (or the stdin name).
    pub name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

fn aliases(d: &Diagnostic) -> Vec<&'static str> {
    rules::registry::find_meta(d.code).map(|m| m.aliases_for(d.case)).unwrap_or_default()
}

/// `path:line:col: severity[code]: message`, the source line and a caret underline.
pub fn human(reports: &[FileReport], color: bool) -> String {
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for r in reports {
        let idx = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            counts[d.severity as usize] += 1;
            let start = idx.position(&r.text, d.range.start);
            let sev = match d.severity {
                Severity::Error => paint("1;31", "error"),
                Severity::Warning => paint("1;33", "warning"),
                Severity::Info => paint("1;36", "info"),
                Severity::Hint => paint("1;34", "hint"),
            };
            let _ = writeln!(out, "{}:{}:{}: {sev}[{}]: {}", r.name, start.line, start.column, d.code, d.message);
            let line_no = start.line - 1;
            let line = idx.line_text(&r.text, line_no);
            let line_start = idx.line_start(line_no);
            let end_in_line = d.range.end.min(line_start + line.len()).max(d.range.start);
            let lead = r.text.get(line_start..d.range.start.min(line_start + line.len())).unwrap_or("");
            let under = r.text.get(d.range.start..end_in_line).unwrap_or("");
            let gutter = format!("{}", start.line);
            let pad = " ".repeat(gutter.len());
            let shown_lead: String = lead.chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let carets = "^".repeat(under.chars().count().max(1));
            let _ = writeln!(out, "{} {line}", paint("2", &format!("{gutter} |")));
            let _ = writeln!(out, "{} {shown_lead}{}", paint("2", &format!("{pad} |")), paint("1;32", &carets));
        }
    }
    let total: usize = counts.iter().sum();
    if total > 0 {
        let mut parts = Vec::new();
        for (sev, name) in [(3, "error"), (2, "warning"), (1, "info"), (0, "hint")] {
            let n = counts[sev];
            if n > 0 {
                parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
            }
        }
        let files = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
        let _ = writeln!(out, "{} in {files} file{}", parts.join(", "), if files == 1 { "" } else { "s" });
    }
    out
}

/// A JSON array of `{file, code, aliases, severity, message, range, fixable}`.
pub fn json(reports: &[FileReport]) -> String {
    let mut items = Vec::new();
    for r in reports {
        let idx = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            items.push(json!({
                "file": r.name,
                "code": d.code,
                "aliases": aliases(d),
                "severity": d.severity.name(),
                "message": d.message,
                "range": {
                    "start": idx.position(&r.text, d.range.start),
                    "end": idx.position(&r.text, d.range.end),
                },
                "fixable": !d.fixes.is_empty(),
            }));
        }
    }
    let mut s = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// SARIF 2.1.0 with the rules that fired (help text and URIs) and results with regions.
pub fn sarif(reports: &[FileReport]) -> String {
    let mut rule_ids: Vec<&'static str> = reports.iter().flat_map(|r| r.diagnostics.iter().map(|d| d.code)).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules_json: Vec<Value> = rule_ids
        .iter()
        .map(|id| {
            let meta = rules::registry::find_meta(id);
            let summary = meta.map_or("", |m| m.summary);
            let docs = meta.map_or("", |m| m.docs);
            let level = meta.and_then(|m| m.default_severity).map_or("none", sarif_level);
            json!({
                "id": id,
                "name": id,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": format!("{summary} {docs}").trim().to_string()},
                "helpUri": rules::docs_url(id),
                "help": {"text": format!("{summary}\n\n{docs}"), "markdown": format!("{summary}\n\n{docs}")},
                "defaultConfiguration": {"level": level},
                "properties": {"aliases": meta.map(|m| m.aliases.iter().map(|a| a.name).collect::<Vec<_>>()).unwrap_or_default()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let idx = LineIndex::new(&r.text);
        let uri = r.name.trim_start_matches("./").replace('\\', "/");
        for d in &r.diagnostics {
            let s = idx.position(&r.text, d.range.start);
            let e = idx.position(&r.text, d.range.end);
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": rule_ids.iter().position(|x| *x == d.code).unwrap_or(0),
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column},
                    }
                }],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "dockerfile-lsp",
                "informationUri": "https://github.com/dockerfile-lsp/dockerfile-lsp",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Escapes a GitHub workflow command property or message.
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            let s = idx.position(&r.text, d.range.start);
            let e = idx.position(&r.text, d.range.end);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let _ = writeln!(
                out,
                "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                gh_escape(&r.name, true),
                s.line,
                s.column,
                e.line,
                e.column,
                gh_escape(&format!("dockerfile-lsp {}", d.code), true),
                gh_escape(&d.message, false)
            );
        }
    }
    out
}
