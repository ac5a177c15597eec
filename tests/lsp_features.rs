//! End-to-end: every editor feature through the real binary over stdio, the way an
//! editor uses it (open a document, ask, apply what comes back, ask again).

#[path = "support/files.rs"]
mod files;
#[path = "support/lsp.rs"]
mod lsp_client;

use std::path::Path;
use std::time::Duration;

use files::tree;
use lsp_client::LspClient;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::Uri;

/// A client that supports what most editors do.
fn full_client() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "workspace": { "workspaceEdit": { "documentChanges": true } },
        "textDocument": {
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "rename": { "prepareSupport": true },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source"] } } },
            "completion": { "completionItem": { "snippetSupport": true } },
        },
    })
}

/// Offline, so no test can reach a registry.
/// No network, and no end-of-life findings: those come and go with the calendar
/// (the rule fixtures test them on a fixed date).
fn offline() -> Value {
    json!({ "registry": { "enabled": false }, "rules": { "from-eol": "off" } })
}

fn start(capabilities: Value) -> LspClient {
    let mut c = LspClient::spawn(&[]);
    c.initialize(capabilities, Some(offline()));
    c
}

fn file_uri(path: &Path) -> String {
    Uri::from_file_path(path).unwrap_or_else(|| panic!("not absolute: {}", path.display())).as_str().to_string()
}

fn pos(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": pos(line, character) })
}

