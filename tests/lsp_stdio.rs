//! End-to-end: LSP conversations with the real binary over stdio.

#[path = "support/lsp.rs"]
mod lsp_client;

use std::time::Duration;

use lsp_client::LspClient;
use serde_json::{Value, json};

const URI: &str = "file:///project/Dockerfile";

/// A base image the catalog does not know, on a loopback registry: the protocol tests
/// here see no base-image findings (those depend on the calendar) and reach no network.
const BASE: &str = "localhost:5000/base:1.0";

/// Line 3 starts with `FR🐳M`, which is not an instruction. The whale is 2 UTF-16
/// units but 4 UTF-8 bytes, so the two encodings disagree about where the error ends.
const BROKEN: &str =
    "# syntax=docker/dockerfile:1\nFROM localhost:5000/base:1.0\n# 🐳 the whale\nFR🐳M x:1\nRUN echo ok\n";

fn utf16_only() -> Value {
    json!({ "general": { "positionEncodings": ["utf-16"] } })
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({ "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } })
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(|d| d["code"].as_str().unwrap_or("?").to_string()).collect())
        .unwrap_or_default()
}

fn show_messages(client: &mut LspClient) -> Vec<Value> {
    client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| m["method"] == "window/showMessage")
        .map(|m| m["params"].clone())
        .collect()
}

#[test]
fn utf16_conversation_from_error_to_fix_to_close_and_clean_exit() {
    let mut c = LspClient::spawn(&[]);
    let init = c.initialize(utf16_only(), None);
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(init["serverInfo"]["name"], "dockerfile-lsp");
    assert_eq!(init["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(caps.get("codeLensProvider").is_none(), "only implemented features are advertised: {caps}");

    c.open(URI, 1, BROKEN);
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 1);
    assert_eq!(codes(&d), ["unknown-instruction"]);
    let diag = &d["diagnostics"][0];
    assert_eq!(diag["range"], range(3, 0, 3, 5));
    assert_eq!(diag["severity"], 1);
    assert_eq!(diag["source"], "dockerfile-lsp");
    assert!(diag["codeDescription"]["href"].as_str().is_some_and(|h| h.ends_with("#unknown-instruction")), "{diag}");

    // Fix the keyword: the error goes away, for version 2.
    c.edit(URI, 2, (3, 0), (3, 5), "FROM");
    let d = c.diagnostics(URI);
    assert_eq!((d["version"].clone(), codes(&d)), (json!(2), vec![]));

    // Break something else: an unknown flag on a new line after the whale comment.
    c.edit(URI, 3, (4, 0), (4, 0), "COPY --frm=build /a /b\n");
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 3);
    assert_eq!(codes(&d), ["unknown-flag"]);
    assert_eq!(d["diagnostics"][0]["range"]["start"]["line"], 4);

    // A full-text change is accepted too.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 4 }, "contentChanges": [{ "text": "FROM scratch\n" }] }),
    );
    let d = c.diagnostics(URI);
    assert_eq!((d["version"].clone(), codes(&d)), (json!(4), vec![]));

    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } }));
    let d = c.diagnostics(URI);
    assert_eq!(d["diagnostics"], json!([]));

    assert!(show_messages(&mut c).is_empty(), "no settings given, nothing to complain about");
    assert_eq!(c.request("shutdown", Value::Null), Ok(Value::Null));
    c.notify("exit", Value::Null);
    let status = c.wait_exit(Duration::from_secs(5)).unwrap_or_else(|| panic!("still running after exit"));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf8_client_gets_utf8_columns() {
    let mut c = LspClient::spawn(&["--stdio"]);
    let init = c.initialize(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }), None);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(URI, 1, BROKEN);
    let d = c.diagnostics(URI);
    assert_eq!(codes(&d), ["unknown-instruction"]);
    assert_eq!(d["diagnostics"][0]["range"], range(3, 0, 3, 7));
    // Edits are read in UTF-8 too: bytes 0..7 of line 3 are `FR🐳M`.
    c.edit(URI, 2, (3, 0), (3, 7), "FROM");
    assert_eq!(codes(&c.diagnostics(URI)), Vec::<String>::new());
}

#[test]
fn a_client_without_position_encodings_gets_utf16() {
    let mut c = LspClient::spawn(&["serve"]);
    let init = c.initialize(json!({}), None);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
}

#[test]
fn closing_stdin_ends_the_server() {
    // Without shutdown: the process ends, with code 1 as LSP asks for exit without shutdown.
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    c.open(URI, 1, BROKEN);
    c.diagnostics(URI);
    c.close_stdin();
    let status = c.wait_exit(Duration::from_secs(5)).unwrap_or_else(|| panic!("still running after stdin closed"));
    assert_eq!(status.code(), Some(1));

    // After shutdown, closing stdin is a clean end.
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    assert_eq!(c.request("shutdown", Value::Null), Ok(Value::Null));
    c.close_stdin();
    let status = c.wait_exit(Duration::from_secs(5)).unwrap_or_else(|| panic!("still running after stdin closed"));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    c.notify("exit", Value::Null);
    let status = c.wait_exit(Duration::from_secs(5)).unwrap_or_else(|| panic!("still running after exit"));
    assert_eq!(status.code(), Some(1));
}

