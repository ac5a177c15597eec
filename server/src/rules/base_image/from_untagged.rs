//! `from-untagged` (DL3006): `FROM image` with neither a tag nor a digest.

use std::collections::HashMap;

use super::{Written, floating_latest};
use crate::model::Base;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::image_ref::ImageRef;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-untagged",
        aliases: &[Alias::all("DL3006")],
        group: Group::BaseImage,
        default_severity: Some(Severity::Warning),
        summary: "The base image has no tag, so it means whatever `latest` is on build day.",
        docs: "\
**Why**: without a tag Docker pulls `latest`, which its maintainers move to each new \
release: the same Dockerfile builds on a different base from one month to the next, and \
a major upgrade can arrive unannounced.\n\n\
**Example**: `FROM python`\n\n\
**Fix**: name a version. The quick fix writes the floating version tag that `latest` \
points at today (`python` → `python:3.14`): it still gets patch releases, but not the \
next major or minor version. `scratch`, earlier stage names and references that start \
with a variable are not reported.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut floating: HashMap<String, Option<String>> = HashMap::new();
    for stage in &cx.model.stages {
        if stage.base != Base::Image || stage.image_text.starts_with('$') {
            continue;
        }
        let Some(image) = stage.image.as_deref() else { continue };
        // Fast path: a digest, or a `:` after the last `/`, is a tag or digest.
        let last = image.rsplit('/').next().unwrap_or(image);
        if last.contains([':', '@']) {
            continue;
        }
        let parsed = ImageRef::parse(image);
        if parsed.error.is_some() || parsed.tag.is_some() || parsed.digest.is_some() {
            continue;
        }
        let Some(norm) = parsed.normalize(image) else { continue };
        let name = norm.short_name();
        let written = Written::of(cx, stage);
        let tag = floating.entry(name.clone()).or_insert_with(|| floating_latest(&name, cx.today)).clone();
        let message = match &tag {
            Some(tag) => format!(
                "`{name}` has no tag, so it means `{name}:latest`, which moves to each new release; \
                 today that is `{name}:{tag}`"
            ),
            None => format!("`{name}` has no tag, so it means `{name}:latest`, which moves to each new release"),
        };
        let report = out.report(written.image.clone(), message);
        if let Some((range, text)) = tag.as_deref().and_then(|t| written.tag_edit(t)) {
            let title = format!("Use {name}{text}");
            report.replace(title, range, text, true);
        }
    }
}
