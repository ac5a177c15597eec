//! What the quick fixes of the base-image rules write, and the helpers behind them.
//! (Which lines fire is in the fixtures under `tests/fixtures/rules/`.)

use std::sync::Arc;

use super::*;
use crate::rules::{Diagnostic, Inputs, RuleConfig, Severity, run};

fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad date {text}"))
}

fn diagnostics(text: &str, today: &str) -> Vec<Diagnostic> {
    let tree = crate::syntax::parse(text);
    let inputs = Inputs { today: Some(day(today)), ..Default::default() };
    run(text, &tree, &inputs, &RuleConfig::default())
}

/// The document after applying fix number `n` of the first diagnostic of `code`.
fn fixed(text: &str, code: &str, n: usize) -> Option<String> {
    let all = diagnostics(text, "2026-11-28");
    let d = all.iter().find(|d| d.code == code)?;
    let fix = d.fixes.get(n)?;
    let mut out = text.to_owned();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in edits {
        out.replace_range(e.range, &e.text);
    }
    Some(out)
}

fn titles(text: &str, code: &str) -> Vec<(String, bool)> {
    diagnostics(text, "2026-11-28")
        .into_iter()
        .filter(|d| d.code == code)
        .flat_map(|d| d.fixes.into_iter().map(|f| (f.title, f.preferred)))
        .collect()
}

#[test]
fn untagged_and_latest_get_the_floating_version_tag_of_today() {
    assert_eq!(fixed("FROM python\n", "from-untagged", 0).as_deref(), Some("FROM python:3.14\n"));
    assert_eq!(fixed("FROM python AS app\n", "from-untagged", 0).as_deref(), Some("FROM python:3.14 AS app\n"));
    assert_eq!(fixed("FROM node:latest\n", "from-latest-tag", 0).as_deref(), Some("FROM node:26\n"));
    assert_eq!(fixed("FROM debian:latest\n", "from-latest-tag", 0).as_deref(), Some("FROM debian:13\n"));
    // Nothing to offer for an image the catalog does not know.
    assert_eq!(fixed("FROM myorg/app:latest\n", "from-latest-tag", 0), None);
    assert_eq!(titles("FROM python\n", "from-untagged"), [("Use python:3.14".to_owned(), true)]);
}

#[test]
fn misspelt_tags_are_corrected_and_scratch_loses_its_tag() {
    assert_eq!(
        fixed("FROM python:3.12-slimm AS app\n", "from-nonexistent-tag", 0).as_deref(),
        Some("FROM python:3.12-slim AS app\n")
    );
    assert_eq!(fixed("FROM node:22-alpnie\n", "from-nonexistent-tag", 0).as_deref(), Some("FROM node:22-alpine\n"));
    assert_eq!(fixed("FROM scratch:latest\n", "from-nonexistent-tag", 0).as_deref(), Some("FROM scratch\n"));
}

#[test]
fn end_of_life_fixes_upgrade_the_same_variant_and_are_not_preferred() {
    assert_eq!(fixed("FROM python:3.8-slim\n", "from-eol", 0).as_deref(), Some("FROM python:3.14-slim\n"));
    // Only the OS is the problem: first keep the version on the current Debian.
    assert_eq!(fixed("FROM node:22\n", "from-eol", 0).as_deref(), Some("FROM node:22-trixie\n"));
    assert_eq!(fixed("FROM node:22\n", "from-eol", 1).as_deref(), Some("FROM node:26\n"));
    assert_eq!(fixed("FROM python:3.12-alpine3.19\n", "from-eol", 0).as_deref(), Some("FROM python:3.12-alpine3.24\n"));
    assert!(titles("FROM python:3.8-slim\n", "from-eol").iter().all(|(_, preferred)| !preferred));
}

#[test]
fn end_of_life_severity_follows_the_day() {
    let severity = |today: &str| {
        diagnostics("FROM debian:bookworm\n", today).into_iter().find(|d| d.code == "from-eol").map(|d| d.severity)
    };
    assert_eq!(severity("2025-06-01"), None);
    assert_eq!(severity("2026-03-01"), Some(Severity::Info)); // ends within six months
    assert_eq!(severity("2026-11-28"), Some(Severity::Info)); // LTS
    assert_eq!(severity("2028-07-01"), Some(Severity::Warning)); // LTS over
}

