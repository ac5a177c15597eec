//! In-process timings of the protocol layer on a generated 20k-line Dockerfile:
//! `cargo test --release --test lsp_perf -- --ignored --nocapture`. Ignored by
//! default (it measures, it does not check); the README's performance table quotes it.
//! The file is the benches' generated 20k-line Dockerfile, or the one named by
//! `DOCKERFILE_LSP_PERF_FILE` (e.g. from `../shared/tools/gen_dockerfile.py`).

#[path = "../server/benches/generate.rs"]
mod generate;

use std::sync::Arc;
use std::time::{Duration, Instant};

use dockerfile_lsp::config::Settings;
use dockerfile_lsp::ide::{self, Doc};
use dockerfile_lsp::lsp::analysis::Environment;
use dockerfile_lsp::lsp::capabilities::ClientSupport;
use dockerfile_lsp::lsp::document::DocumentStore;
use dockerfile_lsp::lsp::position::PositionEncoding;
use dockerfile_lsp::lsp::{diagnostics, features, semantic};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<R>(runs: usize, mut f: impl FnMut() -> R) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

#[test]
#[ignore = "measurement; run with --ignored --nocapture"]
fn timings_on_a_20k_line_file() {
    let (path, text) = match std::env::var("DOCKERFILE_LSP_PERF_FILE") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, text)
        }
        Err(_) => ("generated".to_string(), generate::dockerfile(20_000)),
    };
    let uri: Uri = "untitled:perf".parse().unwrap_or_else(|e| panic!("{e}"));
    let settings = Arc::new(Settings::default());
    let env = Environment::default();
    let store = DocumentStore::default();
    let enc = PositionEncoding::Utf16;
    let middle = (text.lines().count() / 2) as u32;
    let runs = 15;

    let open = time(runs, || store.open(uri.clone(), text.clone(), 1));
    let mut version = 1;
    let mut edit = || {
        version += 1;
        let at = Position::new(middle, 0);
        let change =
            TextDocumentContentChangeEvent { range: Some(Range::new(at, at)), range_length: None, text: " ".into() };
        store.change(&uri, version, &[change], enc);
    };
    let change = time(runs, &mut edit);
    // didChange → diagnostics: apply an edit, build the model, run every rule, convert.
    let keystroke = time(runs, || {
        edit();
        let snap = store.snapshot(&uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
        let found = env.diagnostics(&snap);
        found.iter().map(|d| diagnostics::to_lsp(&snap, d)).collect::<Vec<_>>()
    });
    let snap = store.snapshot(&uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
    let model_time = time(runs, || dockerfile_lsp::model::Model::new(&snap.text, &snap.tree, &Default::default()));
    let rules_time = time(runs, || env.diagnostics(&snap).len());
    let model = snap.model();
    let doc = Doc::new(&snap.text, &snap.tree, &model);
    let client = ClientSupport { hierarchical_symbols: true, ..ClientSupport::default() };
    let symbols_ide = time(runs, || ide::symbols::document_symbols(&doc));
    let symbols = time(runs, || features::document_symbols(&snap, ide::symbols::document_symbols(&doc), &client));
    let tokens_ide = time(runs, || ide::semantic_tokens::semantic_tokens(&doc, None));
    let tokens = time(runs, || {
        let t = ide::semantic_tokens::semantic_tokens(&doc, None);
        semantic::encode(&snap.text, snap.line_index(), enc, &t, false)
    });
    let folding = time(runs, || features::folding_ranges(&snap, ide::folding::folding_ranges(&doc), &client));
    println!("file: {path} ({} lines, {} bytes), medians of {runs}", text.lines().count(), text.len());
    for (what, d) in [
        ("open (rope + full parse)", open),
        ("didChange (incremental edit)", change),
        ("didChange → diagnostics (edit, model, rules, conversion)", keystroke),
        ("  model", model_time),
        ("  rules incl. model", rules_time),
        ("documentSymbol (ide)", symbols_ide),
        ("documentSymbol (ide + LSP conversion)", symbols),
        ("semantic tokens (ide)", tokens_ide),
        ("semantic tokens (ide + encoding)", tokens),
        ("folding ranges", folding),
    ] {
        println!("{what:58} {:>9.2} ms", d.as_secs_f64() * 1000.0);
    }
}
