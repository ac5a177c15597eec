//! `copy-remote-source`: COPY of a URL or a Git repository.

use crate::rules::buildkit::util::{for_each_source, is_git_source, is_http_source, source_value};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-remote-source",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "COPY names a URL or a Git repository, which only ADD can fetch.",
        docs: "\
**Why**: COPY only copies from the build context or another stage; `docker build` \
fails with \"source can't be a URL for COPY\" or \"source can't be a git ref for \
COPY\".\n\n\
**Example**: `COPY https://example.com/tool.tar.gz /opt/`\n\n\
**Fix**: use ADD for remote sources (`ADD --checksum=sha256:… https://… /opt/`), or \
download in a RUN step.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (node, inst) in cx.instructions_of(&[Keyword::Copy]) {
        if cx.model.node_stage[node].is_none() {
            continue;
        }
        for_each_source(inst, |range, raw| {
            let Some(src) = source_value(cx, node, &raw, inst.inst.escape) else { return };
            if is_git_source(&src) {
                out.report(range, "source can't be a git ref for COPY");
            } else if is_http_source(&src) {
                out.report(range, "source can't be a URL for COPY");
            }
        });
    }
}
