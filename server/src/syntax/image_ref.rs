//! Image references (`[registry/][namespace/]name[:tag][@digest]`) per the distribution
//! reference grammar, with a range for each part. Parts that contain `$` are kept
//! unresolved and not validated.

use std::ops::Range;

/// The Docker Hub registry name after normalisation.
pub const DOCKER_HUB: &str = "docker.io";

/// A parsed image reference; ranges are relative to the text given to [`ImageRef::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry host (and port) as written, when the first component names one.
    pub registry: Option<Range<usize>>,
    /// Repository path without the registry (`library/python`, `org/team/app`).
    pub path: Range<usize>,
    /// The path before its last component, if any.
    pub namespace: Option<Range<usize>>,
    /// The last path component.
    pub name: Range<usize>,
    /// Tag without `:`.
    pub tag: Option<Range<usize>>,
    /// Digest without `@` (`sha256:…`).
    pub digest: Option<Range<usize>>,
    /// Some part contains a variable.
    pub has_vars: bool,
    /// Why the reference is invalid, with the offending range.
    pub error: Option<(Range<usize>, String)>,
}

/// A reference with Docker's defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizedRef {
    /// `docker.io` for Docker Hub.
    pub registry: String,
    /// `library/python` for official images.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl NormalizedRef {
    pub fn is_docker_hub(&self) -> bool {
        self.registry == DOCKER_HUB
    }

    /// An official Docker Hub image (`library/…`).
    pub fn is_official(&self) -> bool {
        self.is_docker_hub() && self.repository.starts_with("library/") && !self.repository[8..].contains('/')
    }

    /// The short name people write: `python` for official images, `org/app` for other
    /// Hub images, `ghcr.io/org/app` elsewhere.
    pub fn short_name(&self) -> String {
        if self.is_official() {
            self.repository[8..].to_string()
        } else if self.is_docker_hub() {
            self.repository.clone()
        } else {
            format!("{}/{}", self.registry, self.repository)
        }
    }
}

fn is_registry_component(first: &str) -> bool {
    first.contains('.') || first.contains(':') || first == "localhost" || first.chars().any(|c| c.is_ascii_uppercase())
}

impl ImageRef {
    /// Parses a reference. Never fails: an invalid reference carries `error`.
    pub fn parse(text: &str) -> ImageRef {
        let len = text.len();
        // One pass over the bytes: the first '@' ends the name and tag (a digest never
        // contains '@'); before it, the first and last '/' and the last ':'.
        let (mut at, mut first_slash, mut last_slash, mut last_colon, mut has_vars) = (None, None, None, None, false);
        for (i, &c) in text.as_bytes().iter().enumerate() {
            match c {
                b'$' => has_vars = true,
                _ if at.is_some() => {}
                b'@' => at = Some(i),
                b'/' => {
                    first_slash = first_slash.or(Some(i));
                    last_slash = Some(i);
                }
                b':' => last_colon = Some(i),
                _ => {}
            }
        }
        let (name_tag_end, digest) = match at {
            Some(at) => (at, Some(at + 1..len)),
            None => (len, None),
        };
        // Tag: after the last ':' that follows the last '/'.
        let tag_colon = last_colon.filter(|&c| last_slash.is_none_or(|s| c > s));
        let (name_end, tag) = match tag_colon {
            Some(c) => (c, Some(c + 1..name_tag_end)),
            None => (name_tag_end, None),
        };
        // The first '/' lies before the tag's ':' (which follows the last one).
        let (registry, path_start) = match first_slash {
            Some(slash) if is_registry_component(&text[..slash]) => (Some(0..slash), slash + 1),
            _ => (None, 0),
        };
        let path = path_start..name_end;
        let (namespace, name) = match last_slash.filter(|&l| l >= path_start) {
            Some(l) => (Some(path_start..l), l + 1..name_end),
            None => (None, path.clone()),
        };
        let mut r = ImageRef { registry, path, namespace, name, tag, digest, has_vars, error: None };
        r.error = r.validate(text);
        r
    }

