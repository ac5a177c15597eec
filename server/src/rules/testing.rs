//! Fixtures with inline annotations, for rule and feature tests.
//!
//! A fixture is a Dockerfile in which some comment lines are annotations about the
//! line above them; they are removed before analysis:
//!
//! ```text
//! FROM python:latest
//! #           ^^^^^^ warning[from-latest-tag]
//! MAINTAINER me
//! #^^^^^^^^^ warning[maintainer-deprecated]: the message, when it matters
//! ```
//!
//! Carets mark the same columns (in characters) of the line above; a `#` directly
//! followed by carets counts as a caret itself, so ranges can start in column 0. For a
//! range that continues on later lines, mark its part on the first line up to the end
//! of that line. `$0` marks a cursor. A first line `# fixture: {json}` carries options
//! (see [`FixtureOptions`]).

use std::collections::HashMap;

use super::{ContextHit, Diagnostic, Inputs, Level, RuleConfig, Severity};
use crate::images::catalog::Date;
use crate::syntax::TextRange;

/// One expected diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub range: TextRange,
    pub severity: Severity,
    pub code: String,
    pub message: Option<String>,
    /// The annotated part ends at the end of its line (the range may go on).
    pub to_line_end: bool,
    /// 1-based line in the fixture file, for error messages.
    pub fixture_line: usize,
}

/// Options from a `# fixture: {…}` first line.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FixtureOptions {
    /// Severity overrides, like the `rules` setting.
    pub rules: HashMap<String, String>,
    pub rule_groups: HashMap<String, bool>,
    pub trusted_registries: Vec<String>,
    pub label_schema: HashMap<String, String>,
    pub strict_labels: bool,
    pub build_args: HashMap<String, String>,
    /// Today's date, `YYYY-MM-DD` (default 2026-11-28 so fixtures are stable).
    pub today: Option<String>,
    /// Contents of a `.dockerignore` next to the Dockerfile.
    pub dockerignore: Option<String>,
    /// Live registry tags by image short name.
    pub live_tags: HashMap<String, Vec<String>>,
    /// Build-context paths that exist (for source checks); absent: context unknown.
    pub context_files: Option<Vec<String>>,
    /// Build-context paths that exist but `.dockerignore` excludes.
    pub context_ignored: Vec<String>,
    /// Only compare these codes (default: the file's stem and every annotated code).
    pub only: Vec<String>,
}

/// A fixture with annotations removed.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub text: String,
    pub expected: Vec<Expected>,
    pub cursor: Option<usize>,
    pub options: FixtureOptions,
}

fn parse_annotation(line: &str) -> Option<(usize, usize, Severity, String, Option<String>)> {
    let hash = line.find('#')?;
    if !line[..hash].trim().is_empty() {
        return None;
    }
    let after = &line[hash + 1..];
    let caret_at = after.find('^')?;
    if !after[..caret_at].chars().all(|c| c == ' ') {
        return None;
    }
    let carets = after[caret_at..].chars().take_while(|&c| c == '^').count();
    let rest = after[caret_at + carets..].trim();
    let open = rest.find('[')?;
    let close = rest.find(']')?;
    let severity = Severity::parse(&rest[..open])?;
    let code = rest[open + 1..close].to_string();
    let message = rest[close + 1..].strip_prefix(':').map(|m| m.trim().to_string());
    let col_chars = line[..hash].chars().count() + 1 + after[..caret_at].chars().count();
    let (start, len) = if caret_at == 0 { (col_chars - 1, carets + 1) } else { (col_chars, carets) };
    Some((start, start + len, severity, code, message))
}

/// Byte offset of a char column in a line (clamped to the line end).
fn col_to_byte(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// Reads a fixture.
pub fn parse_fixture(src: &str) -> Fixture {
    let mut text = String::with_capacity(src.len());
    let mut expected = Vec::new();
    let mut options = FixtureOptions::default();
    let mut last_line: Option<(usize, String)> = None;
    for (i, raw) in src.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        if i == 0 {
            if let Some(json) = line.strip_prefix("# fixture:") {
                options = serde_json::from_str(json.trim()).unwrap_or_else(|e| panic!("bad fixture options: {e}"));
                continue;
            }
        }
        if let Some((a, b, severity, code, message)) = parse_annotation(line) {
            let (start, prev) =
                last_line.as_ref().unwrap_or_else(|| panic!("annotation on line {} has no line above", i + 1));
            let sa = col_to_byte(prev, a);
            let sb = col_to_byte(prev, b);
            expected.push(Expected {
                range: start + sa..start + sb,
                severity,
                code,
                message,
                to_line_end: sb == prev.len(),
                fixture_line: i + 1,
            });
            continue;
        }
        last_line = Some((text.len(), line.to_string()));
        text.push_str(raw);
    }
    let cursor = text.find("$0");
    if let Some(c) = cursor {
        text.replace_range(c..c + 2, "");
        for e in &mut expected {
            if e.range.start > c {
                e.range = e.range.start - 2..e.range.end - 2;
            }
        }
    }
    Fixture { text, expected, cursor, options }
}

impl FixtureOptions {
    pub fn rule_config(&self) -> RuleConfig {
        let mut c = RuleConfig::default();
        for (k, v) in &self.rules {
            c.severities.push(k.clone(), Level::parse(v).unwrap_or_else(|| panic!("bad level {v}")));
        }
        for (g, on) in &self.rule_groups {
            let group = match g.as_str() {
                "buildkit" => super::Group::Buildkit,
                "hadolint" => super::Group::Hadolint,
                "baseImage" => super::Group::BaseImage,
                other => panic!("unknown group {other}"),
            };
            c.groups.insert(group, *on);
        }
        c.trusted_registries = self.trusted_registries.clone();
        c.label_schema = self.label_schema.clone();
        c.strict_labels = self.strict_labels;
        c
    }

