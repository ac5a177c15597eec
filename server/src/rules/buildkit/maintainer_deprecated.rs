//! `maintainer-deprecated`: the MAINTAINER instruction.

use crate::rules::{Alias, Context, DiagnosticTag, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "maintainer-deprecated",
        aliases: &[Alias::all("MaintainerDeprecated"), Alias::all("DL4000")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "MAINTAINER is deprecated; use a LABEL.",
        docs: "\
**Why**: `MAINTAINER` has been deprecated since Docker 1.13. Image metadata belongs in \
labels, where tools such as registries and scanners look for it.\n\n\
**Example**: `MAINTAINER Jane Doe <jane@example.com>`\n\n\
**Fix**: `LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"` \
(the quick fix rewrites the line).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions_of(&[Keyword::Maintainer]) {
        let mut report = out
            .report(inst.range(inst.inst.keyword), "Maintainer instruction is deprecated in favor of using label")
            .tag(DiagnosticTag::Deprecated);
        let who = inst.text(inst.inst.args);
        if !who.trim().is_empty() {
            let value = who.trim().replace('\\', "\\\\").replace('"', "\\\"");
            let upper = inst.keyword_text().chars().all(|c| !c.is_ascii_lowercase());
            let label = if upper { "LABEL" } else { "label" };
            report = report.replace(
                "Replace with LABEL org.opencontainers.image.authors",
                inst.full_range(),
                format!("{label} org.opencontainers.image.authors=\"{value}\""),
                true,
            );
        }
        let _ = report;
    }
}
