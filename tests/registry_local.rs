//! The registry client against a real registry (Debian's `docker-registry`, CNCF
//! distribution 2.8) on loopback.

#[path = "support/registry_server.rs"]
mod registry_server;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use dockerfile_lsp::images::registry::{
    ImageName, Lookup, RegistryClient, RegistryError, RegistrySettings, cache_file,
};
use registry_server::LocalRegistry;

fn settings(registry: &LocalRegistry, cache: &std::path::Path) -> RegistrySettings {
    RegistrySettings {
        timeout: Duration::from_secs(5),
        cache_dir: Some(cache.to_path_buf()),
        insecure_registries: vec![registry.host.clone()],
        docker_config: Some(cache.join("no-docker-config.json")),
        ..RegistrySettings::default()
    }
}

fn names(lookup: &Lookup) -> BTreeSet<String> {
    match lookup {
        Lookup::Fresh(list) | Lookup::Stale(list) => list.tags.iter().map(|t| t.name.clone()).collect(),
        other => panic!("expected tags, got {other:?}"),
    }
}

#[tokio::test]
async fn tags_and_digests_come_from_a_real_registry() {
    let Some(registry) = LocalRegistry::start().await else {
        return;
    };
    let digest_10 = registry.push("team/app", "1.0", b"layer one").await;
    let digest_11 = registry.push("team/app", "1.1", b"layer two").await;
    registry.push("team/app", "latest", b"layer two").await;
    registry.push("team/other", "unrelated", b"other").await;

    let cache = tempfile::tempdir().expect("tempdir");
    let client = RegistryClient::new(settings(&registry, cache.path()));
    let image = ImageName::new(registry.host.clone(), "team/app");

    let list = client.fetch_tags(&image).await.expect("tags");
    let got: BTreeSet<_> = list.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(got, BTreeSet::from(["1.0", "1.1", "latest"]));
    assert!(!list.truncated);
    // Registry API v2 has no dates or sizes.
    assert!(list.tags.iter().all(|t| t.last_pushed.is_none() && t.platforms.is_empty()));

    // The digest is the one `docker pull` would pin: sha256 of the pushed manifest.
    assert_eq!(client.fetch_digest(&image, "1.0").await.expect("digest 1.0"), digest_10);
    assert_eq!(client.fetch_digest(&image, "1.1").await.expect("digest 1.1"), digest_11);
    assert_ne!(digest_10, digest_11);

    match client.fetch_digest(&image, "9.9").await {
        Err(RegistryError::NotFound { host, what }) => {
            assert_eq!(host, registry.host);
            assert!(what.contains("team/app:9.9"), "{what}");
        }
        other => panic!("expected NotFound for a missing tag, got {other:?}"),
    }
    let missing = ImageName::new(registry.host.clone(), "team/nothing-here");
    assert!(matches!(client.fetch_tags(&missing).await, Err(RegistryError::NotFound { .. })));
    assert!(matches!(client.fetch_digest(&image, "../../etc").await, Err(RegistryError::InvalidTag { .. })));
}

#[tokio::test]
async fn lookups_answer_at_once_and_the_disk_cache_outlives_the_registry() {
    let Some(registry) = LocalRegistry::start().await else {
        return;
    };
    registry.push("team/app", "2.0", b"layer").await;
    registry.push("team/app", "2.1", b"layer 2").await;
    let cache = tempfile::tempdir().expect("tempdir");
    let image = ImageName::new(registry.host.clone(), "team/app");

    let client = RegistryClient::new(settings(&registry, cache.path()));
    let mut updates = client.subscribe();
    let started = Instant::now();
    let first = client.cached_tags(&image);
    assert!(started.elapsed() < Duration::from_millis(50), "cached_tags blocked");
    assert!(matches!(first, Lookup::Pending), "{first:?}");
    // A second lookup while the fetch runs does not start another.
    assert!(matches!(client.cached_tags(&image), Lookup::Pending));
    assert_eq!(client.in_flight_count(), 1);

    let notified = tokio::time::timeout(Duration::from_secs(10), updates.recv())
        .await
        .expect("notified in time")
        .expect("notification");
    assert_eq!(notified, image);
    assert_eq!(client.in_flight_count(), 0);
    let fresh = client.cached_tags(&image);
    assert!(matches!(fresh, Lookup::Fresh(_)), "{fresh:?}");
    assert_eq!(names(&fresh), BTreeSet::from(["2.0".to_string(), "2.1".to_string()]));
    let file = cache_file(cache.path(), &image);
    assert!(file.is_file(), "cache file {} written", file.display());

    // The registry goes away; a new client (a restarted editor) answers from disk.
    let host = registry.host.clone();
    drop(registry);
    let client = RegistryClient::new(RegistrySettings {
        timeout: Duration::from_secs(1),
        cache_dir: Some(cache.path().to_path_buf()),
        insecure_registries: vec![host.clone()],
        ..RegistrySettings::default()
    });
    let mut updates = client.subscribe();
    assert!(matches!(client.cached_tags(&image), Lookup::Pending));
    tokio::time::timeout(Duration::from_secs(10), updates.recv())
        .await
        .expect("notified in time")
        .expect("notification");
    let from_disk = client.cached_tags(&image);
    assert!(matches!(from_disk, Lookup::Fresh(_)), "{from_disk:?}");
    assert_eq!(names(&from_disk), BTreeSet::from(["2.0".to_string(), "2.1".to_string()]));
}
