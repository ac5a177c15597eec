//! `from-untrusted-registry` (DL3026): images from registries outside the configured
//! allow-list.

use crate::model::{Base, StageRefKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::image_ref::ImageRef;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-untrusted-registry",
        aliases: &[Alias::all("DL3026")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Error),
        summary: "An image comes from a registry that is not on the trusted list.",
        docs: "\
**Why**: a team that mirrors or vets its images wants every build to pull from its own \
registries only. This check runs only when `trustedRegistries` is configured.\n\n\
**Example**: with `trustedRegistries: [my-registry.example.com]`, `FROM python:3.13` pulls \
from Docker Hub (`docker.io`, the registry of every name without one) and is reported; so are \
`COPY --from=<image>` and `RUN --mount=from=<image>` when they name an image rather than a stage.\n\n\
**Fix**: use the image from a trusted registry (`FROM my-registry.example.com/python:3.13`) or \
add the registry to the list. `*` trusts everything, `*.example.com` any subdomain, \
`example.com*` any prefix match.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Registry names that all mean Docker Hub.
const HUB_NAMES: [&str; 4] = ["docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io"];

/// Whether an allow-list entry matches a registry host.
fn matches(allowed: &str, registry: &str) -> bool {
    let allowed = allowed.trim();
    if allowed == "*" {
        return true;
    }
    let (a, r) = (allowed.to_ascii_lowercase(), registry.to_ascii_lowercase());
    if let Some(suffix) = a.strip_prefix('*') {
        return r.ends_with(suffix);
    }
    if let Some(prefix) = a.strip_suffix('*') {
        return r.starts_with(prefix);
    }
    a == r
}

fn trusted(list: &[String], registry: &str) -> bool {
    let hub = HUB_NAMES.contains(&registry);
    list.iter().any(|a| if hub { HUB_NAMES.iter().any(|h| matches(a, h)) } else { matches(a, registry) })
}

/// The registry an image reference pulls from (`docker.io` when none is written);
/// `None` when variables hide it or the reference is invalid.
fn registry_of(image: &str) -> Option<(ImageRef, String)> {
    let r = ImageRef::parse(image);
    if r.error.is_some() {
        return None;
    }
    let n = r.normalize(image)?;
    Some((r, n.registry))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let list = &cx.config.trusted_registries;
    if list.is_empty() {
        return;
    }
    let shown = list.join(", ");
    let report = |out: &mut Sink<'_>, range, registry: &str, image: &str| {
        out.report(
            range,
            format!("Image `{image}` comes from `{registry}`, which is not a trusted registry (trusted: {shown})"),
        );
    };
    for stage in &cx.model.stages {
        if stage.base != Base::Image {
            continue;
        }
        let Some(image) = stage.image.as_deref() else { continue };
        let Some((r, registry)) = registry_of(image) else { continue };
        if trusted(list, &registry) {
            continue;
        }
        // Point at the registry part when the text is the reference as written.
        let range = match &r.registry {
            Some(reg) if stage.image_text == image => {
                stage.image_range.start + reg.start..stage.image_range.start + reg.end
            }
            _ => stage.image_range.clone(),
        };
        report(out, range, &registry, image);
    }
    for sr in &cx.model.stage_refs {
        if sr.kind == StageRefKind::FromBase || sr.target.is_some() || sr.by_index || sr.text.contains('$') {
            continue;
        }
        if sr.kind == StageRefKind::MountFrom {
            // Only bind and cache mounts read from an image (`from=` is invalid elsewhere).
            let kind = cx.inst(sr.node).mounts().into_iter().find(|m| m.from.as_ref().is_some_and(|f| f.0 == sr.range));
            let bindish = kind.and_then(|m| m.spec).is_some_and(|s| s.kind == "bind" || s.kind == "cache");
            if !bindish {
                continue;
            }
        }
        let Some((_, registry)) = registry_of(&sr.text) else { continue };
        if !trusted(list, &registry) {
            report(out, sr.range.clone(), &registry, &sr.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_patterns() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(trusted(&list(&["docker.io"]), "docker.io"));
        assert!(trusted(&list(&["hub.docker.com"]), "docker.io"));
        assert!(!trusted(&list(&["docker.io"]), "ghcr.io"));
        assert!(trusted(&list(&["*.gcr.io"]), "eu.gcr.io"));
        assert!(!trusted(&list(&["*.gcr.io"]), "gcr.io"));
        assert!(trusted(&list(&["my-registry*"]), "my-registry.example.com:5000"));
        assert!(trusted(&list(&["*"]), "quay.io"));
        assert!(trusted(&list(&["Quay.IO"]), "quay.io"));
        assert!(trusted(&list(&["localhost:5000"]), "localhost:5000"));
        assert!(!trusted(&list(&["localhost:5000"]), "localhost"));
    }
}
