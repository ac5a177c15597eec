//! Any bytes and any cursor: the model, every rule and every editor feature answer
//! without panicking, with ranges inside the text.
#![no_main]

use dockerfile_lsp::ide::{self, Doc};
use dockerfile_lsp::model::{BuildArgs, Model};
use dockerfile_lsp::rules::{self, Inputs, RuleConfig};
use dockerfile_lsp::syntax::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let tree = parse(&text);
    let model = Model::new(&text, &tree, &BuildArgs::new());
    let doc = Doc::new(&text, &tree, &model);
    for d in rules::run(&text, &tree, &Inputs::default(), &RuleConfig::default()) {
        assert!(d.range.end <= text.len());
    }
    let at = data.first().map_or(0, |b| *b as usize * text.len() / 256);
    let _ = ide::symbols::document_symbols(&doc);
    let _ = ide::folding::folding_ranges(&doc);
    let _ = ide::selection::selection_ranges(&doc, at);
    let _ = ide::navigation::definition(&doc, at);
    let _ = ide::navigation::rename(&doc, at, "renamed");
    let _ = ide::semantic_tokens::semantic_tokens(&doc, None);
    let _ = ide::links::document_links(&doc);
    let _ = ide::format::format(&doc, ide::format::FormatOptions::default(), None);
});
