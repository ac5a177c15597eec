//! The protocol layer in process on a generated 20k-line Dockerfile: what a
//! keystroke costs from `didChange` to the diagnostics the client receives, and the
//! requests whose answers are large (semantic tokens, symbols), conversion to LSP
//! positions included.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dockerfile_lsp::config::Settings;
use dockerfile_lsp::ide::{self, Doc};
use dockerfile_lsp::lsp::analysis::Environment;
use dockerfile_lsp::lsp::capabilities::ClientSupport;
use dockerfile_lsp::lsp::document::DocumentStore;
use dockerfile_lsp::lsp::position::PositionEncoding;
use dockerfile_lsp::lsp::{diagnostics, features, semantic};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

mod generate;

fn bench_lsp(c: &mut Criterion) {
    let text = generate::dockerfile(20_000);
    let uri: Uri = "untitled:bench".parse().unwrap_or_else(|e| panic!("{e}"));
    let settings = Arc::new(Settings::default());
    let env = Environment::default();
    let store = DocumentStore::default();
    let enc = PositionEncoding::Utf16;
    let middle = (text.lines().count() / 2) as u32;
    store.open(uri.clone(), text.clone(), 1);

    // One keystroke in the middle of the file: a space typed, then deleted, so the
    // document stays the same size however many iterations run.
    // The first ENV line from the middle on, and a column inside it: typing there
    // changes a structural instruction, which the kept check cannot build on.
    let env_line = text
        .lines()
        .enumerate()
        .skip(middle as usize)
        .find(|(_, l)| l.starts_with("ENV "))
        .map_or(middle, |(i, _)| i as u32);
    // And the first FROM line from the middle on: everything is checked again.
    let from_line = text
        .lines()
        .enumerate()
        .skip(middle as usize)
        .find(|(_, l)| l.starts_with("FROM "))
        .map_or(middle, |(i, _)| i as u32);
    // And the global ARG at the top (`ARG BUILDPLATFORM`, which every FROM reads): a
    // space typed inside its name splits it in two.
    let global_line = text.lines().position(|l| l.starts_with("ARG ")).map_or(0, |i| i as u32);
    // And inside a stage's name in that FROM line (`AS stage 12`): the stage is renamed,
    // which no kept check survives, so every instruction is checked again.
    let stage_col = text.lines().nth(from_line as usize).and_then(|l| l.find(" AS stage")).map_or(0, |i| i as u32 + 9);
    let mut version = 1;
    let mut type_at = |line: u32, col: u32| {
        version += 1;
        let at = Position::new(line, col);
        let (range, new_text) = if version % 2 == 0 {
            (Range::new(at, at), " ")
        } else {
            (Range::new(at, Position::new(line, col + 1)), "")
        };
        let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: new_text.into() };
        store.change(&uri, version, &[change], enc);
    };
    let mut keystroke = || type_at(middle, 0);

    let mut g = c.benchmark_group("lsp 20k");
    g.sample_size(30);
    g.bench_function("didOpen (rope + full parse)", |b| b.iter(|| store.open(uri.clone(), text.clone(), 1)));
    store.open(uri.clone(), text.clone(), 1);
    g.bench_function("didChange (incremental edit)", |b| b.iter(&mut keystroke));
    g.bench_function("didChange → syntax diagnostics", |b| {
        b.iter(|| {
            keystroke();
            let snap = store.snapshot(&uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
            snap.tree.errors().iter().map(|e| snap.range(e.range.clone())).collect::<Vec<_>>()
        })
    });
    // A keystroke in the middle line, an ENV, a FROM line, the global ARG and a stage
    // name, each
    // followed by every rule and the LSP conversion.
    let places = [
        ("didChange → all diagnostics (every rule)", middle, 0),
        ("didChange in an ENV → all diagnostics (every rule)", env_line, 4),
        ("didChange in a FROM → all diagnostics (every rule)", from_line, 5),
        ("didChange in the global ARG → all diagnostics (every rule)", global_line, 7),
        ("didChange in a stage name → all diagnostics (every rule)", from_line, stage_col),
    ];
    for (name, line, col) in places {
        g.bench_function(name, |b| {
            b.iter(|| {
                type_at(line, col);
                let snap = store.snapshot(&uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
                let found = env.diagnostics(&snap);
                found.iter().map(|d| diagnostics::to_lsp(&snap, d)).collect::<Vec<_>>()
            })
        });
    }

    let snap = store.snapshot(&uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
    let model = snap.model();
    let doc = Doc::new(&snap.text, &snap.tree, &model);
    let client = ClientSupport { hierarchical_symbols: true, ..ClientSupport::default() };
    g.bench_function("documentSymbol (with conversion)", |b| {
        b.iter(|| features::document_symbols(&snap, ide::symbols::document_symbols(&doc), &client))
    });
    g.bench_function("semanticTokens/full (with encoding)", |b| {
        b.iter(|| {
            let tokens = ide::semantic_tokens::semantic_tokens(&doc, None);
            semantic::encode(&snap.text, snap.line_index(), enc, &tokens, false)
        })
    });
    g.bench_function("foldingRange (with conversion)", |b| {
        b.iter(|| features::folding_ranges(&snap, ide::folding::folding_ranges(&doc), &client))
    });
    g.finish();
}

criterion_group!(benches, bench_lsp);
criterion_main!(benches);
