//! `workdir-relative`: the first WORKDIR of a stage is a relative path.

use super::util::{expand_known, go_quote};
use crate::model::Base;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "workdir-relative",
        aliases: &[Alias::all("WorkdirRelativePath"), Alias::all("DL3000")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A relative WORKDIR before any WORKDIR of the stage set an absolute one.",
        docs: "\
**Why**: a relative WORKDIR is joined to the base image's working directory, which can \
change when the base image does. As in BuildKit only the first WORKDIR of a stage (and \
of the stages it builds on) is checked: once one is set, later relative ones are \
relative to a directory this Dockerfile chose. (hadolint's DL3000 flags every relative \
WORKDIR; BuildKit's narrower rule is followed.)\n\n\
**Example**: `FROM nginx` / `WORKDIR usr/share/nginx/html`\n\n\
**Fix**: start the path with `/` (`WORKDIR /usr/share/nginx/html`).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Absolute on Linux, or a Windows drive or root path (left alone).
fn is_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('\\')
        || (b.len() >= 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b.len() == 2 || matches!(b[2], b'/' | b'\\')))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut set = vec![false; cx.model.stages.len()];
    for (node, inst) in cx.instructions_of(&[Keyword::From, Keyword::Workdir]) {
        let Some(stage) = cx.model.node_stage[node] else { continue };
        match inst.kind() {
            Keyword::From => {
                if let Base::Stage(parent) = cx.model.stages[stage].base {
                    set[stage] = set.get(parent).copied().unwrap_or(false);
                }
            }
            Keyword::Workdir => {
                let already = std::mem::replace(&mut set[stage], true);
                if already || inst.inst.args.is_empty() {
                    continue;
                }
                let raw = inst.text(inst.inst.args);
                let Some(path) = expand_known(cx, node, &raw, inst.inst.escape) else { continue };
                if !is_absolute(&path) {
                    out.report(
                        inst.range(inst.inst.args),
                        format!(
                            "Relative workdir {} can have unexpected results if the base image changes",
                            go_quote(&path)
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}
