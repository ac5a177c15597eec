//! `copy-from-unknown-stage`: `COPY --from=<name>` that names no stage.

use super::stage_refs::{Problem, findings};
use crate::images::catalog::catalog;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::suggest;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-from-unknown-stage",
        aliases: &[Alias::all("DL3022")],
        group: Group::Build,
        default_severity: Some(Severity::Warning),
        summary: "COPY --from names neither a stage nor a stage index.",
        docs: "\
**Why**: a `--from` value that is no stage name is pulled as an image, so a typo in a \
stage name turns into a pull of `docker.io/library/<typo>` that fails or, worse, \
succeeds. Values with `:`, `/` or `@` are clearly image references and known official \
images (`busybox`) are meant as images; neither is reported.\n\n\
**Example**: `FROM golang AS builder` … `COPY --from=buidler /out /app`\n\n\
**Fix**: use the stage's name (the quick fix offers the closest one), or write the \
image with a tag (`--from=busybox:1.37`).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for f in findings(cx) {
        if f.problem != Problem::NotAStage || f.text.contains([':', '/', '@']) {
            continue;
        }
        if catalog().is_official(&f.text) {
            continue;
        }
        let earlier = cx.model.stages[..f.stage].iter().filter_map(|s| s.name.as_deref());
        let hint = suggest(&f.text, earlier, true);
        let msg = match hint {
            Some(h) => format!(
                "\"{}\" is not the name of an earlier stage and will be pulled as an image (did you mean {h}?)",
                f.text
            ),
            None => format!("\"{}\" is not the name of an earlier stage and will be pulled as an image", f.text),
        };
        let report = out.report(f.range.clone(), msg);
        if let Some(h) = hint {
            let _ = report.replace(format!("Change to {h}"), f.range.clone(), h, false);
        }
    }
}
