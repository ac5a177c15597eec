//! Prints parse (and drop) times for growing generated files, best of 10; with an
//! argument `N`, parses an N-line file once (for profilers such as callgrind), then
//! builds the `model`, runs the `rules`, runs them twice (`rules-warm`; with `time`,
//! 40 times more, with the model and on a built one), on a second, new tree of the same
//! text (`rules-fresh`), or checks
//! the file after a keystroke in a RUN (`edit`), an ENV (`edit-env`) or a FROM
//! (`edit-from`), the global ARG (`edit-global`) or a stage name (`edit-stage`); add
//! `time` to time 40 keystrokes.
//! `symbols` makes the outline twice (profile the second; with `time`, 40 more timed).
//! `suite` times the parse and the check of a read and of a fresh tree in alternation;
//! `dist` times 200 parses in a row and prints their spread; `parse2` parses a second
//! time, with the allocator warm (profile `scaling_probe::second_parse`).
mod generate;

#[inline(never)]
fn second_parse(text: &str) -> dockerfile_lsp::syntax::SyntaxTree {
    dockerfile_lsp::syntax::parse(text)
}

#[inline(never)]
fn warm_check(
    text: &str,
    tree: &dockerfile_lsp::syntax::SyntaxTree,
    inputs: &dockerfile_lsp::rules::Inputs<'_>,
) -> Vec<dockerfile_lsp::rules::Diagnostic> {
    dockerfile_lsp::rules::run(text, tree, inputs, &Default::default())
}

#[inline(never)]
fn edit_check(
    text: &str,
    tree: &mut dockerfile_lsp::syntax::SyntaxTree,
    edit: dockerfile_lsp::syntax::TextEdit,
    previous: &mut dockerfile_lsp::model::Model,
    inputs: &dockerfile_lsp::rules::Inputs<'_>,
    checked: &mut dockerfile_lsp::rules::Checked,
) -> Vec<dockerfile_lsp::rules::Diagnostic> {
    tree.apply_edit(text, edit);
    // As the server's document does when nobody else holds the previous model, and
    // with the findings of the previous check.
    let model = dockerfile_lsp::model::Model::after_taking(text, tree, &Default::default(), previous);
    let found = dockerfile_lsp::rules::run_checked(text, tree, &model, inputs, &Default::default(), checked);
    *previous = model;
    found
}