    fn validate(&self, text: &str) -> Option<(Range<usize>, String)> {
        let invalid = |range: Range<usize>, msg: &str| Some((range, msg.to_string()));
        if text.is_empty() {
            return invalid(0..0, "invalid reference format: repository name must have at least one component");
        }
        if let Some(reg) = &self.registry {
            let host = &text[reg.clone()];
            if !host.contains('$') && !valid_host(host) {
                return invalid(reg.clone(), "invalid reference format");
            }
        }
        let path = &text[self.path.clone()];
        if !path.contains('$') {
            if path.is_empty() {
                return invalid(
                    self.path.clone(),
                    "invalid reference format: repository name must have at least one component",
                );
            }
            if path.bytes().any(|c| c.is_ascii_uppercase()) {
                return invalid(self.path.clone(), "invalid reference format: repository name must be lowercase");
            }
            if !path.split('/').all(valid_path_component) {
                return invalid(self.path.clone(), "invalid reference format");
            }
        }
        if self.registry.as_ref().map_or(0, |r| r.len() + 1) + path.len() > 255 {
            return invalid(
                0..self.path.end,
                "invalid reference format: repository name must not be more than 255 characters",
            );
        }
        if let Some(tag) = &self.tag {
            let t = &text[tag.clone()];
            if !t.contains('$') && !valid_tag(t) {
                return invalid(tag.clone(), "invalid reference format");
            }
        }
        if let Some(d) = &self.digest {
            let dg = &text[d.clone()];
            if !dg.contains('$') {
                if let Some(msg) = digest_error(dg) {
                    return invalid(d.clone(), msg);
                }
            }
        }
        None
    }

    /// Fills in Docker's defaults. `None` when the name part still has variables.
    pub fn normalize(&self, text: &str) -> Option<NormalizedRef> {
        let reg = self.registry.as_ref().map(|r| &text[r.clone()]);
        let path = &text[self.path.clone()];
        if path.contains('$') || reg.is_some_and(|r| r.contains('$')) {
            return None;
        }
        let registry = match reg {
            None | Some("index.docker.io" | "registry-1.docker.io" | "docker.io") => DOCKER_HUB.to_string(),
            Some(r) => r.to_string(),
        };
        let repository =
            if registry == DOCKER_HUB && !path.contains('/') { format!("library/{path}") } else { path.to_string() };
        Some(NormalizedRef {
            registry,
            repository,
            tag: self.tag.as_ref().map(|t| text[t.clone()].to_string()),
            digest: self.digest.as_ref().map(|d| text[d.clone()].to_string()),
        })
    }
}

