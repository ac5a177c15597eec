//! `copy-ignored-file`: a COPY/ADD source that `.dockerignore` excludes.

use super::util::{go_quote, is_git_source, is_http_source, process_word};
use crate::rules::dockerignore::{DockerIgnore, clean};
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
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(text) = cx.inputs.dockerignore else { return };
    let Some(ignore) = DockerIgnore::parse(text) else { return };
    if ignore.is_empty() || ignore.has_exclusions() {
        return;
    }
    for (node, inst) in cx.instructions() {
        let verb = match inst.kind() {
            Keyword::Copy if inst.flag("from").is_none() => "Copy",
            Keyword::Add => "Add",
            _ => continue,
        };
        if cx.model.node_stage[node].is_none() {
            continue;
        }
        let Some(copy) = inst.as_copy() else { continue };
        let stage = cx.model.node_stage[node];
        let lookup = |name: &str| cx.model.value_at(name, node, stage, &cx.inputs.build_args);
        for (i, (range, raw)) in copy.sources.iter().enumerate() {
            if copy.heredoc_sources.contains(&i) {
                continue;
            }
            let p = if inst.inst.exec.is_some() {
                super::util::Processed { text: raw.to_string(), unresolved: raw.contains('$') }
            } else {
                process_word(raw, inst.inst.escape, &lookup)
            };
            if p.unresolved || is_http_source(&p.text) || is_git_source(&p.text) {
                continue;
            }
            let src = clean(&p.text);
            if (src == "." || src == "/") && !ignore.root_ignored() {
                continue;
            }
            if ignore.matches_or_parent_matches(&src) == Ok(true) {
                out.report(
                    range.clone(),
                    format!("Attempting to {verb} file {} that is excluded by .dockerignore", go_quote(&src)),
                );
            }
        }
    }
}