fn main() {
    if let Some(n) = std::env::args().nth(1).and_then(|a| a.parse::<usize>().ok()) {
        let text = generate::dockerfile(n);
        let tree = dockerfile_lsp::syntax::parse(&text);
        println!("{} nodes", tree.nodes.len());
        match std::env::args().nth(2).as_deref() {
            Some("model") => {
                let m = dockerfile_lsp::model::Model::new(&text, &tree, &Default::default());
                println!("{} uses", m.uses.len());
                if std::env::args().nth(3).as_deref() == Some("time") {
                    // Built and dropped 40 times: the median of each.
                    let (mut build, mut drop) = (Vec::new(), Vec::new());
                    for _ in 0..40 {
                        let t = std::time::Instant::now();
                        let m = dockerfile_lsp::model::Model::new(&text, &tree, &Default::default());
                        build.push(t.elapsed().as_secs_f64() * 1e3);
                        let t = std::time::Instant::now();
                        std::mem::drop(m);
                        drop.push(t.elapsed().as_secs_f64() * 1e3);
                    }
                    build.sort_by(f64::total_cmp);
                    drop.sort_by(f64::total_cmp);
                    println!("model: build median {:.2} ms, drop median {:.2} ms", build[20], drop[20]);
                }
            }
            Some("rules") => {
                let inputs = dockerfile_lsp::rules::Inputs::default();
                let d = dockerfile_lsp::rules::run(&text, &tree, &inputs, &Default::default());
                println!("{} diagnostics", d.len());
            }
            Some("rules-warm") => {
                // What an edit costs: the catalog and the shell cache are warm, as in
                // the server after the first check. Profile `scaling_probe::warm_check`.
                let inputs = dockerfile_lsp::rules::Inputs::default();
                dockerfile_lsp::rules::run(&text, &tree, &inputs, &Default::default());
                println!("{} diagnostics", warm_check(&text, &tree, &inputs).len());
                if std::env::args().nth(3).as_deref() == Some("time") {
                    // 40 more checks of the same tree, timed: the model built in the
                    // check, and the rules alone on a model built before.
                    let model = dockerfile_lsp::model::Model::new(&text, &tree, &Default::default());
                    let (mut with_model, mut rules) = (Vec::new(), Vec::new());
                    for _ in 0..40 {
                        let t = std::time::Instant::now();
                        warm_check(&text, &tree, &inputs);
                        with_model.push(t.elapsed().as_secs_f64() * 1e3);
                        let t = std::time::Instant::now();
                        dockerfile_lsp::rules::run_with_model(&text, &tree, &model, &inputs, &Default::default());
                        rules.push(t.elapsed().as_secs_f64() * 1e3);
                    }
                    with_model.sort_by(f64::total_cmp);
                    rules.sort_by(f64::total_cmp);
                    println!(
                        "check: median {:.2} ms (best {:.2}) with the model, {:.2} ms (best {:.2}) on a built model",
                        with_model[20], with_model[0], rules[20], rules[0]
                    );
                }
            }
            Some("edit" | "edit-env" | "edit-from" | "edit-global" | "edit-stage") => {
                // A keystroke in the middle of a checked file: the incremental parse,
                // the model built on the previous one, every rule. Profile
                // `scaling_probe::edit_check`.
                let inputs = dockerfile_lsp::rules::Inputs::default();
                let args = Default::default();
                let mut model = dockerfile_lsp::model::Model::new(&text, &tree, &args);
                let mut checked = dockerfile_lsp::rules::Checked::default();
                dockerfile_lsp::rules::run_checked(&text, &tree, &model, &inputs, &Default::default(), &mut checked);
                // Where the keystroke goes: a RUN, an ENV or a FROM line.
                // The text to find (from the middle, or from the top) and where in it.
                let (word, skip, top) = match std::env::args().nth(2).as_deref() {
                    Some("edit-env") => ("ENV APP_", 4, false),
                    // In the image's tag (`alpine:3.1x9`): the stage names stay.
                    Some("edit-from") => ("FROM --platform=$BUILDPLATFORM alpine:3.1", 41, false),
                    // In the global ARG at the top (FROM lines read it): everything again.
                    Some("edit-global") => ("ARG BUILDPLATFORM", 17, true),
                    // In a stage's name (`AS stagex12`): the stage is renamed, every
                    // instruction is checked again.
                    Some("edit-stage") => (" AS stage", 9, false),
                    _ => ("make -C", 0, false),
                };
                let from = if top { 0 } else { text.len() / 2 };
                let at = text[from..].find(word).map_or(text.len() / 2, |i| from + i + skip);
                let mut typed = text.clone();
                typed.insert(at, 'x');
                let mut tree = tree.clone();
                let insert = dockerfile_lsp::syntax::TextEdit { start: at, old_end: at, new_len: 1 };
                let d = edit_check(&typed, &mut tree, insert, &mut model, &inputs, &mut checked);
                println!("{} diagnostics", d.len());
                // With a third argument `time`: 40 more keystrokes (the `x` deleted and
                // typed again), timed.
                let timed = std::env::args().nth(3).as_deref() == Some("time");
                let mut times = Vec::new();
                for k in 0..if timed { 40 } else { 0 } {
                    let edit = if k % 2 == 0 {
                        typed.remove(at);
                        dockerfile_lsp::syntax::TextEdit { start: at, old_end: at + 1, new_len: 0 }
                    } else {
                        typed.insert(at, 'x');
                        insert
                    };
                    let t = std::time::Instant::now();
                    edit_check(&typed, &mut tree, edit, &mut model, &inputs, &mut checked);
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                }
                times.sort_by(f64::total_cmp);
                if let (Some(median), Some(best)) = (times.get(times.len() / 2), times.first()) {
                    println!("keystroke check: median {median:.2} ms, best {best:.2} ms");
                }
            }
            Some("rules-fresh") => {
                // As on opening a file: the catalog and the shell cache warm, the tree
                // new (no views worked out). Profile `scaling_probe::warm_check`.
                let inputs = dockerfile_lsp::rules::Inputs::default();
                dockerfile_lsp::rules::run(&text, &tree, &inputs, &Default::default());
                let fresh = dockerfile_lsp::syntax::parse(&text);
                println!("{} diagnostics", warm_check(&text, &fresh, &inputs).len());
            }
            Some("symbols") => {
                // The outline of the file (a model built before, views worked out).
                // Profile `dockerfile_lsp::ide::symbols::document_symbols`.
                let model = dockerfile_lsp::model::Model::new(&text, &tree, &Default::default());
                let doc = dockerfile_lsp::ide::Doc::new(&text, &tree, &model);
                drop(dockerfile_lsp::ide::symbols::document_symbols(&doc));
                println!("{} symbols", dockerfile_lsp::ide::symbols::document_symbols(&doc).len());
                if std::env::args().nth(3).as_deref() == Some("time") {
                    // 40 outlines, each dropped untimed: the median and the best.
                    let mut times = Vec::new();
                    for _ in 0..40 {
                        let t = std::time::Instant::now();
                        let outline = dockerfile_lsp::ide::symbols::document_symbols(&doc);
                        times.push(t.elapsed().as_secs_f64() * 1e3);
                        drop(outline);
                    }
                    times.sort_by(f64::total_cmp);
                    println!("outline: median {:.2} ms, best {:.2} ms", times[20], times[0]);
                }
            }
            Some("suite") => suite(&text),
            Some("parse2") => {
                // A second parse of the same text, with the allocator warm, as in the
                // server and the benches. Profile `scaling_probe::second_parse`.
                drop(tree);
                println!("{} nodes", second_parse(&text).nodes.len());
            }
            Some("dist") => {
                let mut v = Vec::new();
                for _ in 0..200 {
                    let t = std::time::Instant::now();
                    let tree = dockerfile_lsp::syntax::parse(&text);
                    v.push(t.elapsed().as_secs_f64() * 1e3);
                    drop(tree);
                }
                println!("{:?}", &v[..40].iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>());
                v.sort_by(f64::total_cmp);
                println!(
                    "min {:.2} p25 {:.2} median {:.2} p75 {:.2} max {:.2} mean {:.2}",
                    v[0],
                    v[50],
                    v[100],
                    v[150],
                    v[199],
                    v.iter().sum::<f64>() / 200.0
                );
            }
            _ => {}
        }
        return;
    }
    for lines in [1000usize, 5000, 10000, 20000, 40000] {
        let text = generate::dockerfile(lines);
        let mut best = f64::MAX;
        let mut best_drop = f64::MAX;
        for _ in 0..10 {
            let t = std::time::Instant::now();
            let tree = dockerfile_lsp::syntax::parse(&text);
            let e = t.elapsed().as_secs_f64();
            let t2 = std::time::Instant::now();
            drop(tree);
            best_drop = best_drop.min(t2.elapsed().as_secs_f64());
            best = best.min(e);
        }
        println!("{lines} lines {} bytes: parse {:.2} ms, drop {:.2} ms", text.len(), best * 1e3, best_drop * 1e3);
    }
}

