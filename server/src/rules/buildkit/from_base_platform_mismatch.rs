//! `from-base-platform-mismatch`: the base image is not published for the platform
//! FROM --platform asks for.

use super::platform;
use crate::images::catalog::{TagStatus, catalog};
use crate::model::Base;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::image_ref::ImageRef;
use crate::syntax::vars::scan;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-base-platform-mismatch",
        aliases: &[Alias::all("InvalidBaseImagePlatform")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "The base image is not published for the platform FROM --platform names.",
        docs: "\
**Why**: BuildKit warns when the image it pulled has another OS or architecture than the \
build expects; the stage then runs under emulation or not at all. That needs the pulled \
image, so this check only speaks when the data at hand can tell: a constant \
`--platform` and an official image whose tag the embedded catalog knows, published for \
other platforms only. Without such data it stays silent.\n\n\
**Example**: `FROM --platform=linux/s390x mcr-only-amd64-image:tag`\n\n\
**Fix**: pick a tag published for that platform, or drop `--platform`.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for stage in &cx.model.stages {
        if stage.base != Base::Image {
            continue;
        }
        let inst = cx.inst(stage.node);
        let Some(flag) = inst.flag("platform") else { continue };
        let Some(value) = inst.flag_value(flag) else { continue };
        if !scan(&value, inst.inst.escape, true).refs.is_empty() {
            continue;
        }
        let Some(wanted) = platform::parse(&value) else { continue };
        let Some(image) = stage.image.as_deref() else { continue };
        let r = ImageRef::parse(image);
        if r.error.is_some() || r.digest.is_some() {
            continue;
        }
        let Some(norm) = r.normalize(image) else { continue };
        if !norm.is_official() {
            continue;
        }
        let res = catalog().resolve(&norm.short_name(), norm.tag.as_deref(), cx.today);
        if res.tag_status != TagStatus::Current {
            continue;
        }
        // An architecture we cannot map means we cannot tell.
        let Some(mapped) = res.architectures.iter().map(|a| platform::from_bashbrew(a)).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let mut published: Vec<(&str, &str)> = Vec::new();
        for p in mapped {
            if !published.contains(&p) {
                published.push(p);
            }
        }
        if published.is_empty() || published.iter().any(|(os, arch)| *os == wanted.os && *arch == wanted.arch) {
            continue;
        }
        let list: Vec<String> = published.iter().map(|(os, arch)| format!("{os}/{arch}")).collect();
        out.report(
            stage.image_range.clone(),
            format!(
                "Base image {image} is not published for platform \"{}/{}\" (only for {})",
                wanted.os,
                wanted.arch,
                list.join(", ")
            ),
        );
    }
}
