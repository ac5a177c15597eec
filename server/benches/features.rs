//! Whole-feature benchmarks on generated 20k-line files: all rules, the model, and
//! the editor features the issues set targets for.

use criterion::{Criterion, criterion_group, criterion_main};
use dockerfile_lsp::ide::{self, Doc};
use dockerfile_lsp::model::{BuildArgs, Model};
use dockerfile_lsp::rules::{self, Inputs, RuleConfig};
use dockerfile_lsp::syntax::parse;

mod generate;

fn bench_features(c: &mut Criterion) {
    let text = generate::dockerfile(20_000);
    let tree = parse(&text);
    let model = Model::new(&text, &tree, &BuildArgs::new());
    let doc = Doc::new(&text, &tree, &model);
    let inputs = Inputs::default();
    let config = RuleConfig::default();
    let mid = text.len() / 2;
    let var_use = text[mid..].find("$APP_").map_or(mid, |i| mid + i + 1);
    let stage_ref = text[mid..].find("--from=stage").map_or(mid, |i| mid + i + 8);

    let mut g = c.benchmark_group("20k");
    g.bench_function("model", |b| b.iter(|| Model::new(&text, &tree, &BuildArgs::new())));
    g.bench_function("rules (all, incl. model)", |b| b.iter(|| rules::run(&text, &tree, &inputs, &config)));
    g.bench_function("document symbols", |b| b.iter(|| ide::symbols::document_symbols(&doc)));
    g.bench_function("folding", |b| b.iter(|| ide::folding::folding_ranges(&doc)));
    g.bench_function("links", |b| b.iter(|| ide::links::document_links(&doc)));
    g.bench_function("highlight (variable)", |b| {
        b.iter(|| ide::navigation::target_at(&doc, var_use).map(|(t, _)| ide::navigation::occurrences(&doc, &t)))
    });
    g.bench_function("definition (stage)", |b| b.iter(|| ide::navigation::definition(&doc, stage_ref)));
    g.bench_function("semantic tokens (full)", |b| b.iter(|| ide::semantic_tokens::semantic_tokens(&doc, None)));
    g.bench_function("formatting", |b| {
        b.iter(|| ide::format::format(&doc, ide::format::FormatOptions::default(), None))
    });
    g.finish();
}

criterion_group!(benches, bench_features);
criterion_main!(benches);
