//! `run-pipefail` (DL4006): a pipe in RUN without `pipefail`.

use super::index::{each_piped_run, resolve};
use super::scripts::Code;
use crate::images::catalog::OsFamily;
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-pipefail",
        aliases: &[Alias::all("DL4006")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "RUN has a pipe and the shell has no `-o pipefail`.",
        docs: "\
**Why**: a pipeline's status is that of its last command, so in \
`RUN curl -fsSL https://x/install.sh | sh` a failed download still gives a \"successful\" \
build.\n\n\
**Fix**: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (on Alpine \
`[\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]`: BusyBox ash has pipefail), or \
`set -o pipefail &&` at the start of the RUN. Unlike hadolint, which only trusts bash, \
zsh and ash in SHELL, any shell given `-o pipefail` counts: a shell without the option \
would fail every RUN, which cannot go unnoticed. \
The quick fix inserts the SHELL line when the catalog knows the base image has that shell. \
Pipes inside an explicit `sh -c '…'` string are left alone.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// The first `|` of a pipeline at top level (not inside a `sh -c` string), unless
/// `set -o pipefail` runs before it.
fn unprotected_pipe(code: &Code<'_>) -> Option<std::ops::Range<usize>> {
    let src = code.src;
    let cmds = &code.script.commands;
    for (i, c) in cmds.iter().enumerate() {
        if c.via_shell_c {
            continue;
        }
        if c.depth == 0 && c.sets_option(src, "pipefail") {
            return None;
        }
        if c.pipeline_has_next {
            // The `|` between this command and the next one of the pipeline.
            let next = cmds[i + 1..].iter().find(|n| n.depth == c.depth && n.range.start >= c.range.end);
            let end = next.map_or(src.len(), |n| n.range.start);
            let gap = src.get(c.range.end..end)?;
            let bar = gap.find('|')?;
            let len = if gap[bar..].starts_with("|&") { 2 } else { 1 };
            return Some(c.range.end + bar..c.range.end + bar + len);
        }
    }
    None
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_piped_run(cx, |run, codes| {
        for code in codes {
            if code.pipefail {
                continue;
            }
            let Some(bar) = unprotected_pipe(code) else { continue };
            let report = out.report(
                code.range(bar),
                "Set `-o pipefail` for this RUN (e.g. `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`) so a failure before the pipe fails the build",
            );
            if run.onbuild {
                continue;
            }
            let Some(shell) = run.stage.and_then(|s| pipefail_shell(cx, s)) else { continue };
            let kw = run.inst.keyword_text();
            let keyword = if kw.bytes().any(|b| b.is_ascii_uppercase()) { "SHELL" } else { "shell" };
            let start = run.inst.start();
            let before = cx.text.get(..start).unwrap_or("");
            let indent = before.rsplit('\n').next().unwrap_or("");
            let indent = if indent.trim().is_empty() { indent } else { "" };
            let text = format!("{keyword} [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]\n{indent}");
            report.fix(
                format!("Insert `SHELL [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]` before the RUN"),
                vec![Edit { range: start..start, text }],
                false,
            );
        }
    });
}

/// A shell with pipefail that the stage's base image has, when the catalog knows it.
fn pipefail_shell(cx: &Context<'_>, stage: usize) -> Option<&'static str> {
    let root = cx.model.root_image(stage)?;
    let res = resolve(cx, root.image.as_deref()?)?;
    if res.has_shell == Some(false) {
        return None;
    }
    match res.os?.family {
        OsFamily::Debian | OsFamily::Ubuntu | OsFamily::Fedora | OsFamily::RhelLike | OsFamily::AmazonLinux => {
            Some("/bin/bash")
        }
        OsFamily::Alpine => Some("/bin/ash"),
        _ => None,
    }
}