fn doc(uri: &str) -> Value {
    json!({ "textDocument": { "uri": uri } })
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(|d| d["code"].as_str().unwrap_or("?").to_string()).collect())
        .unwrap_or_default()
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, p: &Value) -> usize {
    let (line, col) = (p["line"].as_u64().unwrap_or(0) as usize, p["character"].as_u64().unwrap_or(0) as usize);
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = &text[start.min(text.len())..];
    let mut units = 0;
    for (i, ch) in rest.char_indices() {
        if units >= col || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// Applies LSP text edits (as an editor does: all against the original text).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let (a, b) = (offset(text, &e["range"]["start"]), offset(text, &e["range"]["end"]));
            (a, b, e["newText"].as_str().unwrap_or_default().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// The text edits of a WorkspaceEdit for one document (either shape).
fn edits_of(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// The text of a range, for readable assertions.
fn text_of(text: &str, range: &Value) -> String {
    text[offset(text, &range["start"])..offset(text, &range["end"])].to_string()
}

/// Replaces the whole document and waits for its diagnostics.
fn replace(c: &mut LspClient, uri: &str, version: i64, text: &str) -> Value {
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
    c.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri && p["version"] == version)
}

const STAGES: &str = "ARG VERSION=3.22
FROM alpine:${VERSION} AS build
ARG VERSION
RUN echo $VERSION > /v
FROM build AS test
COPY --from=build /v /v
";
const URI: &str = "file:///project/Dockerfile";

#[test]
fn symbols_come_as_a_tree_or_flat_as_the_client_asks() {
    let mut c = start(full_client());
    c.open(URI, 1, STAGES);
    c.diagnostics(URI);
    let tree = c.request("textDocument/documentSymbol", doc(URI)).unwrap_or_default();
    let top: Vec<(&str, u64)> = tree
        .as_array()
        .map(|a| a.iter().map(|s| (s["name"].as_str().unwrap_or(""), s["kind"].as_u64().unwrap_or(0))).collect())
        .unwrap_or_default();
    // A global ARG (variable = 13), then the two stages (class = 5).
    assert_eq!(top, [("VERSION", 13), ("build", 5), ("test", 5)]);
    let build = &tree[1];
    let children: Vec<&str> =
        build["children"].as_array().map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect()).unwrap_or_default();
    assert_eq!(children, ["VERSION", "RUN echo $VERSION > /v"]);
    assert_eq!(text_of(STAGES, &build["selectionRange"]), "build");
    assert_eq!(build["range"]["start"], pos(1, 0));

    let mut flat_client = start(json!({}));
    flat_client.open(URI, 1, STAGES);
    let flat = flat_client.request("textDocument/documentSymbol", doc(URI)).unwrap_or_default();
    let shown: Vec<(String, Value)> = flat
        .as_array()
        .map(|a| a.iter().map(|s| (s["name"].as_str().unwrap_or("").to_string(), s["containerName"].clone())).collect())
        .unwrap_or_default();
    assert_eq!(shown[0], ("VERSION".to_string(), Value::Null));
    assert!(shown.contains(&("RUN echo $VERSION > /v".to_string(), json!("build"))), "{shown:?}");
    assert!(flat[0]["location"]["uri"] == URI);
}

#[test]
fn definition_references_and_highlights_for_a_stage_and_a_variable() {
    let mut c = start(full_client());
    c.open(URI, 1, STAGES);
    c.diagnostics(URI);

    // `FROM build` on line 4 jumps to the stage name on line 1.
    let def = c.request("textDocument/definition", at(URI, 4, 6)).unwrap_or_default();
    assert_eq!(def.as_array().map(Vec::len), Some(1), "{def}");
    assert_eq!(def[0]["range"]["start"], pos(1, 26));
    assert_eq!(text_of(STAGES, &def[0]["range"]), "build");

    let refs = |c: &mut LspClient, line, ch, include: bool| -> Vec<u64> {
        let mut params = at(URI, line, ch);
        params["context"] = json!({ "includeDeclaration": include });
        let found = c.request("textDocument/references", params).unwrap_or_default();
        found
            .as_array()
            .map(|a| a.iter().filter_map(|l| l["range"]["start"]["line"].as_u64()).collect())
            .unwrap_or_default()
    };
    assert_eq!(refs(&mut c, 5, 13, true), [1, 4, 5], "the stage, FROM build, --from=build");
    assert_eq!(refs(&mut c, 5, 13, false), [4, 5], "without the declaration");

    // `$VERSION` in RUN: the global ARG, its use in FROM, the re-declaration and the use.
    let highlights = c.request("textDocument/documentHighlight", at(URI, 3, 11)).unwrap_or_default();
    let shown: Vec<(u64, u64)> = highlights
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| (h["range"]["start"]["line"].as_u64().unwrap_or(9), h["kind"].as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    // Write = 3 for definitions, Read = 2 for uses.
    assert_eq!(shown, [(0, 3), (1, 2), (2, 3), (3, 2)]);

    // Nothing to find on a keyword.
    let none = c.request("textDocument/definition", at(URI, 3, 1)).unwrap_or_default();
    assert_eq!(none, Value::Null);
}

#[test]
fn rename_a_stage_and_refuse_an_invalid_name() {
    let mut c = start(full_client());
    c.open(URI, 1, STAGES);
    c.diagnostics(URI);

    let prepared = c.request("textDocument/prepareRename", at(URI, 1, 28)).unwrap_or_default();
    assert_eq!(prepared["placeholder"], "build");
    assert_eq!(text_of(STAGES, &prepared["range"]), "build");
    let refused = c.request("textDocument/prepareRename", at(URI, 3, 1));
    let err = refused.err().unwrap_or_default();
    assert_eq!(err["code"], -32803, "RequestFailed: {err}");
    assert!(err["message"].as_str().is_some_and(|m| m.contains("can be renamed")), "{err}");

    let mut params = at(URI, 1, 28);
    params["newName"] = json!("builder");
    let edit = c.request("textDocument/rename", params).unwrap_or_default();
    assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 1, "versioned: {edit}");
    let renamed = apply(STAGES, &edits_of(&edit, URI));
    assert_eq!(renamed.matches("builder").count(), 3, "{renamed}");
    assert!(!renamed.contains("build "), "{renamed}");
    let d = replace(&mut c, URI, 2, &renamed);
    assert_eq!(codes(&d), Vec::<String>::new(), "still a valid Dockerfile");

    let mut params = at(URI, 1, 28);
    params["newName"] = json!("Bad Name");
    let err = c.request("textDocument/rename", params).err().unwrap_or_default();
    assert_eq!(err["code"], -32803);
    assert!(err["message"].as_str().is_some_and(|m| m.contains("not a valid stage name")), "{err}");
}

#[test]
fn folding_ranges_by_line_or_by_character() {
    let text = "# build stage\n# more\nFROM alpine:3.22 AS build\nRUN apk add \\\n    curl\n\nFROM build\nRUN true\n";
    let mut lines_only = start(json!({ "textDocument": { "foldingRange": { "lineFoldingOnly": true } } }));
    lines_only.open(URI, 1, text);
    let folds = lines_only.request("textDocument/foldingRange", doc(URI)).unwrap_or_default();
    let shown: Vec<(u64, u64, Value, Value)> = folds
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    let line = |k: &str| f[k].as_u64().unwrap_or(99);
                    (line("startLine"), line("endLine"), f["kind"].clone(), f["endCharacter"].clone())
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(shown.contains(&(0, 1, json!("comment"), Value::Null)), "{shown:?}");
    assert!(shown.contains(&(2, 4, Value::Null, Value::Null)), "the first stage: {shown:?}");
    assert!(shown.contains(&(3, 4, Value::Null, Value::Null)), "the continued RUN: {shown:?}");
    assert!(shown.contains(&(6, 7, Value::Null, Value::Null)), "the second stage: {shown:?}");
    assert!(shown.iter().all(|(s, e, _, _)| e > s));

    let mut chars = start(json!({}));
    chars.open(URI, 1, text);
    let folds = chars.request("textDocument/foldingRange", doc(URI)).unwrap_or_default();
    let run = folds.as_array().and_then(|a| a.iter().find(|f| f["startLine"] == 3).cloned()).unwrap_or_default();
    assert_eq!((run["endLine"].clone(), run["endCharacter"].clone()), (json!(4), json!(8)));
}

#[test]
fn selection_ranges_grow_outward() {
    let text = "FROM a AS x\nCOPY --chown=app:app src /dst\nRUN y\n";
    let mut c = start(json!({}));
    c.open(URI, 1, text);
    let result = c
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": URI }, "positions": [pos(1, 14), pos(2, 0)] }),
        )
        .unwrap_or_default();
    let chain = |mut r: &Value| {
        let mut out = Vec::new();
        while r.is_object() {
            out.push(text_of(text, &r["range"]));
            r = &r["parent"];
        }
        out
    };
    assert_eq!(
        chain(&result[0]),
        [
            "app:app",
            "--chown=app:app",
            "COPY --chown=app:app src /dst",
            "FROM a AS x\nCOPY --chown=app:app src /dst\nRUN y",
            text
        ]
    );
    assert_eq!(chain(&result[1])[0], "RUN");
}

/// Decodes relative tokens into absolute `(line, start, length, type)`.
fn decode(data: &[u64]) -> Vec<(u64, u64, u64, u64)> {
    let (mut line, mut start) = (0, 0);
    data.chunks(5)
        .map(|t| {
            if t[0] > 0 {
                start = 0;
            }
            line += t[0];
            start += t[1];
            (line, start, t[2], t[3])
        })
        .collect()
}

fn numbers(v: &Value) -> Vec<u64> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default()
}

