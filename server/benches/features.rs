//! Whole-feature benchmarks on generated 20k-line files: all rules, the model, and
//! the editor features the issues set targets for.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dockerfile_lsp::ide::completion::{CompletionOptions, completion};
use dockerfile_lsp::ide::hover::{HoverOptions, hover};
use dockerfile_lsp::ide::{self, Doc};
use dockerfile_lsp::images::catalog::{Catalog, Date};
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
    // The rules alone, on the model the server builds once per revision and shares
    // with every request.
    g.bench_function("rules (all, model built)", |b| {
        b.iter(|| rules::run_with_model(&text, &tree, &model, &inputs, &config))
    });
    // As on opening the file: a tree nobody has read yet (no views worked out), so the
    // model and the rules do all the work. The parse is not timed, nor is the tree's drop.
    g.bench_function("rules (all, incl. model, fresh tree)", |b| {
        b.iter_batched_ref(|| parse(&text), |fresh| rules::run(&text, fresh, &inputs, &config), BatchSize::LargeInput)
    });
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

    let today = Date::parse("2026-11-28").unwrap_or_else(|| unreachable!());
    let hover_opts = HoverOptions::new(today);
    let last_from = text.rfind("alpine:3.19").map_or(0, |i| i + 2);
    g.bench_function("hover (image in the last FROM)", |b| b.iter(|| hover(&doc, last_from, &hover_opts)));
    let keyword = text.rfind("HEALTHCHECK").map_or(0, |i| i + 2);
    g.bench_function("hover (keyword)", |b| b.iter(|| hover(&doc, keyword, &hover_opts)));
    let var = var_use + 1;
    g.bench_function("hover (variable)", |b| b.iter(|| hover(&doc, var, &hover_opts)));
    let completion_opts = CompletionOptions::new(today);
    for (name, tail) in [("completion (FROM python:)", "FROM python:"), ("completion (keyword)", "RU")] {
        let text = format!("{text}{tail}");
        let tree = parse(&text);
        let model = Model::new(&text, &tree, &BuildArgs::new());
        let doc = Doc::new(&text, &tree, &model);
        g.bench_function(name, |b| b.iter(|| completion(&doc, text.len(), &completion_opts)));
    }
    g.finish();

    let mut g = c.benchmark_group("catalog");
    g.bench_function("load", |b| b.iter(Catalog::load));
    g.bench_function("load and rank python tags", |b| b.iter(|| Catalog::load().ranked_tags("python", today).len()));
    g.finish();
}

criterion_group!(benches, bench_features);
criterion_main!(benches);