fn valid_host(host: &str) -> bool {
    let (name, port) = if host.starts_with('[') {
        match host.find(']') {
            Some(e) => (&host[..=e], host[e + 1..].strip_prefix(':')),
            None => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if name.starts_with('[') {
        return name.len() > 2
            && name[1..name.len() - 1].bytes().all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.');
    }
    !name.is_empty()
        && name.split('.').all(|c| {
            !c.is_empty()
                && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !c.starts_with('-')
                && !c.ends_with('-')
        })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_lowercase() || b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let sep_start = i;
        while i < b.len() && matches!(b[i], b'.' | b'_' | b'-') {
            i += 1;
        }
        let sep = &c[sep_start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) || sep.is_empty() {
            return false;
        }
    }
    true
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

fn digest_error(d: &str) -> Option<&'static str> {
    let Some((alg, hex)) = d.split_once(':') else {
        return Some("invalid reference format");
    };
    let alg_ok = !alg.is_empty()
        && alg.split(['+', '.', '-', '_']).all(|c| {
            let b = c.as_bytes();
            !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(u8::is_ascii_alphanumeric)
        });
    if !alg_ok || hex.len() < 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Some("invalid reference format");
    }
    let want = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return None,
    };
    if hex.len() != want {
        return Some("invalid checksum digest length");
    }
    if hex.bytes().any(|c| c.is_ascii_uppercase()) {
        return Some("invalid checksum digest format");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The parts as the grammar's wording reads them, one `str` search each: digest
    /// after the first `@`; tag after the last `:` that follows the last `/`; registry
    /// before the first `/` when it looks like a host; namespace before the last `/`.
    #[allow(clippy::type_complexity)]
    fn parts_by_searches(
        text: &str,
    ) -> (
        Option<Range<usize>>,
        Range<usize>,
        Option<Range<usize>>,
        Range<usize>,
        Option<Range<usize>>,
        Option<Range<usize>>,
        bool,
    ) {
        let (name_tag_end, digest) = match text.find('@') {
            Some(at) => (at, Some(at + 1..text.len())),
            None => (text.len(), None),
        };
        let name_tag = &text[..name_tag_end];
        let last_slash = name_tag.rfind('/');
        let (name_end, tag) = match name_tag.rfind(':').filter(|&c| last_slash.is_none_or(|s| c > s)) {
            Some(c) => (c, Some(c + 1..name_tag_end)),
            None => (name_tag_end, None),
        };
        let (registry, path_start) = match text[..name_end].find('/') {
            Some(slash) if is_registry_component(&text[..slash]) => (Some(0..slash), slash + 1),
            _ => (None, 0),
        };
        let (namespace, name) = match text[path_start..name_end].rfind('/').map(|i| path_start + i) {
            Some(l) => (Some(path_start..l), l + 1..name_end),
            None => (None, path_start..name_end),
        };
        (registry, path_start..name_end, namespace, name, tag, digest, text.contains('$'))
    }

    proptest! {
        #[test]
        fn one_pass_split_equals_the_searches(text in "[a-zA-Z0-9.:/@$_{}-]{0,24}") {
            let r = ImageRef::parse(&text);
            prop_assert_eq!(
                (r.registry, r.path, r.namespace, r.name, r.tag, r.digest, r.has_vars),
                parts_by_searches(&text)
            );
        }
    }

    fn parts(text: &str) -> (Option<&str>, &str, Option<&str>, Option<&str>) {
        let r = ImageRef::parse(text);
        (r.registry.map(|x| &text[x]), &text[r.path.clone()], r.tag.map(|x| &text[x]), r.digest.map(|x| &text[x]))
    }

    #[test]
    fn splits_parts() {
        assert_eq!(parts("python:3.12-slim"), (None, "python", Some("3.12-slim"), None));
        assert_eq!(parts("localhost:5000/app"), (Some("localhost:5000"), "app", None, None));
        assert_eq!(parts("localhost:5000/app:1"), (Some("localhost:5000"), "app", Some("1"), None));
        assert_eq!(
            parts("ghcr.io/org/team/app:v1@sha256:abc"),
            (Some("ghcr.io"), "org/team/app", Some("v1"), Some("sha256:abc"))
        );
        assert_eq!(parts("bitnami/redis"), (None, "bitnami/redis", None, None));
        // A variable first component is most often a registry (`${REGISTRY}/app`).
        assert_eq!(parts("${REG}/app:${TAG}"), (Some("${REG}"), "app", Some("${TAG}"), None));
    }

    #[test]
    fn normalises_like_docker() {
        let n = |t: &str| {
            ImageRef::parse(t).normalize(t).map(|n| (n.registry.clone(), n.repository.clone(), n.short_name()))
        };
        assert_eq!(n("python"), Some(("docker.io".into(), "library/python".into(), "python".into())));
        assert_eq!(n("docker.io/library/python"), Some(("docker.io".into(), "library/python".into(), "python".into())));
        assert_eq!(
            n("index.docker.io/bitnami/redis"),
            Some(("docker.io".into(), "bitnami/redis".into(), "bitnami/redis".into()))
        );
        assert_eq!(
            n("gcr.io/distroless/static"),
            Some(("gcr.io".into(), "distroless/static".into(), "gcr.io/distroless/static".into()))
        );
        assert_eq!(n("$BASE"), None);
    }

    #[test]
    fn validates() {
        let e = |t: &str| ImageRef::parse(t).error.map(|(_, m)| m);
        assert_eq!(e("python:3.12"), None);
        assert_eq!(e("Python:3.12").as_deref(), Some("invalid reference format: repository name must be lowercase"));
        assert_eq!(e("python:-x").as_deref(), Some("invalid reference format"));
        assert_eq!(e("a//b").as_deref(), Some("invalid reference format"));
        assert_eq!(e(&format!("alpine@sha256:{}", "a".repeat(64))), None);
        assert_eq!(e("alpine@sha256:abcd").as_deref(), Some("invalid reference format"));
        assert_eq!(e(&format!("alpine@sha256:{}", "a".repeat(40))).as_deref(), Some("invalid checksum digest length"));
        assert_eq!(e("${IMAGE}:${TAG}"), None, "variables are not validated");
        assert_eq!(e("my_app__x.y-z"), None);
    }
}
