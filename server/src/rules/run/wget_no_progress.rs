//! `wget-no-progress` (DL3047): wget without a quiet or progress option.

use super::index::{Class, each_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "wget-no-progress",
        aliases: &[Alias::all("DL3047")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`wget` without `--progress`, `-q` or `-nv` (floods the build log).",
        docs: "\
**Why**: without a terminal GNU wget prints its progress as dots, a line for every 50 KB, \
so one large download fills the build log with thousands of lines.\n\n\
**Example**: `RUN wget https://example.com/big.tar.gz`\n\n\
**Fix**: `RUN wget -nv https://example.com/big.tar.gz` (the quick fix adds `-nv`, which \
BusyBox wget also accepts; `--progress=dot:giga` is GNU only). `-q`, `--progress=…` and a \
log file (`-o`, `-a`) count too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Wget], |_, code, cmd| {
        let Some(name) = &cmd.name else { return };
        let quiet = cmd.has_flag(code.src, None, &["quiet", "progress", "no-verbose", "output-file", "append-output"])
            || cmd.args.iter().any(|a| short_quiet(&a.value(code.src)));
        if quiet {
            return;
        }
        out.report(
            code.range(name.range.clone()),
            "Add `-nv` (or `-q`, `--progress=dot:giga`) so wget does not flood the build log",
        )
        .fix("Add `-nv`", vec![code.insert_after(name.range.end, " -nv")], true);
    });
}

/// Short options of GNU wget that take a value.
const SHORT_ARG: &str = "aAbBDeiIlLoOPQRtTUwX";

/// A short option cluster with `-q`, `-nv`, or a log file (`-o`, `-a`).
fn short_quiet(v: &str) -> bool {
    let Some(cluster) = v.strip_prefix('-').filter(|c| !c.starts_with('-')) else {
        return false;
    };
    if let Some(n) = cluster.strip_prefix('n') {
        return n == "v";
    }
    for c in cluster.chars() {
        if matches!(c, 'q' | 'o' | 'a') {
            return true;
        }
        if SHORT_ARG.contains(c) {
            break;
        }
    }
    false
}