    pub fn today(&self) -> Date {
        let t = self.today.as_deref().unwrap_or("2026-11-28");
        Date::parse(t).unwrap_or_else(|| panic!("bad date {t}"))
    }
}

/// Runs every rule on a fixture and compares the diagnostics whose code is in `codes`
/// (plus every annotated code) with the annotations. Returns a readable report of the
/// differences, empty when they match.
pub fn check_fixture(fixture: &Fixture, codes: &[&str]) -> String {
    let f = fixture;
    let tree = crate::syntax::parse(&f.text);
    let live = |name: &str| f.options.live_tags.get(name).cloned();
    let context_match = |path: &str| -> Option<ContextHit> {
        let files = f.options.context_files.as_ref()?;
        let path = path.trim_start_matches("./");
        Some(if files.iter().any(|p| glob_match(path, p)) {
            ContextHit::Found
        } else if f.options.context_ignored.iter().any(|p| glob_match(path, p)) {
            ContextHit::OnlyIgnored
        } else {
            ContextHit::Missing
        })
    };
    let inputs = Inputs {
        build_args: f.options.build_args.clone(),
        today: Some(f.options.today()),
        dockerignore: f.options.dockerignore.as_deref(),
        live_tags: if f.options.live_tags.is_empty() { None } else { Some(&live) },
        context_match: if f.options.context_files.is_some() { Some(&context_match) } else { None },
    };
    let got = super::run(&f.text, &tree, &inputs, &f.options.rule_config());
    compare(f, &got, codes)
}

/// Compares diagnostics with a fixture's annotations (see [`check_fixture`]).
pub fn compare(f: &Fixture, got: &[Diagnostic], codes: &[&str]) -> String {
    let mut wanted: Vec<String> = if f.options.only.is_empty() {
        codes.iter().map(|c| c.to_string()).chain(f.expected.iter().map(|e| e.code.clone())).collect()
    } else {
        f.options.only.clone()
    };
    wanted.sort();
    wanted.dedup();
    let line_col = |off: usize| {
        let before = &f.text[..off.min(f.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        format!("{line}:{col}")
    };
    let line_end = |off: usize| f.text[off..].find('\n').map_or(f.text.len(), |i| off + i);
    let matches = |e: &Expected, d: &Diagnostic| {
        d.code == e.code
            && d.severity == e.severity
            && d.range.start == e.range.start
            && (d.range.end == e.range.end || (e.to_line_end && d.range.end > line_end(d.range.start)))
            && e.message.as_ref().is_none_or(|m| *m == d.message)
    };
    let relevant: Vec<&Diagnostic> = got.iter().filter(|d| wanted.iter().any(|w| w == d.code)).collect();
    let mut report = String::new();
    for e in &f.expected {
        if !relevant.iter().any(|d| matches(e, d)) {
            report.push_str(&format!(
                "missing (fixture line {}): {} {}[{}] {:?}{}\n",
                e.fixture_line,
                line_col(e.range.start),
                e.severity.name(),
                e.code,
                &f.text[e.range.clone()],
                e.message.as_ref().map(|m| format!(": {m}")).unwrap_or_default()
            ));
        }
    }
    for d in relevant {
        if !f.expected.iter().any(|e| matches(e, d)) {
            report.push_str(&format!(
                "unexpected: {} {}[{}] {:?}: {}\n",
                line_col(d.range.start),
                d.severity.name(),
                d.code,
                f.text.get(d.range.clone()).unwrap_or(""),
                d.message
            ));
        }
    }
    report
}

/// Shell-style glob match (`*`, `?`, `**`) for fixture context files.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some(b'*'), _) => {
                let double = p.get(1) == Some(&b'*');
                let rest = if double { &p[2..] } else { &p[1..] };
                (0..=s.len()).any(|i| (double || !s[..i].contains(&b'/')) && go(rest, &s[i..]))
            }
            (Some(b'?'), Some(c)) if *c != b'/' => go(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &s[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), path.as_bytes()) || path.starts_with(&format!("{}/", pattern.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_are_removed_and_mapped() {
        let f = parse_fixture(
            "FROM python:latest\n#           ^^^^^^ warning[from-latest-tag]\nMAINTAINER me$0\n#^^^^^^^^^ error[x]: msg\n",
        );
        assert_eq!(f.text, "FROM python:latest\nMAINTAINER me\n");
        assert_eq!(&f.text[f.expected[0].range.clone()], "latest");
        assert_eq!(&f.text[f.expected[1].range.clone()], "MAINTAINER");
        assert_eq!(f.expected[1].message.as_deref(), Some("msg"));
        assert_eq!(f.cursor, Some(f.text.len() - 1));
    }

    #[test]
    fn comparison_reports_both_directions() {
        let f = parse_fixture("FROM a\n#^^^ error[x]\n");
        let got = vec![Diagnostic {
            range: 5..6,
            severity: Severity::Error,
            code: "x",
            case: None,
            message: "m".into(),
            tags: vec![],
            related: vec![],
            fixes: vec![],
        }];
        let r = compare(&f, &got, &[]);
        assert!(r.contains("missing") && r.contains("unexpected"), "{r}");
    }
}
