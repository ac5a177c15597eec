//! Prints parse (and drop) times for growing generated files, best of 10; with an
//! argument `N`, parses an N-line file once (for profilers such as callgrind).
mod generate;
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
