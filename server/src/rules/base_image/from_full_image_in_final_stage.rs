//! `from-full-image-in-final-stage`: the full (buildpack-deps) variant of a language
//! image as the image that ships.

use super::{Resolved, Stages, Written, is_copied_from};
use crate::images::catalog::{TagStatus, VariantKind, catalog};
use crate::images::knowledge::{self, SIZES_AS_OF};
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-full-image-in-final-stage",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Info),
        summary: "The final stage uses the full language image (compilers, -dev headers); the slim variant is far smaller.",
        docs: "\
**Why**: the default tags of language images (`python:3.12`, `node:22`, `ruby:3.4`) are \
built on buildpack-deps: Debian with compilers and hundreds of -dev packages. That is \
right for building, but as the image you ship it is roughly ten times the slim variant \
and carries far more packages to patch.\n\n\
**Example**: `FROM python:3.12` as the last stage.\n\n\
**Fix**: use the `-slim` tag (the quick fix swaps it when the catalog has one), or build \
in a full stage and copy the result into a slim one. Stages other stages copy from are \
builders and are not reported; sizes are approximate compressed downloads.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(last) = cx.model.final_stage() else { return };
    let stages = Stages::new(cx);
    let Some(root) = stages.root_stage(last.index) else { return };
    let Some(image) = stages.own(root) else { return };
    let res = &image.res;
    let toolchain = TOOLCHAIN_IMAGES.contains(&image.name.as_str())
        && matches!(res.variant.kind, VariantKind::Default | VariantKind::Debian { .. });
    if !(res.buildpack_deps || toolchain)
        || !res.official
        || image.digest.is_some()
        || matches!(res.tag_status, TagStatus::Nonexistent { .. } | TagStatus::Unknown)
        || is_copied_from(cx, root)
    {
        return;
    }
    let stage = &cx.model.stages[root];
    let written = Written::of(cx, stage);
    let slim = slim_tag(image, cx.today);
    let sizes = knowledge::image(&image.name).map(|k| {
        let size = |v: &str| k.variants.iter().find(|s| s.variant == v).map(|s| s.approx_compressed_mb);
        (size("default"), size("slim"))
    });
    let mut message = if res.buildpack_deps {
        format!(
            "`{}` is the full image (Debian with compilers and -dev headers, built on buildpack-deps), \
             and it is what this Dockerfile ships",
            image.display()
        )
    } else {
        format!("`{}` is a whole compiler toolchain, and it is what this Dockerfile ships", image.display())
    };
    match (&slim, sizes) {
        (Some(slim), Some((Some(full), Some(small)))) => message.push_str(&format!(
            "; `{}:{slim}` has only the runtime: about {small:.0} MB instead of {full:.0} MB to download \
             (compressed, linux/amd64, approximate as of {SIZES_AS_OF})",
            image.name
        )),
        (Some(slim), _) => message.push_str(&format!("; `{}:{slim}` has only the runtime", image.name)),
        (None, Some((Some(full), _))) => message.push_str(&format!(
            " (about {full:.0} MB to download, compressed, linux/amd64, approximate as of {SIZES_AS_OF}); \
             build here and copy the result into a small runtime image"
        )),
        (None, _) => message.push_str("; build here and copy the result into a small runtime image"),
    }
    let report = out.report(written.tag_or_image(), message);
    if let Some((range, text)) = slim.as_deref().and_then(|s| written.tag_edit(s)) {
        report.replace(format!("Use {}:{}", image.name, text.trim_start_matches(':')), range, text, false);
    }
}

/// Compiler images that are not on buildpack-deps' full variant but are just as
/// much build-only images (no slim variant either).
const TOOLCHAIN_IMAGES: &[&str] = &["golang", "gcc"];

/// The slim tag of the same version and OS release, when the catalog has one.
fn slim_tag(image: &Resolved, today: crate::images::catalog::Date) -> Option<String> {
    let tag = image.tag.as_deref().unwrap_or("latest");
    let res = &image.res;
    let mut candidates = Vec::new();
    match &res.variant.kind {
        _ if tag == "latest" => candidates.push("slim".to_owned()),
        VariantKind::Default => candidates.push(format!("{tag}-slim")),
        VariantKind::Debian { suite } => match tag.strip_suffix(suite.as_str()) {
            Some("") => {
                candidates.push(format!("slim-{suite}"));
                candidates.push(format!("{suite}-slim"));
            }
            Some(version) => {
                candidates.push(format!("{version}slim-{suite}"));
                candidates.push(format!("{version}{suite}-slim"));
            }
            None => {}
        },
        _ => {}
    }
    candidates.into_iter().find(|c| catalog().resolve(&image.name, Some(c), today).tag_status == TagStatus::Current)
}
