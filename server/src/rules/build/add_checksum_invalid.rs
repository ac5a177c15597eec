//! `add-checksum-invalid`: `ADD --checksum` with several sources or a local one.

use crate::rules::buildkit::util::{expand_known, is_git_source, is_http_source, source_value};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-checksum-invalid",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "ADD --checksum is used with several sources or with a local file.",
        docs: "\
**Why**: the checksum verifies one download; `docker build` fails with \"checksum \
can't be specified for multiple sources\" or \"checksum requires HTTP(S) or Git \
sources\".\n\n\
**Example**: `ADD --checksum=sha256:… app.tar.gz /opt/`\n\n\
**Fix**: one ADD per downloaded file; drop `--checksum` for files from the build context.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (node, inst) in cx.instructions_of(&[Keyword::Add]) {
        if cx.model.node_stage[node].is_none() {
            continue;
        }
        let Some(flag) = inst.flag("checksum") else { continue };
        let Some(value) = inst.flag_value(flag) else { continue };
        if expand_known(cx, node, &value, inst.inst.escape).is_some_and(|v| v.is_empty()) {
            continue;
        }
        let Some(copy) = inst.as_copy() else { continue };
        let paths: Vec<_> = copy
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| !copy.heredoc_sources.contains(i))
            .map(|(_, s)| s)
            .collect();
        if paths.len() != 1 {
            out.report(inst.range(flag.span), "checksum can't be specified for multiple sources");
            continue;
        }
        let (range, raw) = paths[0];
        let Some(src) = source_value(cx, node, raw, inst.inst.escape) else { continue };
        if !is_http_source(&src) && !is_git_source(&src) {
            out.report(range.clone(), "checksum requires HTTP(S) or Git sources");
        }
    }
}