#[test]
fn semantic_tokens_full_range_and_delta() {
    let text = "FROM alpine:3.22 AS build\nARG X=1\nRUN echo $X\n";
    let mut c = start(full_client());
    let init_caps = {
        let mut c2 = LspClient::spawn(&[]);
        c2.initialize(full_client(), Some(offline()))["capabilities"]["semanticTokensProvider"].clone()
    };
    let types: Vec<String> = init_caps["legend"]["tokenTypes"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    assert_eq!(init_caps["full"]["delta"], true);
    assert_eq!(init_caps["range"], true);
    let type_of = |i: u64| types.get(i as usize).cloned().unwrap_or_default();

    c.open(URI, 1, text);
    let full = c.request("textDocument/semanticTokens/full", doc(URI)).unwrap_or_default();
    let data = numbers(&full["data"]);
    let tokens = decode(&data);
    // `FROM` is a keyword at 0:0; `$X` a variable on line 2.
    assert_eq!((tokens[0].0, tokens[0].1, tokens[0].2, type_of(tokens[0].3)), (0, 0, 4, "keyword".to_string()));
    assert!(tokens.iter().any(|t| t.0 == 2 && t.1 == 9 && t.2 == 2 && type_of(t.3) == "variable"), "{tokens:?}");
    let first_id = full["resultId"].as_str().unwrap_or_default().to_string();
    assert!(!first_id.is_empty());

    let mut params = doc(URI);
    params["range"] = json!({ "start": pos(2, 0), "end": pos(3, 0) });
    let ranged = c.request("textDocument/semanticTokens/range", params).unwrap_or_default();
    let ranged_tokens = decode(&numbers(&ranged["data"]));
    assert!(!ranged_tokens.is_empty() && ranged_tokens.iter().all(|t| t.0 == 2), "{ranged_tokens:?}");

    // Edit line 1, then ask for a delta against the first result.
    c.edit(URI, 2, (1, 4), (1, 5), "VALUE");
    c.edit(URI, 3, (2, 10), (2, 11), "{VALUE}");
    let mut params = doc(URI);
    params["previousResultId"] = json!(first_id);
    let delta = c.request("textDocument/semanticTokens/full/delta", params).unwrap_or_default();
    let edits = delta["edits"].as_array().cloned().unwrap_or_default();
    assert!(!edits.is_empty(), "{delta}");
    let mut patched = data.clone();
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| std::cmp::Reverse(e["start"].as_u64().unwrap_or(0)));
    for e in &sorted {
        let start = e["start"].as_u64().unwrap_or(0) as usize;
        let count = e["deleteCount"].as_u64().unwrap_or(0) as usize;
        patched.splice(start..start + count, numbers(&e["data"]));
    }
    let fresh = c.request("textDocument/semanticTokens/full", doc(URI)).unwrap_or_default();
    assert_eq!(patched, numbers(&fresh["data"]), "delta applied to the old tokens == a fresh full result");
    assert!(edits[0]["start"].as_u64().is_some_and(|s| s > 0), "the unchanged first line is not resent");

    // An unknown previous result gets the full tokens.
    let mut params = doc(URI);
    params["previousResultId"] = json!("nope");
    let again = c.request("textDocument/semanticTokens/full/delta", params).unwrap_or_default();
    assert_eq!(numbers(&again["data"]), numbers(&fresh["data"]));
}

