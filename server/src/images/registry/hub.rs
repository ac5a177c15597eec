//! Docker Hub's tags API: `GET {hub}/v2/namespaces/{ns}/repositories/{repo}/tags`,
//! newest first, with last-pushed dates, digests and per-platform compressed sizes.
//! Anonymous only (no credentials are sent to the Hub API).

use reqwest::{StatusCode, Url};
use serde::Deserialize;

use super::http::{BODY_LIMIT, Http, host_of, same_origin, status_error};
use super::{LiveTag, PlatformImage, RegistryError};

/// Pages of 100 tags followed at most.
pub(crate) const MAX_PAGES: usize = 5;
const PAGE_SIZE: usize = 100;

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    results: Option<Vec<HubTag>>,
}

#[derive(Deserialize)]
struct HubTag {
    name: String,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    tag_last_pushed: Option<String>,
    #[serde(default)]
    last_updated: Option<String>,
    #[serde(default)]
    images: Option<Vec<HubImage>>,
}

#[derive(Deserialize)]
struct HubImage {
    #[serde(default)]
    architecture: Option<String>,
    #[serde(default)]
    os: Option<String>,
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    digest: Option<String>,
}

/// Tags of `repository` (`namespace/name`), newest first; `true` when more pages
/// were left unread.
pub(crate) async fn fetch_tags(
    http: &Http,
    hub_url: &str,
    repository: &str,
) -> Result<(Vec<LiveTag>, bool), RegistryError> {
    let (namespace, name) = repository.split_once('/').filter(|(_, name)| !name.contains('/')).ok_or_else(|| {
        RegistryError::InvalidName {
            name: format!("docker.io/{repository}"),
            reason: "Docker Hub names have exactly two components (namespace/name)",
        }
    })?;
    let first = format!(
        "{}/v2/namespaces/{namespace}/repositories/{name}/tags?page_size={PAGE_SIZE}&ordering=last_updated",
        hub_url.trim_end_matches('/')
    );
    let first = Url::parse(&first)
        .map_err(|err| RegistryError::Client(format!("invalid registry.hubUrl {hub_url:?}: {err}")))?;

    let mut tags = Vec::new();
    let mut url = first.clone();
    for page in 0..MAX_PAGES {
        let request = http.client.get(url.clone()).header(reqwest::header::ACCEPT, "application/json");
        let response = http.send(request, &url).await?;
        match response.status() {
            status if status.is_success() => {}
            StatusCode::NOT_FOUND => {
                return Err(RegistryError::NotFound { host: host_of(&url), what: format!("repository {repository}") });
            }
            _ => return Err(status_error(&response)),
        }
        let body = http.read_body(response, BODY_LIMIT).await?;
        let parsed: Page = serde_json::from_slice(&body).map_err(|err| RegistryError::InvalidResponse {
            host: host_of(&url),
            url: url.to_string(),
            detail: format!("not a Docker Hub tag page: {err}"),
        })?;
        tags.extend(parsed.results.unwrap_or_default().into_iter().map(live_tag));

        let Some(next) = parsed.next.filter(|next| !next.is_empty()) else {
            return Ok((tags, false));
        };
        let next = match url.join(&next) {
            Ok(next) if same_origin(&next, &first) && next != url => next,
            _ => {
                tracing::warn!(%next, "not following a Docker Hub page link to another site");
                return Ok((tags, true));
            }
        };
        if page + 1 == MAX_PAGES {
            return Ok((tags, true));
        }
        url = next;
    }
    Ok((tags, true))
}

fn live_tag(tag: HubTag) -> LiveTag {
    let platforms = tag
        .images
        .unwrap_or_default()
        .into_iter()
        .filter_map(|image| {
            let os = image.os.filter(|os| !os.is_empty() && os != "unknown")?;
            let arch = image.architecture.filter(|arch| !arch.is_empty() && arch != "unknown")?;
            let platform = match image.variant.filter(|v| !v.is_empty()) {
                Some(variant) => format!("{os}/{arch}/{variant}"),
                None => format!("{os}/{arch}"),
            };
            Some(PlatformImage { platform, compressed_size: image.size.unwrap_or(0), digest: image.digest })
        })
        .collect();
    LiveTag {
        name: tag.name,
        digest: tag.digest.filter(|d| !d.is_empty()),
        last_pushed: tag.tag_last_pushed.or(tag.last_updated),
        platforms,
    }
}
