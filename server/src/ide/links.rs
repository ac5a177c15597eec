//! Document links: image references to their registry's page, the `# syntax=` image,
//! and build-context paths in COPY/ADD sources.

use crate::syntax::image_ref::{ImageRef, NormalizedRef};
use crate::syntax::{DirectiveKind, Keyword, TextRange};

use super::Doc;

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    Url(String),
    /// A path in the build context (relative); the protocol layer resolves it to a
    /// file when it exists.
    ContextPath(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: TextRange,
    pub target: LinkTarget,
    pub tooltip: String,
}

/// The web page of an image on its registry, for registries with public pages.
pub fn registry_page(r: &NormalizedRef) -> Option<String> {
    let repo = r.repository.as_str();
    match r.registry.as_str() {
        "docker.io" => Some(match repo.strip_prefix("library/") {
            Some(name) if !name.contains('/') => format!("https://hub.docker.com/_/{name}"),
            _ => format!("https://hub.docker.com/r/{repo}"),
        }),
        "ghcr.io" => Some(format!("https://ghcr.io/{repo}")),
        "quay.io" => Some(format!("https://quay.io/repository/{repo}")),
        "mcr.microsoft.com" => Some(format!("https://mcr.microsoft.com/artifact/mar/{repo}")),
        "gcr.io" | "us.gcr.io" | "eu.gcr.io" | "asia.gcr.io" => {
            if repo.starts_with("distroless/") {
                Some("https://github.com/GoogleContainerTools/distroless".to_string())
            } else {
                let (project, image) = repo.split_once('/')?;
                Some(format!("https://console.cloud.google.com/gcr/images/{project}/global/{image}"))
            }
        }
        "cgr.dev" => {
            let name = repo.rsplit('/').next()?;
            Some(format!("https://images.chainguard.dev/directory/image/{name}/overview"))
        }
        "registry.access.redhat.com" | "registry.redhat.io" => {
            Some(format!("https://catalog.redhat.com/software/containers/search?q={}", repo.replace('/', "%2F")))
        }
        "public.ecr.aws" => Some(format!("https://gallery.ecr.aws/{repo}")),
        _ => None,
    }
}

fn is_remote_source(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") || s.contains("://")
}

/// All links in a document.
pub fn document_links(doc: &Doc<'_>) -> Vec<Link> {
    let mut out = Vec::new();
    if let Some(d) = doc.tree.directive(DirectiveKind::Syntax) {
        let text = &doc.text[d.value.clone()];
        let word = text.split_whitespace().next().unwrap_or("");
        let r = ImageRef::parse(word);
        if let Some(url) = r.normalize(word).as_ref().and_then(registry_page) {
            let at = d.value.start;
            out.push(Link {
                range: at + r.path.start..at + r.path.end,
                target: LinkTarget::Url(url),
                tooltip: "Open the frontend image's page".into(),
            });
        }
    }
    for (idx, stage) in doc.model.stages.iter().enumerate() {
        let _ = idx;
        if !matches!(stage.base, crate::model::Base::Image) || stage.image_text.contains('$') {
            continue;
        }
        let r = ImageRef::parse(&stage.image_text);
        if r.error.is_some() {
            continue;
        }
        if let Some(url) = r.normalize(&stage.image_text).as_ref().and_then(registry_page) {
            let start = stage.image_range.start;
            out.push(Link {
                range: start + r.path.start..start + r.path.end,
                target: LinkTarget::Url(url),
                tooltip: "Open the image's registry page".into(),
            });
        }
    }
    for r in &doc.model.stage_refs {
        if r.target.is_some() || r.by_index || r.text.contains('$') {
            continue;
        }
        let parsed = ImageRef::parse(&r.text);
        if parsed.error.is_none() && (r.text.contains(':') || r.text.contains('/')) {
            if let Some(url) = parsed.normalize(&r.text).as_ref().and_then(registry_page) {
                out.push(Link {
                    range: r.range.start + parsed.path.start..r.range.start + parsed.path.end,
                    target: LinkTarget::Url(url),
                    tooltip: "Open the image's registry page".into(),
                });
            }
        }
    }
    for node in &doc.tree.nodes {
        let inst = node.view(doc.text);
        if !matches!(inst.kind(), Keyword::Copy | Keyword::Add) {
            continue;
        }
        let Some(copy) = inst.as_copy() else { continue };
        if copy.from.is_some() {
            continue;
        }
        for (i, (range, src)) in copy.sources.iter().enumerate() {
            if copy.heredoc_sources.contains(&i) || src.contains('$') || is_remote_source(src) || src.is_empty() {
                continue;
            }
            out.push(Link {
                range: range.clone(),
                target: LinkTarget::ContextPath(src.to_string()),
                tooltip: "Open in the build context".into(),
            });
        }
    }
    out.sort_by_key(|l| l.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    #[test]
    fn links_by_registry() {
        let text = "# syntax=docker/dockerfile:1\nFROM python:3.12 AS a\nFROM bitnami/redis\nFROM ghcr.io/org/app:1\nFROM registry.internal:5000/team/app\nFROM a\nCOPY --from=nginx:1 /x /y\nCOPY src/ http://x/y /dst/\n";
        let links = with_doc(text, document_links);
        let shown: Vec<String> = links
            .iter()
            .map(|l| match &l.target {
                LinkTarget::Url(u) => format!("{} -> {u}", &text[l.range.clone()]),
                LinkTarget::ContextPath(p) => format!("{} -> context:{p}", &text[l.range.clone()]),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "docker/dockerfile -> https://hub.docker.com/r/docker/dockerfile",
                "python -> https://hub.docker.com/_/python",
                "bitnami/redis -> https://hub.docker.com/r/bitnami/redis",
                "org/app -> https://ghcr.io/org/app",
                "nginx -> https://hub.docker.com/_/nginx",
                "src/ -> context:src/",
            ]
        );
    }
}
