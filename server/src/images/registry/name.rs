//! Which repository on which registry: the key for lookups and caches.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::RegistryError;

/// A repository on a registry, without tag or digest.
///
/// `registry` is a host with optional port (`docker.io`, `ghcr.io`, `localhost:5000`);
/// `repository` is the path (`library/python`, `org/app`). Docker Hub normalisation
/// (`python` → `docker.io/library/python`) is the image-reference parser's job;
/// [`ImageName::parse_simple`] does the common cases for tests and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ImageName {
    pub registry: String,
    pub repository: String,
}

/// Host names that all mean Docker Hub.
const HUB_ALIASES: [&str; 3] = ["docker.io", "index.docker.io", "registry-1.docker.io"];

impl ImageName {
    pub fn new(registry: impl Into<String>, repository: impl Into<String>) -> Self {
        ImageName { registry: registry.into(), repository: repository.into() }
    }

    /// Splits `[registry/]repository[:tag][@digest]` the way `docker pull` does and
    /// drops tag and digest: `python` → `docker.io/library/python`, `org/app` →
    /// `docker.io/org/app`, `ghcr.io/org/app:1` → `ghcr.io/org/app`. The first path
    /// component is a registry when it has a `.` or `:` or is `localhost`.
    pub fn parse_simple(reference: &str) -> Result<ImageName, RegistryError> {
        let invalid = |reason| RegistryError::InvalidName { name: reference.to_string(), reason };
        let without_digest = reference.split('@').next().unwrap_or(reference);
        let without_tag = match without_digest.rfind(':') {
            Some(colon) if !without_digest[colon..].contains('/') => &without_digest[..colon],
            _ => without_digest,
        };
        if without_tag.is_empty() {
            return Err(invalid("empty name"));
        }
        let (registry, repository) = match without_tag.split_once('/') {
            Some((first, rest)) if first.contains('.') || first.contains(':') || first == "localhost" => {
                (first.to_string(), rest.to_string())
            }
            _ => ("docker.io".to_string(), without_tag.to_string()),
        };
        let mut name = ImageName::new(registry, repository);
        name = name.canonical();
        name.validate()?;
        Ok(name)
    }

    /// Docker Hub under any of its names.
    pub fn is_docker_hub(&self) -> bool {
        HUB_ALIASES.iter().any(|alias| self.registry.eq_ignore_ascii_case(alias))
    }

    /// The form used as cache key: lower-case registry, Hub aliases folded into
    /// `docker.io`, and single-component Hub names under `library/`.
    pub fn canonical(&self) -> ImageName {
        if self.is_docker_hub() {
            let repository = if self.repository.contains('/') {
                self.repository.clone()
            } else {
                format!("library/{}", self.repository)
            };
            ImageName::new("docker.io", repository)
        } else {
            ImageName::new(self.registry.to_ascii_lowercase(), self.repository.clone())
        }
    }

    /// Rejects anything that could not be a registry host or repository path, so
    /// nothing odd (`..`, `?`, `#`, spaces) ends up inside a URL.
    pub fn validate(&self) -> Result<(), RegistryError> {
        let invalid = |reason| RegistryError::InvalidName { name: self.to_string(), reason };
        let host_ok = !self.registry.is_empty()
            && self.registry.len() <= 255
            && self
                .registry
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
            && !self.registry.starts_with(['.', '-', ':']);
        if !host_ok {
            return Err(invalid("not a registry host"));
        }
        if self.repository.is_empty() || self.repository.len() > 255 {
            return Err(invalid("repository must be 1 to 255 characters"));
        }
        if !self.repository.split('/').all(valid_path_component) {
            return Err(invalid(
                "repository components must be lower-case letters and digits separated by '.', '_' or '-'",
            ));
        }
        Ok(())
    }
}

/// `[a-z0-9]+` groups joined by `.`, `_`, `__` or runs of `-` (the distribution grammar,
/// slightly relaxed on separator runs).
fn valid_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    alnum(first)
        && alnum(last)
        && bytes.iter().all(|b| alnum(b) || matches!(b, b'.' | b'_' | b'-'))
        && !component.contains("..")
}

/// A tag as the distribution spec allows it: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
pub(crate) fn validate_tag(tag: &str) -> Result<(), RegistryError> {
    let bytes = tag.as_bytes();
    let ok = matches!(bytes.first(), Some(b) if b.is_ascii_alphanumeric() || *b == b'_')
        && bytes.len() <= 128
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok { Ok(()) } else { Err(RegistryError::InvalidTag { tag: tag.to_string() }) }
}

impl fmt::Display for ImageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> String {
        match ImageName::parse_simple(s) {
            Ok(name) => name.to_string(),
            Err(err) => format!("error: {err}"),
        }
    }

    #[test]
    fn parse_simple_follows_docker_defaults() {
        assert_eq!(parse("python"), "docker.io/library/python");
        assert_eq!(parse("python:3.12-slim"), "docker.io/library/python");
        assert_eq!(parse("bitnami/redis@sha256:abcd"), "docker.io/bitnami/redis");
        assert_eq!(parse("ghcr.io/org/app:1.0"), "ghcr.io/org/app");
        assert_eq!(parse("localhost:5000/team/app:dev"), "localhost:5000/team/app");
        assert_eq!(parse("localhost/app"), "localhost/app");
        assert_eq!(parse("index.docker.io/nginx"), "docker.io/library/nginx");
        assert_eq!(parse("Registry.Example.com/app"), "registry.example.com/app");
    }

    #[test]
    fn names_that_would_escape_the_url_are_rejected() {
        assert!(parse("").starts_with("error"));
        assert!(parse("Python").starts_with("error"));
        assert!(parse("ghcr.io/org/../admin").starts_with("error"));
        assert!(parse("ghcr.io/org/app?x=1").starts_with("error"));
        assert!(parse("ghcr.io/org//app").starts_with("error"));
        assert!(parse("ghcr.io/org/app-").starts_with("error"));
        assert!(ImageName::new("evil.com/x", "app").validate().is_err());
        assert!(ImageName::new("host with space", "app").validate().is_err());
    }

    #[test]
    fn tags_follow_the_distribution_grammar() {
        assert!(validate_tag("3.12-slim-bookworm").is_ok());
        assert!(validate_tag("_private").is_ok());
        assert!(validate_tag("").is_err());
        assert!(validate_tag(".hidden").is_err());
        assert!(validate_tag("a/b").is_err());
        assert!(validate_tag(&"x".repeat(129)).is_err());
    }
}