#[test]
fn formatting_whole_range_and_on_type() {
    let text = "from alpine:3.22 as build\nrun apk add \\\n  curl   \ncopy  a /b\n";
    let mut c = LspClient::spawn(&[]);
    let init = c.initialize(
        json!({}),
        Some(json!({ "registry": { "enabled": false }, "format": { "continuationIndent": 4 } })),
    );
    assert_eq!(init["capabilities"]["documentOnTypeFormattingProvider"]["firstTriggerCharacter"], "\n");
    c.open(URI, 1, text);
    let opts = json!({ "tabSize": 4, "insertSpaces": true });
    let mut params = doc(URI);
    params["options"] = opts.clone();
    let edits = c.request("textDocument/formatting", params).unwrap_or_default();
    let formatted = apply(text, edits.as_array().map(Vec::as_slice).unwrap_or_default());
    assert_eq!(formatted, "FROM alpine:3.22 AS build\nRUN apk add \\\n    curl\nCOPY a /b\n");

    let mut params = doc(URI);
    params["options"] = opts.clone();
    params["range"] = json!({ "start": pos(3, 0), "end": pos(3, 3) });
    let edits = c.request("textDocument/rangeFormatting", params).unwrap_or_default();
    let formatted = apply(text, edits.as_array().map(Vec::as_slice).unwrap_or_default());
    assert_eq!(formatted, "from alpine:3.22 as build\nrun apk add \\\n  curl   \nCOPY a /b\n", "only the last line");

    // Enter after a continuation: the new line gets the configured indent.
    let typed = "FROM a\nRUN make \\\n\n";
    c.open("file:///project/typed.Dockerfile", 1, typed);
    let mut params = at("file:///project/typed.Dockerfile", 2, 0);
    params["ch"] = json!("\n");
    params["options"] = opts.clone();
    let edits = c.request("textDocument/onTypeFormatting", params).unwrap_or_default();
    assert_eq!(apply(typed, edits.as_array().map(Vec::as_slice).unwrap_or_default()), "FROM a\nRUN make \\\n    \n");
    let mut params = at("file:///project/typed.Dockerfile", 1, 0);
    params["ch"] = json!("\n");
    params["options"] = opts;
    assert_eq!(c.request("textDocument/onTypeFormatting", params), Ok(Value::Null), "no continuation above");
}

#[test]
fn links_to_the_hub_and_to_files_in_the_build_context() {
    let text = "FROM python:3.13\nCOPY app.py missing.py /app/\nCOPY src/ /app/src/\n";
    let tmp = tree(&[("Dockerfile", text), ("app.py", "print(1)\n"), ("src/main.py", "")]);
    let uri = file_uri(&tmp.path().join("Dockerfile"));
    let mut c = start(json!({}));
    c.open(&uri, 1, text);
    let links = c.request("textDocument/documentLink", doc(&uri)).unwrap_or_default();
    let shown: Vec<(String, String)> = links
        .as_array()
        .map(|a| {
            a.iter().map(|l| (text_of(text, &l["range"]), l["target"].as_str().unwrap_or("").to_string())).collect()
        })
        .unwrap_or_default();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(shown[0], ("python".to_string(), "https://hub.docker.com/_/python".to_string()));
    assert_eq!(shown[1], ("app.py".to_string(), file_uri(&tmp.path().join("app.py"))));
    assert_eq!(shown[2].0, "src/");
    assert!(shown[2].1.starts_with(&file_uri(&tmp.path().join("src"))), "a folder: {shown:?}");
    assert!(!shown.iter().any(|(t, _)| t == "missing.py"), "no link to a file that does not exist");
}

