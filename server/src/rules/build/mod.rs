//! What `docker build` rejects that needs more than one instruction to see, or
//! values BuildKit only checks while building (ports, signals, COPY sources).

mod add_checksum_invalid;
mod copy_from_later_stage;
mod copy_from_self;
mod copy_from_unknown_stage;
mod copy_remote_source;
mod expose_invalid;
mod expose_port_range;
mod from_first;
mod mount_target_root;
mod run_device_labs;
mod stage_index_out_of_range;
mod stage_refs;
mod stopsignal_invalid;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &from_first::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_from_self::RULE,
    &copy_from_later_stage::RULE,
    &stage_index_out_of_range::RULE,
    &copy_remote_source::RULE,
    &add_checksum_invalid::RULE,
    &expose_invalid::RULE,
    &expose_port_range::RULE,
    &stopsignal_invalid::RULE,
    &run_device_labs::RULE,
    &mount_target_root::RULE,
];

#[cfg(test)]
mod perf {
    use crate::rules::{Context, Inputs, RuleConfig, Sink, all_rules};

    /// A generated multi-stage file of about `lines` lines (the shape of the shared
    /// benchmark generator).
    fn big_dockerfile(lines: usize) -> String {
        let mut out = String::from("ARG BUILDPLATFORM\nFROM alpine:3.19 AS stage0\nRUN mkdir -p /opt/app/bin\n");
        let mut n = 1;
        while out.matches('\n').count() < lines {
            out.push_str(&format!(
                "# ---- stage {n} ----\nFROM --platform=$BUILDPLATFORM alpine:3.19 AS stage{n}\nARG VERSION_{n}=1.2.{n}\n\
ENV APP_{n}=/opt/app{n} \\\n    PATH=/opt/app{n}/bin:$PATH \\\n    VERSION=${{VERSION_{n}}}\n\
LABEL org.opencontainers.image.version=\"${{VERSION_{n}}}\" vendor=\"example\"\nWORKDIR /opt/app{n}\n\
COPY --from=stage{p} /opt/app/bin /opt/app{n}/prev/\nCOPY --chown=1000:1000 src/ ./src/\n\
RUN apk add --no-cache \\\n    build-base \\\n    curl \\\n    git && \\\n    echo \"building $VERSION in $APP_{n}\" && \\\n\
    make -C src -j4 all && \\\n    rm -rf /var/cache/apk/*\nRUN set -eux; \\\n    for i in 1 2 3; do \\\n      echo \"$i\"; \\\n    done\n\
EXPOSE {port}/tcp\nUSER 1000:1000\nHEALTHCHECK --interval=30s --timeout=5s CMD wget -qO- http://localhost/ || exit 1\n\
CMD [\"/opt/app{n}/bin/app\", \"--serve\"]\n",
                p = n - 1,
                port = 1000 + n % 60000
            ));
            n += 1;
        }
        out
    }

    /// Prints how long each rule takes on a 20k-line file; run with
    /// `cargo test --release --lib rule_timings -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn rule_timings() {
        let text = big_dockerfile(20_000);
        let tree = crate::syntax::parse(&text);
        let inputs = Inputs { dockerignore: Some("*.md\nnode_modules\n"), ..Inputs::default() };
        let config = RuleConfig::default();
        let model = crate::model::Model::new(&text, &tree, &inputs.build_args);
        let cx = Context::new(&text, &tree, &model, &inputs, &config);
        let mut total = std::time::Duration::ZERO;
        for rule in all_rules() {
            // The fastest of several runs: the machine is shared.
            let mut each = std::time::Duration::MAX;
            for _ in 0..30 {
                let start = std::time::Instant::now();
                let mut out = Vec::new();
                let mut sink = Sink::new(&rule.meta, &mut out);
                (rule.check)(&cx, &mut sink);
                each = each.min(start.elapsed());
            }
            total += each;
            println!("{:>10.3} ms  {}", each.as_secs_f64() * 1e3, rule.meta.id);
        }
        println!("{:>10.3} ms  total (rules only)", total.as_secs_f64() * 1e3);
        let start = std::time::Instant::now();
        let _ = crate::model::Model::new(&text, &tree, &inputs.build_args);
        println!("{:>10.3} ms  model", start.elapsed().as_secs_f64() * 1e3);
        let start = std::time::Instant::now();
        let _ = crate::rules::suppress::Suppressions::new(&text, &tree);
        println!("{:>10.3} ms  suppressions", start.elapsed().as_secs_f64() * 1e3);
        let start = std::time::Instant::now();
        let _ = tree.errors();
        println!("{:>10.3} ms  tree.errors", start.elapsed().as_secs_f64() * 1e3);
        for _ in 0..3 {
            let start = std::time::Instant::now();
            let diags = crate::rules::run(&text, &tree, &inputs, &config);
            println!(
                "{:>10.3} ms  rules::run (model, rules, suppression): {} diagnostics",
                start.elapsed().as_secs_f64() * 1e3,
                diags.len()
            );
        }
    }
}
