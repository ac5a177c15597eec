//! Prints parse (and drop) times for growing generated files, best of 10; with an
//! argument `N`, parses an N-line file once (for profilers such as callgrind), then
//! builds the `model`, runs the `rules`, runs them twice (`rules-warm`), or checks
//! the file after a keystroke (`edit`).
mod generate;

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
    at: usize,
    previous: &mut dockerfile_lsp::model::Model,
    inputs: &dockerfile_lsp::rules::Inputs<'_>,
    checked: &mut dockerfile_lsp::rules::Checked,
) -> Vec<dockerfile_lsp::rules::Diagnostic> {
    tree.apply_edit(text, dockerfile_lsp::syntax::TextEdit { start: at, old_end: at, new_len: 1 });
    // As the server's document does when nobody else holds the previous model, and
    // with the findings of the previous check.
    let model = dockerfile_lsp::model::Model::after_taking(text, tree, &Default::default(), previous);
    dockerfile_lsp::rules::run_checked(text, tree, &model, inputs, &Default::default(), checked)
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
            }
            Some("edit") => {
                // A keystroke in the middle of a checked file: the incremental parse,
                // the model built on the previous one, every rule. Profile
                // `scaling_probe::edit_check`.
                let inputs = dockerfile_lsp::rules::Inputs::default();
                let args = Default::default();
                let mut model = dockerfile_lsp::model::Model::new(&text, &tree, &args);
                let mut checked = dockerfile_lsp::rules::Checked::default();
                dockerfile_lsp::rules::run_checked(&text, &tree, &model, &inputs, &Default::default(), &mut checked);
                let at = text[text.len() / 2..].find("make -C").map_or(text.len() / 2, |i| text.len() / 2 + i);
                let mut typed = text.clone();
                typed.insert(at, 'x');
                let mut tree = tree.clone();
                let d = edit_check(&typed, &mut tree, at, &mut model, &inputs, &mut checked);
                println!("{} diagnostics", d.len());
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
