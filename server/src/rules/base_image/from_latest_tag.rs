//! `from-latest-tag` (DL3007): `FROM image:latest`.

use super::{Stages, Written, floating_latest};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-latest-tag",
        aliases: &[Alias::all("DL3007")],
        group: Group::BaseImage,
        default_severity: Some(Severity::Warning),
        summary: "The base image is pinned to `latest`, which moves to each new release.",
        docs: "\
**Why**: `latest` is not a version: the maintainers point it at each new release, so \
rebuilding the same Dockerfile can jump to a new major version without anyone noticing.\n\n\
**Example**: `FROM node:latest`\n\n\
**Fix**: write the version you test against. The quick fix puts in the floating version \
tag `latest` resolves to today (`node:latest` → `node:26`). A reference that also carries \
a digest (`image:latest@sha256:…`) is pinned by the digest and is not reported.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    for (stage, image) in stages.images() {
        if !stage.image_text.contains("latest") {
            continue;
        }
        let written = Written::of(cx, stage);
        // `scratch:latest` is from-nonexistent-tag's (scratch takes no tag at all).
        if written.tag_text.as_deref() != Some("latest")
            || written.digest.is_some()
            || image.digest.is_some()
            || image.res.reserved
        {
            continue;
        }
        let Some(range) = written.tag.clone() else { continue };
        let name = &image.name;
        let tag = floating_latest(name, cx.today);
        let message = match &tag {
            Some(tag) => format!("`latest` moves to each new release; `{name}:latest` is `{name}:{tag}` today"),
            None => "`latest` moves to each new release; pin the version you test against".to_owned(),
        };
        let report = out.report(range, message);
        if let Some((range, text)) = tag.as_deref().and_then(|t| written.tag_edit(t)) {
            let title = format!("Use {name}:{text}");
            report.replace(title, range, text, true);
        }
    }
}
