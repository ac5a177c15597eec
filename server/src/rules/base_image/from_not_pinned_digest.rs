//! `from-not-pinned-digest` (off by default): a base image referenced by tag only.

use super::{Stages, Written};
use crate::rules::{Context, Group, Rule, RuleMeta, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-not-pinned-digest",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: None,
        summary: "The base image is referenced by tag only, without an `@sha256:` digest.",
        docs: "\
**Why**: a tag is a pointer the publisher moves with every rebuild; only a digest names \
exactly one image, so builds are reproducible and a compromised tag cannot change what \
you ship. The cost is that updates no longer arrive by themselves (a bot such as \
Renovate or Dependabot has to bump the digest).\n\n\
**Example**: `FROM python:3.12-slim` → `FROM python:3.12-slim@sha256:…`\n\n\
**Fix**: add the digest the registry reports for the tag (`docker buildx imagetools \
inspect python:3.12-slim`). There is no quick fix: the offline catalog has no digests. \
Off by default; turn it on with `\"from-not-pinned-digest\": \"hint\"`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    for (stage, image) in stages.images() {
        if image.digest.is_some() || image.res.reserved {
            continue;
        }
        let written = Written::of(cx, stage);
        out.report(
            written.image,
            format!(
                "`{}` is not pinned to a digest; the image behind the tag can change between builds",
                image.display()
            ),
        );
    }
}
