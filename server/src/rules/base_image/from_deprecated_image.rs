//! `from-deprecated-image`: an official image its maintainers have deprecated.

use super::{Stages, Written};
use crate::images::catalog::{TagStatus, catalog};
use crate::rules::{Context, DiagnosticTag, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-deprecated-image",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Warning),
        summary: "The base image is deprecated by its maintainers.",
        docs: "\
**Why**: a deprecated official image gets no more builds, so its tags stop receiving \
security fixes. `openjdk` is the best-known case: its maintainers point to \
`eclipse-temurin`, `amazoncorretto`, `ibm-semeru-runtimes`, `ibmjava` and `sapmachine`.\n\n\
**Example**: `FROM openjdk:21`\n\n\
**Fix**: move to one of the successors the message names. A quick fix swaps the name \
where the successor publishes the same tag (for an official successor the catalog \
must list it; an image that only moved, such as `rockylinux` → `rockylinux/rockylinux`, \
keeps its tags).",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    for (stage, image) in stages.images() {
        let Some(dep) = &image.res.deprecated else { continue };
        let name = &image.name;
        if !whole_image_deprecated(name, image.res.version.as_deref()) {
            continue;
        }
        let message = match dep.successors.as_slice() {
            [] => match dep.links.first() {
                Some(link) => format!("The `{name}` image is deprecated by its maintainers (see {link})"),
                None => format!("The `{name}` image is deprecated by its maintainers"),
            },
            [one] => format!("The `{name}` image is deprecated; its maintainers point to `{one}`"),
            many => {
                let names: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
                format!("The `{name}` image is deprecated; its maintainers point to {}", names.join(", "))
            }
        };
        let written = Written::of(cx, stage);
        let mut report = out.report(written.name.clone(), message).tag(DiagnosticTag::Deprecated);
        if !written.literal {
            continue;
        }
        let tag = image.tag.as_deref();
        for successor in &dep.successors {
            let keeps_tag = if successor.contains('/') {
                true
            } else {
                let t = tag.unwrap_or("latest");
                catalog().resolve(successor, Some(t), cx.today).tag_status == TagStatus::Current
            };
            if keeps_tag {
                report = report.replace(format!("Use {successor}"), written.name.clone(), successor.clone(), false);
            }
        }
    }
}

/// The catalog marks an image deprecated when its docs carry a deprecation notice;
/// for `amazonlinux` that notice covers only Amazon Linux 1 (`1`, `2018.03`), not
/// Amazon Linux 2023.
fn whole_image_deprecated(name: &str, version: Option<&str>) -> bool {
    match name {
        "amazonlinux" => version.is_some_and(|v| v == "1" || v.starts_with("1.") || v.starts_with("201")),
        _ => true,
    }
}