#[test]
fn an_out_of_range_edit_is_clamped_and_the_server_keeps_answering() {
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    c.open(URI, 1, &format!("FROM {BASE}\n"));
    assert_eq!(codes(&c.diagnostics(URI)), Vec::<String>::new());

    // Line 99 does not exist: the edit lands at the end of the document.
    c.edit(URI, 2, (99, 3), (120, 0), "FR🐳M x\n");
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 2);
    assert_eq!(codes(&d), ["unknown-instruction"]);
    assert_eq!(d["diagnostics"][0]["range"], range(1, 0, 1, 5));

    // A character in the middle of the whale's surrogate pair snaps to its start.
    c.edit(URI, 3, (1, 3), (1, 3), "O");
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 3);
    assert!(d["diagnostics"][0]["message"].as_str().is_some_and(|m| m.contains("FRO🐳M")), "{d}");

    // Still alive: requests are answered (this one is not implemented, and says so).
    let err = c.request("textDocument/codeLens", json!({ "textDocument": { "uri": URI } }));
    assert_eq!(err.map_err(|e| e["code"].clone()), Err(json!(-32601)));
    assert_eq!(c.request("shutdown", Value::Null), Ok(Value::Null));
    assert!(c.stderr().contains("does not fit"), "the bad edit is logged: {}", c.stderr());
}

#[test]
fn invalid_initialization_options_are_reported_by_key_and_valid_ones_apply() {
    let mut c = LspClient::spawn(&[]);
    let options = json!({ "dockerfileLsp": {
        "registry": { "timeoutMs": -1, "enabled": false },
        "rules": { "from-latest-tag": "loud" },
    } });
    c.initialize(utf16_only(), Some(options));
    let msg = c.notification("window/showMessage", |_| true);
    assert_eq!(msg["type"], 2, "a warning");
    let text = msg["message"].as_str().unwrap_or_default();
    assert!(text.contains("registry.timeoutMs") && text.contains("rules.from-latest-tag"), "{text}");
    assert!(!text.contains("registry.enabled"), "valid keys are not reported: {text}");
    // The server works normally afterwards.
    c.open(URI, 1, BROKEN);
    assert_eq!(codes(&c.diagnostics(URI)), ["unknown-instruction"]);
}

#[test]
fn valid_partial_options_in_either_shape_raise_no_message() {
    for options in [json!({ "registry": { "enabled": false } }), json!({ "dockerfileLsp": { "strictLabels": true } })] {
        let mut c = LspClient::spawn(&[]);
        c.initialize(utf16_only(), Some(options.clone()));
        c.open(URI, 1, &format!("FROM {BASE}\n"));
        c.diagnostics(URI);
        assert_eq!(show_messages(&mut c), Vec::<Value>::new(), "{options}");
    }
}

#[test]
fn settings_are_pulled_from_clients_that_support_workspace_configuration() {
    let mut c = LspClient::spawn(&[]);
    *c.configuration.lock().unwrap_or_else(|e| e.into_inner()) = json!({ "hover": { "layers": "sometimes" } });
    c.initialize(json!({ "workspace": { "configuration": true } }), None);
    let request = c.wait_for("workspace/configuration", |m| m["method"] == "workspace/configuration");
    assert_eq!(request["params"]["items"][0]["section"], "dockerfileLsp");
    let msg = c.notification("window/showMessage", |_| true);
    assert!(msg["message"].as_str().is_some_and(|m| m.contains("hover.layers")), "{msg}");

    // After a change notification the server asks again; the fixed value is quiet.
    *c.configuration.lock().unwrap_or_else(|e| e.into_inner()) = json!({ "hover": { "layers": false } });
    c.notify("workspace/didChangeConfiguration", json!({ "settings": null }));
    c.wait_for("a second workspace/configuration", |m| m["method"] == "workspace/configuration");
    assert_eq!(show_messages(&mut c), Vec::<Value>::new());
}

#[test]
fn pushed_settings_are_checked_without_workspace_configuration() {
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    c.notify("workspace/didChangeConfiguration", json!({ "settings": { "dockerfileLsp": { "strictLabels": 1 } } }));
    let msg = c.notification("window/showMessage", |_| true);
    assert!(msg["message"].as_str().is_some_and(|m| m.contains("strictLabels")), "{msg}");
    let seen = c.drain(Duration::from_millis(200));
    assert!(!seen.iter().any(|m| m["method"] == "workspace/configuration"), "the client did not offer it: {seen:?}");
}

#[test]
fn fast_typing_publishes_in_order_and_ends_with_the_latest_version() {
    let mut c = LspClient::spawn(&[]);
    c.initialize(utf16_only(), None);
    c.open(URI, 1, &format!("FROM {BASE}\n"));
    c.diagnostics(URI);
    // Type a line one character at a time (UTF-16 columns: the whale takes two).
    let typed = "RUN echo 🐳 \\\n  && ech0 done\nFR🐳M x\n";
    let (mut line, mut col, mut version) = (1u32, 0u32, 1i64);
    for ch in typed.chars() {
        version += 1;
        c.edit(URI, version, (line, col), (line, col), &ch.to_string());
        if ch == '\n' {
            (line, col) = (line + 1, 0);
        } else {
            col += ch.len_utf16() as u32;
        }
    }
    let last = c.notification("textDocument/publishDiagnostics", |p| p["version"] == version);
    let earlier: Vec<i64> = c
        .drain(Duration::from_millis(200))
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    let mut sorted = earlier.clone();
    sorted.sort_unstable();
    assert_eq!(earlier, sorted, "published versions never go backwards");
    assert!(earlier.iter().all(|&v| v < version), "nothing after the final version: {earlier:?}");

    // The incrementally updated document reports what a fresh open of the same text does.
    let fresh = "file:///project/fresh/Dockerfile";
    c.open(fresh, 1, &format!("FROM {BASE}\n{typed}"));
    let expected = c.diagnostics(fresh);
    assert_eq!(codes(&last), ["unknown-instruction"]);
    assert_eq!(last["diagnostics"], expected["diagnostics"]);
    assert_eq!(last["diagnostics"][0]["range"], range(3, 0, 3, 5));
}