#[test]
fn completion_offers_build_context_paths_for_copy_sources() {
    let text = "FROM alpine:3.22\nCOPY s\n";
    let tmp = tree(&[
        ("Dockerfile", text),
        ("src/main.py", ""),
        ("src/util.py", ""),
        ("setup.cfg", ""),
        ("secret.env", ""),
        (".dockerignore", "*.env\n"),
    ]);
    let uri = file_uri(&tmp.path().join("Dockerfile"));
    let mut c = start(full_client());
    c.open(&uri, 1, text);
    let labels = |c: &mut LspClient, line, ch| -> Vec<String> {
        let r = c.request("textDocument/completion", at(&uri, line, ch)).unwrap_or_default();
        let items = if r.is_array() { r.clone() } else { r["items"].clone() };
        items
            .as_array()
            .map(|a| a.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let top = labels(&mut c, 1, 6);
    assert!(top.contains(&"src/".to_string()) && top.contains(&"setup.cfg".to_string()), "{top:?}");
    assert!(!top.contains(&"secret.env".to_string()), ".dockerignore'd files are not offered: {top:?}");
    assert!(!top.contains(&".dockerignore".to_string()), "hidden files wait for a dot: {top:?}");

    c.edit(&uri, 2, (1, 6), (1, 6), "rc/");
    let inside = labels(&mut c, 1, 9);
    assert_eq!(inside, ["main.py", "util.py"]);
    // The destination is not completed from the context.
    c.edit(&uri, 3, (1, 9), (1, 9), "main.py /ap");
    assert_eq!(labels(&mut c, 1, 20), Vec::<String>::new());
}

#[test]
fn a_quick_fix_removes_its_diagnostic_and_suppressions_silence_it() {
    let text = "FROM alpine:3.22\nMAINTAINER Jane <jane@example.com>\nRUN true\n";
    let mut c = start(full_client());
    c.open(URI, 1, text);
    let d = c.diagnostics(URI);
    assert_eq!(codes(&d), ["maintainer-deprecated"]);
    let diag = d["diagnostics"][0].clone();

    let mut params = doc(URI);
    params["range"] = diag["range"].clone();
    params["context"] = json!({ "diagnostics": [diag] });
    let actions = c.request("textDocument/codeAction", params).unwrap_or_default();
    let titles: Vec<&str> =
        actions.as_array().map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect()).unwrap_or_default();
    assert_eq!(
        titles,
        [
            "Replace with LABEL org.opencontainers.image.authors",
            "Ignore DL4000 for this instruction (# hadolint ignore)",
            "Skip the MaintainerDeprecated check for this instruction (# check=skip)",
            "Fix all auto-fixable problems",
        ]
    );
    let fix = &actions[0];
    assert_eq!((fix["kind"].clone(), fix["isPreferred"].clone()), (json!("quickfix"), json!(true)));
    assert_eq!(fix["diagnostics"][0]["code"], "maintainer-deprecated");
    assert_eq!(actions[3]["kind"], "source.fixAll");

    // Each action, applied and re-checked, makes the diagnostic go away.
    for (i, action) in actions.as_array().cloned().unwrap_or_default().iter().enumerate() {
        let fixed = apply(text, &edits_of(&action["edit"], URI));
        let version = 2 + 2 * i as i64;
        let d = replace(&mut c, URI, version, &fixed);
        assert_eq!(codes(&d), Vec::<String>::new(), "after {:?}:\n{fixed}", action["title"]);
        replace(&mut c, URI, version + 1, text);
    }

    // Only fixAll when that is all the client asks for (e.g. on save).
    let mut params = doc(URI);
    params["range"] = json!({ "start": pos(0, 0), "end": pos(0, 0) });
    params["context"] = json!({ "diagnostics": [], "only": ["source.fixAll"] });
    let actions = c.request("textDocument/codeAction", params).unwrap_or_default();
    assert_eq!(actions.as_array().map(Vec::len), Some(1));
    assert_eq!(actions[0]["kind"], "source.fixAll");
}

#[test]
fn workspace_symbols_search_every_open_document() {
    let mut c = start(json!({}));
    c.open("file:///p/a/Dockerfile", 1, "FROM alpine AS builder\nARG BUILD_DATE\n");
    c.open("file:///p/b/Dockerfile", 1, "FROM debian AS runtime\nFROM runtime AS final\n");
    let search = |c: &mut LspClient, q: &str| -> Vec<(String, String)> {
        let r = c.request("workspace/symbol", json!({ "query": q })).unwrap_or_default();
        r.as_array()
            .map(|a| {
                a.iter()
                    .map(|s| {
                        let uri = s["location"]["uri"].as_str().unwrap_or("");
                        (s["name"].as_str().unwrap_or("").to_string(), uri.rsplit('/').nth(1).unwrap_or("").to_string())
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(search(&mut c, "build"), [("BUILD_DATE".to_string(), "a".to_string()), ("builder".into(), "a".into())]);
    assert_eq!(search(&mut c, "TIME"), [("runtime".to_string(), "b".to_string())]);
    c.notify("textDocument/didClose", doc("file:///p/b/Dockerfile"));
    assert_eq!(search(&mut c, "runtime"), Vec::<(String, String)>::new());
}

#[test]
fn settings_turn_rules_off_change_severities_and_switch_groups() {
    let text = "FROM alpine:3.22\nMAINTAINER me\nCOPY a.txt b.txt\nUSER root\n";
    let tmp = tree(&[("Dockerfile", text), ("a.txt", "")]);
    let uri = file_uri(&tmp.path().join("Dockerfile"));
    let mut c = start(json!({}));
    c.open(&uri, 1, text);
    let severities = |d: &Value| -> Vec<(String, u64)> {
        d["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| (x["code"].as_str().unwrap_or("").to_string(), x["severity"].as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let before = severities(&c.diagnostics(&uri));
    assert!(before.contains(&("maintainer-deprecated".to_string(), 2)), "{before:?}");
    assert!(before.contains(&("last-user-root".to_string(), 2)), "a hadolint rule: {before:?}");

    let push = |c: &mut LspClient, settings: Value| {
        c.notify("workspace/didChangeConfiguration", json!({ "settings": { "dockerfileLsp": settings } }));
        c.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str())
    };
    let d = push(
        &mut c,
        json!({ "registry": { "enabled": false }, "rules": { "DL4000": "off", "last-user-root": "error" } }),
    );
    let after = severities(&d);
    assert!(!after.iter().any(|(code, _)| code == "maintainer-deprecated"), "turned off by its alias: {after:?}");
    assert!(after.contains(&("last-user-root".to_string(), 1)), "now an error: {after:?}");

    let d = push(&mut c, json!({ "registry": { "enabled": false }, "ruleGroups": { "hadolint": false } }));
    let after = severities(&d);
    assert!(!after.iter().any(|(code, _)| code == "last-user-root"), "hadolint group off: {after:?}");
    assert!(after.contains(&("maintainer-deprecated".to_string(), 2)), "BuildKit checks still on: {after:?}");
}

#[test]
fn dockerignore_build_context_and_hadolint_config_are_honoured() {
    let text = "FROM alpine:3.22\nCOPY app.py secret.env nowhere.txt /app/\nMAINTAINER me\n";
    let tmp = tree(&[
        ("svc/Dockerfile", text),
        ("svc/app.py", ""),
        ("svc/secret.env", ""),
        ("svc/.dockerignore", "*.env\n"),
        (".hadolint.yaml", "override:\n  error: [DL4000]\n"),
    ]);
    let root = file_uri(tmp.path());
    let uri = file_uri(&tmp.path().join("svc/Dockerfile"));
    let mut c = LspClient::spawn(&[]);
    let mut params =
        json!({ "processId": null, "rootUri": root, "capabilities": {}, "initializationOptions": offline() });
    params["workspaceFolders"] = json!([{ "uri": root, "name": "ws" }]);
    c.request("initialize", params).unwrap_or_else(|e| panic!("{e}"));
    c.notify("initialized", json!({}));
    c.open(&uri, 1, text);
    // The build context may be listed after a first publication: wait for its findings.
    let d = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(p).iter().any(|c| c == "copy-source-missing")
    });
    let found: Vec<(String, String, u64)> = d["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x["code"].as_str().unwrap_or("").to_string(),
                        text_of(text, &x["range"]),
                        x["severity"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found,
        [
            ("copy-ignored-file".to_string(), "secret.env".to_string(), 2),
            ("copy-source-missing".to_string(), "nowhere.txt".to_string(), 2),
            ("maintainer-deprecated".to_string(), "MAINTAINER".to_string(), 1),
        ],
        "app.py exists; secret.env is ignored (reported once); the workspace's .hadolint.yaml makes DL4000 an error"
    );
    let ignored = &d["diagnostics"][0]["message"];
    assert!(ignored.as_str().is_some_and(|m| m.contains(".dockerignore")), "{ignored}");

    // `buildContext` moves the context up a folder, where nothing exists.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "registry": { "enabled": false }, "buildContext": ".." } }),
    );
    let d = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(p).iter().filter(|c| *c == "copy-source-missing").count() == 3
    });
    assert!(d["diagnostics"][0]["message"].as_str().is_some_and(|m| m.contains("app.py")), "{d}");

    // The context listing is not stale after a save.
    std::fs::write(tmp.path().join("nowhere.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    c.notify("textDocument/didSave", doc(&uri));
    let d = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(p).iter().filter(|c| *c == "copy-source-missing").count() == 2
    });
    let messages: Vec<&str> = d["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["message"].as_str()).collect())
        .unwrap_or_default();
    assert!(!messages.iter().any(|m| m.contains("nowhere.txt")), "nowhere.txt now exists in the context: {messages:?}");
}

#[test]
fn untitled_documents_have_no_context_and_no_file_checks() {
    let mut c = start(json!({}));
    let uri = "untitled:Untitled-1";
    c.open(uri, 1, "FROM alpine:3.22\nCOPY nowhere.txt /x\n");
    let d = c.diagnostics(uri);
    assert_eq!(codes(&d), Vec::<String>::new());
    let links = c.request("textDocument/documentLink", doc(uri)).unwrap_or_default();
    assert_eq!(links.as_array().map(Vec::len), Some(1), "only the Hub link: {links}");
    assert_eq!(c.drain(Duration::from_millis(100)).iter().filter(|m| m["method"] == "window/showMessage").count(), 0);
}

#[test]
fn hover_explains_images_variables_and_keywords_in_markdown_or_plain_text() {
    let text = "ARG PY=3.12\nFROM python:${PY}-slim AS app\nRUN echo $PY\n";
    let mut c = start(json!({ "textDocument": { "hover": { "contentFormat": ["markdown", "plaintext"] } } }));
    c.open(URI, 1, text);
    let image = c.request("textDocument/hover", at(URI, 1, 7)).unwrap_or_default();
    assert_eq!(image["contents"]["kind"], "markdown");
    let md = image["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Python") && md.contains("Debian"), "{md}");
    assert_eq!(image["range"]["start"]["line"], 1);

    let var = c.request("textDocument/hover", at(URI, 2, 11)).unwrap_or_default();
    assert!(var["contents"]["value"].as_str().is_some_and(|v| v.contains("3.12")), "{var}");
    assert_eq!(text_of(text, &var["range"]), "$PY");

    let keyword = c.request("textDocument/hover", at(URI, 2, 1)).unwrap_or_default();
    assert!(keyword["contents"]["value"].as_str().is_some_and(|v| v.contains("RUN")), "{keyword}");
    assert_eq!(c.request("textDocument/hover", at(URI, 3, 0)), Ok(Value::Null), "nothing past the end");

    let mut plain = start(json!({}));
    plain.open(URI, 1, text);
    let image = plain.request("textDocument/hover", at(URI, 1, 7)).unwrap_or_default();
    assert_eq!(image["contents"]["kind"], "plaintext");
    let value = image["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("Python") && !value.contains("**"), "{value}");
}

#[test]
fn completion_offers_instructions_and_snippets_only_to_clients_that_take_them() {
    let text = "FROM alpine:3.22\n\n";
    let items = |caps: Value| -> Vec<Value> {
        let mut c = start(caps);
        c.open(URI, 1, text);
        let r = c.request("textDocument/completion", at(URI, 1, 0)).unwrap_or_default();
        assert_eq!(r["isIncomplete"], false, "offline: nothing pending");
        r["items"].as_array().cloned().unwrap_or_default()
    };
    let with = items(full_client());
    let labels: Vec<&str> = with.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"RUN") && labels.contains(&"COPY"), "{labels:?}");
    assert!(with.iter().any(|i| i["insertTextFormat"] == 2), "some snippets for a snippet client");
    let without = items(json!({}));
    assert!(!without.is_empty());
    assert!(without.iter().all(|i| i["insertTextFormat"] == 1), "plain text only");
    assert!(
        without.iter().all(|i| !i["textEdit"]["newText"].as_str().unwrap_or_default().contains("${")),
        "no placeholders left in plain text"
    );
}

#[test]
fn signature_help_follows_the_argument_under_the_cursor() {
    let text = "FROM alpine:3.22\nCOPY --chown=1000 src/ /app/\n";
    let mut c = start(json!({}));
    c.open(URI, 1, text);
    let help = c.request("textDocument/signatureHelp", at(URI, 1, 19)).unwrap_or_default();
    let sigs = help["signatures"].as_array().cloned().unwrap_or_default();
    assert!(!sigs.is_empty(), "{help}");
    let active = &sigs[help["activeSignature"].as_u64().unwrap_or(0) as usize];
    let label = active["label"].as_str().unwrap_or_default();
    assert!(label.starts_with("COPY"), "{label}");
    let p = help["activeParameter"].as_u64().unwrap_or(99) as usize;
    let offsets = &active["parameters"][p]["label"];
    let (a, b) = (offsets[0].as_u64().unwrap_or(0) as usize, offsets[1].as_u64().unwrap_or(0) as usize);
    let part: String =
        label.encode_utf16().skip(a).take(b - a).map(|u| char::from_u32(u32::from(u)).unwrap_or('?')).collect();
    assert!(part.contains("src"), "the source parameter is active: {part:?} in {label:?}");
}

#[test]
fn inlay_hints_show_resolved_images_and_sizes_as_configured() {
    let text = "ARG PY=3.12\nFROM python:${PY}-slim AS app\nFROM app\n";
    let labels = |settings: Value| -> Vec<String> {
        let mut c = LspClient::spawn(&[]);
        c.initialize(json!({}), Some(settings));
        c.open(URI, 1, text);
        let mut params = doc(URI);
        params["range"] = json!({ "start": pos(0, 0), "end": pos(3, 0) });
        let hints = c.request("textDocument/inlayHint", params).unwrap_or_default();
        hints
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|h| {
                        format!(
                            "{}:{} {}",
                            h["position"]["line"],
                            h["position"]["character"],
                            h["label"].as_str().unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let all = labels(json!({ "registry": { "enabled": false } }));
    assert!(all.contains(&"1:22 = python:3.12-slim".to_string()), "{all:?}");
    assert!(all.iter().any(|l| l.starts_with("1:29 ~") && l.ends_with("MB")), "a size after the stage name: {all:?}");
    let no_sizes = labels(json!({ "registry": { "enabled": false }, "inlayHints": { "imageSize": false } }));
    assert_eq!(no_sizes, ["1:22 = python:3.12-slim"]);
    let none =
        labels(json!({ "registry": { "enabled": false }, "inlayHints": { "imageSize": false, "variables": false } }));
    assert_eq!(none, Vec::<String>::new());
}

/// Whether something connects to `listener` within `wait`.
fn connected(listener: &std::net::TcpListener, wait: Duration) -> bool {
    let deadline = std::time::Instant::now() + wait;
    while std::time::Instant::now() < deadline {
        if listener.accept().is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn with_lookups_off_nothing_is_sent_to_a_registry() {
    let text = "FROM python:3.12\nRUN true\n";
    let session = |enabled: bool| -> (bool, Value) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        listener.set_nonblocking(true).unwrap_or_else(|e| panic!("{e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut c = LspClient::spawn(&[]);
        let settings = json!({ "registry": {
            "enabled": enabled,
            "hubUrl": format!("http://127.0.0.1:{port}"),
            "cacheDir": cache.path().display().to_string(),
        } });
        c.initialize(json!({}), Some(settings));
        c.open(URI, 1, text);
        c.diagnostics(URI);
        let hover = c.request("textDocument/hover", at(URI, 0, 7)).unwrap_or_default();
        let tags = c.request("textDocument/completion", at(URI, 0, 12)).unwrap_or_default();
        assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.contains("Python")), "answers either way");
        (connected(&listener, Duration::from_secs(3)), tags)
    };
    let (contacted, tags) = session(true);
    assert!(contacted, "with lookups on, the hover asks the (stand-in) Hub");
    assert_eq!(tags["isIncomplete"], true, "tags are pending while the lookup runs");
    let (contacted, tags) = session(false);
    assert!(!contacted, "registry.enabled = false: no connection at all");
    assert_eq!(tags["isIncomplete"], false);
    assert!(tags["items"].as_array().is_some_and(|a| !a.is_empty()), "tags from the embedded catalog");
}