#[test]
fn a_configured_severity_still_wins_over_the_rules_own() {
    let text = "FROM debian:bookworm\n";
    let tree = crate::syntax::parse(text);
    let inputs = Inputs { today: Some(day("2026-11-28")), ..Default::default() };
    let mut config = RuleConfig::default();
    config.severities.push("from-eol", crate::rules::Level::On(Severity::Error));
    let got = run(text, &tree, &inputs, &config);
    assert_eq!(got.iter().find(|d| d.code == "from-eol").map(|d| d.severity), Some(Severity::Error));
}

#[test]
fn full_image_fix_keeps_the_os_release() {
    let text = "FROM python:3.12-bookworm\nCOPY . /app\n";
    assert_eq!(
        fixed(text, "from-full-image-in-final-stage", 0).as_deref(),
        Some("FROM python:3.12-slim-bookworm\nCOPY . /app\n")
    );
    assert_eq!(fixed("FROM node:22\n", "from-full-image-in-final-stage", 0).as_deref(), Some("FROM node:22-slim\n"));
    assert_eq!(fixed("FROM python\n", "from-full-image-in-final-stage", 0).as_deref(), Some("FROM python:slim\n"));
}

#[test]
fn alpine_pip_fix_moves_to_slim_only_without_apk() {
    let text = "FROM python:3.13-alpine3.22\nRUN pip install pycurl\n";
    assert_eq!(
        fixed(text, "alpine-pip-needs-build-tools", 0).as_deref(),
        Some("FROM python:3.13-slim\nRUN pip install pycurl\n")
    );
    let with_apk = "FROM python:3.13-alpine\nRUN apk add --no-cache curl\nRUN pip install pycurl\n";
    assert_eq!(titles(with_apk, "alpine-pip-needs-build-tools"), []);
    assert_eq!(alpine_pip_needs_build_tools::slim_for("3.12-alpine3.21").as_deref(), Some("3.12-slim"));
    assert_eq!(alpine_pip_needs_build_tools::slim_for("alpine").as_deref(), Some("slim"));
    assert_eq!(alpine_pip_needs_build_tools::slim_for("3.12-slim"), None);
}

#[test]
fn shell_form_becomes_exec_form_only_when_it_is_plain_words() {
    let base = "FROM scratch\nCOPY app /app\n";
    let fix = |line: &str| fixed(&format!("{base}{line}\n"), "no-shell-in-final-image", 0);
    assert_eq!(fix("CMD /app --serve").as_deref(), Some(&*format!("{base}CMD [\"/app\", \"--serve\"]\n")));
    assert_eq!(
        fix("ENTRYPOINT /app 'a \"b\"'").as_deref(),
        Some(&*format!("{base}ENTRYPOINT [\"/app\", \"a \\\"b\\\"\"]\n"))
    );
    for not_plain in
        ["CMD /app && /other", "CMD /app > log", "CMD /app $X", "CMD /app *.txt", "CMD A=1 /app", "CMD exec /app"]
    {
        assert_eq!(fix(not_plain), None, "{not_plain}");
    }
}

#[test]
fn deprecated_images_with_a_moved_successor_get_a_rename() {
    assert_eq!(
        fixed("FROM rockylinux:9\n", "from-deprecated-image", 0).as_deref(),
        Some("FROM rockylinux/rockylinux:9\n")
    );
}

#[test]
fn each_distinct_reference_is_resolved_once() {
    let today = day("2026-11-28");
    let a = resolved("alpine:3.19", today).map(|r| Arc::as_ptr(&r));
    let b = resolved("alpine:3.19", today).map(|r| Arc::as_ptr(&r));
    assert!(a.is_some() && a == b);
    assert!(resolved("python:${TAG}", today).is_none());
    assert!(resolved("Not A Reference", today).is_none());
}

#[test]
fn helpers() {
    assert_eq!(edit_distance("slimm", "slim"), 1);
    assert_eq!(edit_distance("alpnie", "alpine"), 2);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(floating_latest("python", day("2026-11-28")).as_deref(), Some("3.14"));
    assert_eq!(floating_latest("myorg/app", day("2026-11-28")), None);
}
