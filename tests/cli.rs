//! `dockerfile-lsp check` as people and CI run it: the real binary on real files.

#[path = "support/files.rs"]
mod files;

use files::tree;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

/// Runs `dockerfile-lsp check <args>` in `dir` with `stdin` as input.
fn check_in(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockerfile-lsp"))
        .arg("check")
        // A fixed date, so end-of-life findings do not come and go with the calendar.
        .args(["--today", "2026-01-15"])
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run dockerfile-lsp: {e}"));
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn check(args: &[&str]) -> (i32, String, String) {
    check_in(&fixtures(), args, "")
}

fn json_codes(stdout: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    v.as_array().map(|a| a.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect()).unwrap_or_default()
}

#[test]
fn a_clean_file_exits_0_and_prints_nothing() {
    let (code, out, err) = check(&[&fixture("clean.Dockerfile")]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn human_output_points_at_the_line_and_an_error_exits_1() {
    let (code, out, _) = check(&["--color", "never", "broken.Dockerfile"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("broken.Dockerfile:4:6: error[unknown-flag]: unknown flag: --chwon (did you mean chown?)"),
        "{out}"
    );
    assert!(out.contains("4 | COPY --chwon=1000 clean.Dockerfile /tmp/h\n  |      ^^^^^^^^^^^^\n"), "{out}");
    assert!(out.contains("broken.Dockerfile:2:1: warning[maintainer-deprecated]"), "{out}");
    assert!(out.trim_end().ends_with("1 error, 1 warning in 1 file"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when asked for none");
}

#[test]
fn json_sarif_and_github_formats() {
    let (code, out, _) = check(&["--format", "json", "broken.Dockerfile"]);
    assert_eq!(code, 1);
    assert_eq!(json_codes(&out), ["maintainer-deprecated", "unknown-flag"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v[1]["range"]["start"], serde_json::json!({ "line": 4, "column": 6 }));

    let (_, out, _) = check(&["--format", "sarif", "broken.Dockerfile"]);
    let sarif: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("SARIF is not JSON ({e}): {out}"));
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 2);
    let flag = results.iter().find(|r| r["ruleId"] == "unknown-flag").cloned().unwrap_or_default();
    assert_eq!(flag["level"], "error");
    let region = &flag["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].clone(), region["startColumn"].clone()), (4.into(), 6.into()));
    assert_eq!((region["endLine"].clone(), region["endColumn"].clone()), (4.into(), 18.into()));
    assert_eq!(flag["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "broken.Dockerfile");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.iter().any(|r| r["id"] == "unknown-flag"), "{rules:?}");

    let (_, out, _) = check(&["--format", "github", "broken.Dockerfile"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].starts_with("::error file=broken.Dockerfile,line=4,col=6,endLine=4,endColumn=18,"), "{out}");
    assert!(lines[0].starts_with("::warning file=broken.Dockerfile,line=2,col=1,"), "{out}");
}

#[test]
fn a_missing_file_exits_2_and_the_others_are_still_checked() {
    let (code, out, err) = check(&["--format", "json", "nope.Dockerfile", "broken.Dockerfile"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.Dockerfile: no such file or folder"), "{err}");
    assert_eq!(json_codes(&out), ["maintainer-deprecated", "unknown-flag"]);
}

#[test]
fn standard_input_is_read_with_a_name() {
    let (code, out, _) = check_in(
        &fixtures(),
        &["--stdin-filename", "from-stdin", "--color", "never", "-"],
        "FROM alpine\nFROM a:1 AS b\nMAINTAINER x\n",
    );
    assert_eq!(code, 0, "warnings only: {out}");
    assert!(out.contains("from-stdin:3:1: warning[maintainer-deprecated]"), "{out}");
    let (code, out, _) = check_in(&fixtures(), &["-"], "FROM alpine:3.22\n");
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn rule_flags_ignore_change_severity_and_set_the_failure_level() {
    let broken = fixture("broken.Dockerfile");
    let (_, out, _) = check(&["--format", "json", "--ignore", "DL4000", &broken]);
    assert_eq!(json_codes(&out), ["unknown-flag"], "turned off by its hadolint code");

    let (code, out, _) = check(&["--format", "json", "--severity", "unknown-flag=warning", &broken]);
    assert_eq!(code, 0, "no error left: {out}");
    let (code, _, _) = check(&["--severity", "unknown-flag=warning", "--fail-level", "warning", &broken]);
    assert_eq!(code, 1);
    let (code, _, _) = check(&["--fail-level", "none", &broken]);
    assert_eq!(code, 0);
    let (code, _, _) = check(&["--severity", "maintainer-deprecated=error", "--ignore", "unknown-flag", &broken]);
    assert_eq!(code, 1, "raised to an error");

    let (code, _, err) = check(&["--ignore", "no-such-rule", &broken]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-rule"), "{err}");
    let (code, _, err) = check(&["--severity", "unknown-flag=loud", &broken]);
    assert_eq!(code, 2);
    assert!(err.contains("level must be"), "{err}");
}

#[test]
fn folders_are_searched_for_dockerfiles_honouring_gitignore() {
    let bad = "FROM alpine\nMAINTAINER x\n";
    let tmp = tree(&[
        ("Dockerfile", bad),
        ("services/api/Containerfile", bad),
        ("services/web/web.Dockerfile", bad),
        ("docs/notes.md", "not a Dockerfile"),
        ("build/Dockerfile", bad),
        (".gitignore", "build/\n"),
        (".git/HEAD", "ref: refs/heads/main\n"),
    ]);
    let (code, out, err) = check_in(tmp.path(), &["--format", "json"], "");
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let mut files: Vec<String> = v
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["file"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    files.sort();
    files.dedup();
    assert_eq!(files, ["./Dockerfile", "./services/api/Containerfile", "./services/web/web.Dockerfile"]);
}

#[test]
fn build_context_dockerignore_and_config_files_are_used() {
    let text = "FROM alpine:3.22\nCOPY app.py secret.env missing.txt /app/\nMAINTAINER x\n";
    let tmp = tree(&[
        ("Dockerfile", text),
        ("app.py", ""),
        ("secret.env", ""),
        (".dockerignore", "*.env\n"),
        (".hadolint.yaml", "override:\n  error: [DL4000]\n"),
    ]);
    let (code, out, _) = check_in(tmp.path(), &["--format", "json", "Dockerfile"], "");
    assert_eq!(code, 1, "the config file made DL4000 an error: {out}");
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let found: Vec<(String, String)> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (d["code"].as_str().unwrap_or("").to_string(), d["severity"].as_str().unwrap_or("").to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found,
        [
            ("copy-ignored-file".to_string(), "warning".to_string()),
            ("copy-source-missing".to_string(), "warning".to_string()),
            ("maintainer-deprecated".to_string(), "error".to_string()),
        ],
        "secret.env is reported once, as ignored; missing.txt as missing"
    );
    assert!(v[0]["message"].as_str().is_some_and(|m| m.contains("secret.env") && m.contains(".dockerignore")), "{out}");
    assert!(v[1]["message"].as_str().is_some_and(|m| m.contains("missing.txt")), "{out}");

    // Flags outrank the file; an explicit --config replaces the search.
    let (code, _, _) = check_in(tmp.path(), &["--severity", "DL4000=warning", "Dockerfile"], "");
    assert_eq!(code, 0);
    let other = tmp.path().join("other.yaml");
    std::fs::write(&other, "ignored: [copy-source-missing, copy-ignored-file, DL4000]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = check_in(tmp.path(), &["--config", "other.yaml", "Dockerfile"], "");
    assert_eq!((code, out.as_str()), (0, ""));
    std::fs::write(&other, "ignored: [\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = check_in(tmp.path(), &["--config", "other.yaml", "Dockerfile"], "");
    assert_eq!(code, 2, "a broken config file is an error: {err}");
    assert!(err.contains("other.yaml"), "{err}");

    // With a `!` exception copy-ignored-file stands aside, and the source is missing.
    std::fs::write(tmp.path().join(".dockerignore"), "*.env\n!keep.env\n").unwrap_or_else(|e| panic!("{e}"));
    let (_, out, _) = check_in(tmp.path(), &["--format", "json", "--ignore", "DL4000", "Dockerfile"], "");
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let codes: Vec<&str> =
        v.as_array().map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect()).unwrap_or_default();
    assert_eq!(codes, ["copy-source-missing", "copy-source-missing"], "{out}");
    assert!(v[0]["message"].as_str().is_some_and(|m| m.contains("secret.env") && m.contains(".dockerignore")), "{out}");
}
