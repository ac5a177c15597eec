//! Parser benchmarks: full parse and one keystroke (incremental) on 1k and 20k lines.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dockerfile_lsp::syntax::{TextEdit, parse};

mod generate;

fn bench_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    // Each tree is dropped before the next parse, outside the timing: freeing a tree is
    // not parsing it (`scaling_probe` prints that figure), and the next parse reuses the
    // memory, as the server's next revision does. (Keeping every tree of a sample until
    // its end, as `iter_with_large_drop` does, times hundreds of megabytes of fresh
    // pages instead.)
    for lines in [1_000, 20_000] {
        let text = generate::dockerfile(lines);
        g.bench_with_input(BenchmarkId::new("full", lines), &text, |b, t| b.iter_custom(|n| timed(n, || parse(t))));
    }
    // A big file is parsed in pieces on rayon's pool; inside a one-thread pool the same
    // call parses it on one thread.
    let text = generate::dockerfile(20_000);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap_or_else(|e| panic!("{e}"));
    g.bench_with_input(BenchmarkId::new("full, one thread", 20_000), &text, |b, t| {
        b.iter_custom(|n| timed(n, || one.install(|| parse(t))))
    });
    g.finish();
}

/// The time `n` calls of `f` take, each result dropped untimed before the next call.
fn timed<T>(n: u64, mut f: impl FnMut() -> T) -> std::time::Duration {
    let mut total = std::time::Duration::ZERO;
    for _ in 0..n {
        let t = std::time::Instant::now();
        let out = f();
        total += t.elapsed();
        drop(out);
    }
    total
}

fn bench_keystroke(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke");
    for lines in [1_000, 20_000] {
        let text = generate::dockerfile(lines);
        // Type one character in the middle of the file (inside a RUN), then delete it,
        // so every iteration starts from the same text.
        let at = text[text.len() / 2..].find("make -C").map_or(text.len() / 2, |i| text.len() / 2 + i);
        let mut typed = text.clone();
        typed.insert(at, 'x');
        let mut tree = parse(&text);
        g.bench_function(BenchmarkId::new("incremental", lines), |b| {
            b.iter(|| {
                tree.apply_edit(&typed, TextEdit { start: at, old_end: at, new_len: 1 });
                tree.apply_edit(&text, TextEdit { start: at, old_end: at + 1, new_len: 0 });
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_parse, bench_keystroke);
criterion_main!(benches);
