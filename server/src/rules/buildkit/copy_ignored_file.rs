//! `copy-ignored-file`: a COPY/ADD source that `.dockerignore` excludes.

use super::util::{for_each_source, go_quote, is_git_source, is_http_source, source_value};
use crate::rules::dockerignore::clean;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-ignored-file",
        aliases: &[Alias::all("CopyIgnoredFile")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A COPY or ADD source is excluded by `.dockerignore`.",
        docs: "\
**Why**: files matched by `.dockerignore` never reach the builder, so copying them \
fails or copies less than intended.\n\n\
**Example**: `.dockerignore` has `*.env`; the Dockerfile says `COPY app.env /etc/app/`\n\n\
**Fix**: copy something else, or stop ignoring the file. The `.dockerignore` next to \
the Dockerfile is used (`<name>.dockerignore` first); as in BuildKit the check is \
skipped when it has `!` exceptions, and sources of `COPY --from` are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(ignore) = cx.copy_ignore() else { return };
    for (node, inst) in cx.instructions_of(&[Keyword::Copy, Keyword::Add]) {
        let verb = match inst.kind() {
            Keyword::Copy if inst.flag("from").is_none() => "Copy",
            Keyword::Add => "Add",
            _ => continue,
        };
        if cx.model.node_stage[node].is_none() {
            continue;
        }
        for_each_source(inst, |range, raw| {
            let Some(p) = source_value(cx, node, &raw, inst.inst.escape) else { return };
            if is_http_source(&p) || is_git_source(&p) {
                return;
            }
            let src = clean(&p);
            if (src == "." || src == "/") && !ignore.root_ignored() {
                return;
            }
            if ignore.matches_or_parent_matches(&src) == Ok(true) {
                out.report(
                    range,
                    format!("Attempting to {verb} file {} that is excluded by .dockerignore", go_quote(&src)),
                );
            }
        });
    }
}
