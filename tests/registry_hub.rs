//! The Docker Hub tags API, against a loopback stand-in.

#[path = "support/http_stub.rs"]
mod http_stub;

use std::time::Duration;

use dockerfile_lsp::images::registry::{ImageName, RegistryClient, RegistryError, RegistrySettings};
use http_stub::{Reply, Stub};

fn client(hub: &Stub, cache: &std::path::Path) -> RegistryClient {
    RegistryClient::new(RegistrySettings {
        timeout: Duration::from_secs(5),
        cache_dir: Some(cache.to_path_buf()),
        hub_url: hub.url(),
        docker_config: Some(cache.join("no-docker-config.json")),
        ..RegistrySettings::default()
    })
}

/// Page `page` (1-based) of `pages`, 100 tags each, named `p<page>-<i>`.
fn page_json(me: &str, page: usize, pages: usize) -> String {
    let results: Vec<String> = (0..100).map(|i| format!(r#"{{"name":"p{page}-{i}","images":[]}}"#)).collect();
    let next = if page < pages {
        format!(r#""http://{me}/v2/namespaces/library/repositories/python/tags?page={}&page_size=100""#, page + 1)
    } else {
        "null".to_string()
    };
    format!(r#"{{"count":{},"next":{next},"previous":null,"results":[{}]}}"#, pages * 100, results.join(","))
}

#[tokio::test]
async fn pages_are_followed_in_order_up_to_the_cap() {
    let hub = Stub::start(|req, me| {
        if req.path() != "/v2/namespaces/library/repositories/python/tags" {
            return Reply::status(404);
        }
        let page: usize = req.query("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        Reply::json(200, page_json(me, page, 7))
    })
    .await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = client(&hub, cache.path());
    let image = ImageName::parse_simple("python").expect("name");

    let list = client.fetch_tags(&image).await.expect("tags");
    assert_eq!(list.tags.len(), 500, "5 pages of 100");
    assert!(list.truncated, "pages 6 and 7 were left out");
    assert_eq!(list.tags[0].name, "p1-0", "the Hub's order (newest first) is kept");
    assert_eq!(list.tags[499].name, "p5-99");
    let requests = hub.requests();
    assert_eq!(requests.len(), 5);
    assert_eq!(requests[0].query("page_size").as_deref(), Some("100"));
    assert!(requests.iter().all(|r| r.header("authorization").is_none()));
    assert!(requests[0].header("user-agent").is_some_and(|ua| ua.starts_with("dockerfile-lsp/")));
}

#[tokio::test]
async fn dates_digests_and_platform_sizes_are_kept() {
    let hub = Stub::start(|req, _| {
        if req.path() != "/v2/namespaces/bitnami/repositories/redis/tags" {
            return Reply::status(404);
        }
        Reply::json(
            200,
            r#"{"count":2,"next":null,"results":[
              {"name":"7.4","digest":"sha256:aaaa","last_updated":"2025-05-02T00:00:00Z","tag_last_pushed":"2025-05-01T10:00:00Z",
               "images":[
                 {"architecture":"amd64","os":"linux","variant":null,"size":41000000,"digest":"sha256:1111"},
                 {"architecture":"arm","os":"linux","variant":"v7","size":38000000,"digest":"sha256:2222"},
                 {"architecture":"unknown","os":"unknown","size":12000,"digest":"sha256:3333"}
               ]},
              {"name":"old","images":null}
            ]}"#,
        )
    })
    .await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = client(&hub, cache.path());
    let list = client.fetch_tags(&ImageName::parse_simple("bitnami/redis").expect("name")).await.expect("tags");
    assert!(!list.truncated);
    let tag = list.get("7.4").expect("7.4");
    assert_eq!(tag.digest.as_deref(), Some("sha256:aaaa"));
    assert_eq!(tag.last_pushed.as_deref(), Some("2025-05-01T10:00:00Z"));
    let platforms: Vec<(&str, u64)> = tag.platforms.iter().map(|p| (p.platform.as_str(), p.compressed_size)).collect();
    // The attestation entry (unknown/unknown) is not a platform.
    assert_eq!(platforms, vec![("linux/amd64", 41_000_000), ("linux/arm/v7", 38_000_000)]);
    let old = list.get("old").expect("old");
    assert!(old.platforms.is_empty() && old.digest.is_none() && old.last_pushed.is_none());
}

#[tokio::test]
async fn a_next_link_to_another_site_is_not_followed() {
    let hub = Stub::start(|_, _| {
        Reply::json(
            200,
            r#"{"next":"http://127.0.0.2:9/v2/namespaces/library/repositories/alpine/tags?page=2","results":[{"name":"3.20"}]}"#,
        )
    })
    .await;
    let cache = tempfile::tempdir().expect("tempdir");
    let list =
        client(&hub, cache.path()).fetch_tags(&ImageName::parse_simple("alpine").expect("name")).await.expect("tags");
    assert_eq!(list.tags.len(), 1);
    assert!(list.truncated);
    assert_eq!(hub.requests().len(), 1);
}

#[tokio::test]
async fn unknown_repositories_and_three_part_names_fail_clearly() {
    let hub = Stub::start(|_, _| Reply::json(404, r#"{"message":"object not found"}"#)).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = client(&hub, cache.path());
    match client.fetch_tags(&ImageName::parse_simple("nosuchuser/nosuchimage").expect("name")).await {
        Err(err @ RegistryError::NotFound { .. }) => {
            let message = err.to_string();
            assert!(message.contains(&hub.host()) && message.contains("nosuchuser/nosuchimage"), "{message}");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    let three = ImageName::new("docker.io", "a/b/c");
    assert!(matches!(client.fetch_tags(&three).await, Err(RegistryError::InvalidName { .. })));
    assert_eq!(hub.requests().len(), 1, "the invalid name made no request");
}
