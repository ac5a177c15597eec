//! Fixture tests for every rule: `tests/fixtures/rules/<rule-id>*.Dockerfile`, with
//! the expected diagnostics written as annotations under the lines they point at
//! (see `dockerfile_lsp::rules::testing`). Each fixture shows what must fire and
//! what must not; the quick fixes are applied and must remove their diagnostic
//! without adding an error.

use std::path::Path;

use dockerfile_lsp::rules::testing::{Fixture, check_fixture, parse_fixture};
use dockerfile_lsp::rules::{self, Inputs, Severity};
use dockerfile_lsp::syntax;

fn fixtures() -> Vec<(String, Fixture)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("Dockerfile") {
            continue;
        }
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let src = std::fs::read_to_string(&path).expect("fixture text");
        out.push((name, parse_fixture(&src)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The rule a fixture is about: its file name up to a `.` (`from-latest-tag.alpine`).
fn rule_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

#[test]
fn every_fixture_matches_its_annotations() {
    let mut failures = String::new();
    for (name, f) in fixtures() {
        let report = check_fixture(&f, &[rule_of(&name)]);
        if !report.is_empty() {
            failures.push_str(&format!("\n== {name}.Dockerfile\n{report}"));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn every_rule_has_a_fixture_that_fires_it() {
    let fixtures = fixtures();
    let mut missing = Vec::new();
    for rule in rules::all_rules() {
        let fired = fixtures.iter().any(|(_, f)| f.expected.iter().any(|e| e.code == rule.meta.id));
        if !fired {
            missing.push(rule.meta.id);
        }
    }
    assert!(missing.is_empty(), "rules without a firing fixture: {missing:?}");
}

#[test]
fn quick_fixes_remove_their_diagnostic_and_add_no_error() {
    let mut failures = String::new();
    for (name, f) in fixtures() {
        let tree = syntax::parse(&f.text);
        let config = f.options.rule_config();
        let live = |n: &str| f.options.live_tags.get(n).cloned();
        let inputs = Inputs {
            build_args: f.options.build_args.clone(),
            today: Some(f.options.today()),
            dockerignore: f.options.dockerignore.as_deref(),
            live_tags: if f.options.live_tags.is_empty() { None } else { Some(&live) },
            context_match: None,
        };
        let before = rules::run(&f.text, &tree, &inputs, &config);
        let errors_before = before.iter().filter(|d| d.severity == Severity::Error).count();
        for d in &before {
            for fix in &d.fixes {
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
                let mut text = f.text.clone();
                for e in &edits {
                    text.replace_range(e.range.clone(), &e.text);
                }
                let after_tree = syntax::parse(&text);
                let after = rules::run(&text, &after_tree, &inputs, &config);
                let same_left = after.iter().filter(|a| a.code == d.code && a.message == d.message).count();
                let same_before = before.iter().filter(|b| b.code == d.code && b.message == d.message).count();
                if same_left >= same_before {
                    failures
                        .push_str(&format!("{name}: fix {:?} did not remove [{}] {}\n", fix.title, d.code, d.message));
                }
                let errors_after = after.iter().filter(|d| d.severity == Severity::Error).count();
                if errors_after > errors_before {
                    let new: Vec<String> = after
                        .iter()
                        .filter(|a| a.severity == Severity::Error && !before.iter().any(|b| b.code == a.code))
                        .map(|a| format!("[{}] {}", a.code, a.message))
                        .collect();
                    failures.push_str(&format!("{name}: fix {:?} added errors {new:?}\n{text}\n", fix.title));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