/// The headline figures side by side, in rounds, so that the machine's slow and quick
/// phases reach each of them alike: the full parse (best of 10 per round), a check of a
/// tree read before (model built in the call) and of a tree nobody has read yet (as on
/// opening the file; its parse not timed). Drops are never timed. Prints each figure's
/// best round and median round.
fn suite(text: &str) {
    use std::time::Instant;
    let inputs = dockerfile_lsp::rules::Inputs::default();
    let config = Default::default();
    let warm_tree = dockerfile_lsp::syntax::parse(text);
    // The catalog, the shell cache and the tree's views, as in a server that has checked the file.
    drop(dockerfile_lsp::rules::run(text, &warm_tree, &inputs, &config));
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let (mut parse, mut warm, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let mut best = f64::MAX;
        for _ in 0..10 {
            let t = Instant::now();
            let tree = dockerfile_lsp::syntax::parse(text);
            best = best.min(ms(t));
            drop(tree);
        }
        parse.push(best);
        let t = Instant::now();
        let found = dockerfile_lsp::rules::run(text, &warm_tree, &inputs, &config);
        warm.push(ms(t));
        drop(found);
        let tree = dockerfile_lsp::syntax::parse(text);
        let t = Instant::now();
        let found = dockerfile_lsp::rules::run(text, &tree, &inputs, &config);
        fresh.push(ms(t));
        drop((found, tree));
    }
    for (name, v) in
        [("parse (best of 10)", &mut parse), ("check, read tree", &mut warm), ("check, fresh tree", &mut fresh)]
    {
        v.sort_by(f64::total_cmp);
        println!("{name}: best {:.2} ms, median {:.2} ms", v[0], v[v.len() / 2]);
    }
}
