//! `copy-relative-dest-no-workdir` (DL3045): COPY to a relative destination before any
//! WORKDIR in the stage (or the stages it builds on).

use super::drop_quotes;
use crate::model::Base;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{InstRef, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-relative-dest-no-workdir",
        aliases: &[Alias::all("DL3045")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "COPY to a relative destination before any WORKDIR.",
        docs: "\
**Why**: a relative destination is resolved against the working directory, which — \
without a `WORKDIR` in this stage or a stage it builds on — is whatever the base image \
chose (often `/`). The files may land somewhere unexpected, and change place when the base does.\n\n\
**Example**: `FROM node:22` then `COPY . .`\n\n\
**Fix**: set the directory first (`WORKDIR /app`) or use an absolute destination \
(`COPY . /app/`). ADD is checked the same way.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut workdir_set = vec![false; cx.model.stages.len()];
    // The other instructions have no destination (ONBUILD may hold a COPY/ADD).
    let kinds = [Keyword::From, Keyword::Workdir, Keyword::Copy, Keyword::Add, Keyword::Onbuild];
    for (idx, inst) in cx.instructions_of(&kinds) {
        let Some(stage) = cx.model.node_stage.get(idx).copied().flatten() else { continue };
        match inst.kind() {
            Keyword::From => {
                if let Some(Base::Stage(p)) = cx.model.stages.get(stage).map(|s| &s.base) {
                    let inherited = workdir_set.get(*p).copied().unwrap_or(false);
                    if let Some(w) = workdir_set.get_mut(stage) {
                        *w = inherited;
                    }
                }
            }
            Keyword::Workdir => {
                if let Some(w) = workdir_set.get_mut(stage) {
                    *w = true;
                }
            }
            _ => {
                if workdir_set.get(stage).copied().unwrap_or(true) {
                    continue;
                }
                one(inst, out);
                if let Some(t) = inst.trigger() {
                    one(t, out);
                }
            }
        }
    }
}

fn is_relative(dest: &str) -> bool {
    let d = drop_quotes(dest);
    let b = d.as_bytes();
    let windows_abs = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    !(d.starts_with('/') || d.starts_with('\\') || windows_abs || d.starts_with('$') || d.is_empty())
}

fn one(inst: InstRef<'_>, out: &mut Sink<'_>) {
    if !matches!(inst.kind(), Keyword::Copy | Keyword::Add) {
        return;
    }
    let Some(copy) = inst.as_copy() else { return };
    let Some((range, dest)) = &copy.dest else { return };
    if is_relative(dest) {
        out.report(
            range.clone(),
            format!(
                "{} to a relative destination without a WORKDIR: it depends on the base image's working directory",
                inst.kind().name()
            ),
        );
    }
}
