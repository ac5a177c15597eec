//! The tag caches (memory and disk) and the offline switch.

#[path = "support/http_stub.rs"]
mod http_stub;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dockerfile_lsp::images::registry::{
    ImageName, Lookup, RegistryClient, RegistryError, RegistrySettings, cache_file,
};
use http_stub::{Reply, Stub};
use tokio::sync::broadcast;

fn settings(stub: &Stub, cache: &std::path::Path) -> RegistrySettings {
    RegistrySettings {
        timeout: Duration::from_millis(800),
        cache_dir: Some(cache.to_path_buf()),
        insecure_registries: vec![stub.host()],
        hub_url: stub.url(),
        docker_config: Some(cache.join("no-docker-config.json")),
        failure_ttl: Duration::from_millis(300),
        ..RegistrySettings::default()
    }
}

fn tag_names(lookup: &Lookup) -> Vec<String> {
    match lookup {
        Lookup::Fresh(list) | Lookup::Stale(list) => list.tags.iter().map(|t| t.name.clone()).collect(),
        _ => Vec::new(),
    }
}

async fn next_update(updates: &mut broadcast::Receiver<ImageName>) -> ImageName {
    tokio::time::timeout(Duration::from_secs(15), updates.recv())
        .await
        .expect("a background fetch finished in time")
        .expect("update")
}

/// A registry stand-in whose answer is switched by `mode`: 0 serves `v1`, 1 hangs,
/// 2 serves `v2`, 3 answers 500.
async fn switchable() -> (Stub, Arc<AtomicUsize>) {
    let mode = Arc::new(AtomicUsize::new(0));
    let m = mode.clone();
    let stub = Stub::start(move |_, _| match m.load(Ordering::SeqCst) {
        0 => Reply::json(200, r#"{"tags":["v1"]}"#),
        1 => Reply::Hang,
        2 => Reply::json(200, r#"{"tags":["v2"]}"#),
        _ => Reply::status(500),
    })
    .await;
    (stub, mode)
}

#[tokio::test]
async fn a_fresh_disk_cache_answers_without_the_network() {
    let (stub, mode) = switchable().await;
    let cache = tempfile::tempdir().expect("tempdir");
    let image = ImageName::new(stub.host(), "team/app");
    let first = RegistryClient::new(settings(&stub, cache.path()));
    first.fetch_tags(&image).await.expect("first fetch");
    assert_eq!(stub.requests().len(), 1);

    mode.store(3, Ordering::SeqCst); // the registry now fails: only the disk can answer
    let second = RegistryClient::new(settings(&stub, cache.path()));
    let mut updates = second.subscribe();
    assert!(matches!(second.cached_tags(&image), Lookup::Pending));
    assert_eq!(next_update(&mut updates).await, image);
    let lookup = second.cached_tags(&image);
    assert!(matches!(lookup, Lookup::Fresh(_)), "{lookup:?}");
    assert_eq!(tag_names(&lookup), ["v1"]);
    assert_eq!(stub.requests().len(), 1, "no request for a fresh disk entry");
    // fetch_tags (the CLI path) uses the same caches.
    let list = second.fetch_tags(&image).await.expect("cached");
    assert_eq!(list.tags[0].name, "v1");
    assert_eq!(stub.requests().len(), 1);
}

#[tokio::test]
async fn stale_entries_are_served_while_a_refresh_runs_and_then_replaced() {
    let (stub, mode) = switchable().await;
    let cache = tempfile::tempdir().expect("tempdir");
    let image = ImageName::new(stub.host(), "team/app");
    RegistryClient::new(settings(&stub, cache.path())).fetch_tags(&image).await.expect("first fetch");
    tokio::time::sleep(Duration::from_millis(1300)).await;

    // A TTL of one second: the disk entry is stale now.
    mode.store(1, Ordering::SeqCst);
    let client =
        RegistryClient::new(RegistrySettings { cache_ttl: Duration::from_secs(1), ..settings(&stub, cache.path()) });
    let mut updates = client.subscribe();
    assert!(matches!(client.cached_tags(&image), Lookup::Pending));
    // Once the disk entry is loaded it is served as stale while the network hangs.
    let deadline = Instant::now() + Duration::from_secs(5);
    let stale = loop {
        let lookup = client.cached_tags(&image);
        if let Lookup::Stale(_) = lookup {
            break lookup;
        }
        assert!(Instant::now() < deadline, "never became stale: {lookup:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    assert_eq!(tag_names(&stale), ["v1"]);
    assert_eq!(client.in_flight_count(), 1);

    // The hanging refresh times out; the stale list is still what we know.
    next_update(&mut updates).await;
    let after_failure = client.cached_tags(&image);
    assert!(matches!(after_failure, Lookup::Stale(_)), "{after_failure:?}");
    assert_eq!(client.in_flight_count(), 0, "no retry while the failure is remembered");

    // After the failure TTL the next lookup refreshes, and the new list replaces it.
    mode.store(2, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(matches!(client.cached_tags(&image), Lookup::Stale(_)));
    next_update(&mut updates).await;
    let fresh = client.cached_tags(&image);
    assert!(matches!(fresh, Lookup::Fresh(_)), "{fresh:?}");
    assert_eq!(tag_names(&fresh), ["v2"]);

    // And the disk has the new list too.
    mode.store(3, Ordering::SeqCst);
    let later = RegistryClient::new(settings(&stub, cache.path()));
    assert_eq!(later.fetch_tags(&image).await.expect("from disk").tags[0].name, "v2");
}

#[tokio::test]
async fn a_corrupt_cache_file_is_ignored_and_rewritten() {
    let (stub, mode) = switchable().await;
    let cache = tempfile::tempdir().expect("tempdir");
    let image = ImageName::new(stub.host(), "team/app");
    let other = ImageName::new(stub.host(), "team/other");
    let file = cache_file(cache.path(), &image);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, b"{\"format\":1,\"registry\":\"trunc").expect("write garbage");

    let client = RegistryClient::new(settings(&stub, cache.path()));
    let list = client.fetch_tags(&image).await.expect("fetched despite the corrupt file");
    assert_eq!(list.tags[0].name, "v1");
    assert_eq!(stub.requests().len(), 1);
    let text = std::fs::read_to_string(&file).expect("rewritten");
    assert!(text.contains("\"v1\""), "{text}");

    // A valid file for another image, copied under this image's name, is not trusted.
    std::fs::copy(&file, cache_file(cache.path(), &other)).expect("copy");
    mode.store(2, Ordering::SeqCst);
    let fresh = RegistryClient::new(settings(&stub, cache.path()));
    assert_eq!(fresh.fetch_tags(&other).await.expect("other").tags[0].name, "v2");
    assert_eq!(stub.requests().len(), 2, "the mislabelled file made us fetch");
}

#[tokio::test]
async fn cache_writes_are_atomic() {
    // A large list, rewritten many times while another thread keeps reading the file:
    // every read sees a whole file, and no temporary files are left behind.
    let big: Vec<String> = (0..20_000).map(|i| format!("\"tag-{i:05}\"")).collect();
    let body = format!(r#"{{"tags":[{}]}}"#, big.join(","));
    let stub = Stub::start(move |_, _| Reply::json(200, body.clone())).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let image = ImageName::new(stub.host(), "team/big");
    let client = RegistryClient::new(RegistrySettings {
        cache_ttl: Duration::ZERO, // every fetch goes to the network and rewrites the file
        timeout: Duration::from_secs(5),
        ..settings(&stub, cache.path())
    });
    let file = cache_file(cache.path(), &image);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (file, stop) = (file.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut whole_reads = 0usize;
            while !stop.load(Ordering::SeqCst) {
                if let Ok(bytes) = std::fs::read(&file) {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
                    assert!(parsed.is_ok(), "read a partial cache file ({} bytes)", bytes.len());
                    whole_reads += 1;
                }
            }
            whole_reads
        })
    };
    for _ in 0..15 {
        let list = client.fetch_tags(&image).await.expect("fetch");
        assert_eq!(list.tags.len(), 10_000, "capped at 10 000 names");
        assert!(list.truncated);
    }
    stop.store(true, Ordering::SeqCst);
    let reads = reader.join().expect("reader thread");
    assert!(reads > 0, "the reader saw the file");
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().expect("dir"))
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| !name.ends_with(".json"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[tokio::test]
async fn disabled_means_no_request_and_no_cache_access() {
    let stub = Stub::start(|_, _| Reply::json(200, r#"{"tags":["v1"],"results":[]}"#)).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let cache_dir = cache.path().join("never-created");
    let disabled = RegistrySettings { enabled: false, ..settings(&stub, &cache_dir) };
    let client = RegistryClient::new(disabled.clone());
    let images = [ImageName::new(stub.host(), "team/app"), ImageName::parse_simple("python").expect("hub name")];
    for image in &images {
        assert!(matches!(client.cached_tags(image), Lookup::Missing));
        client.refresh(image);
        assert!(matches!(client.fetch_tags(image).await, Err(RegistryError::Disabled)));
        assert!(matches!(client.fetch_digest(image, "latest").await, Err(RegistryError::Disabled)));
    }
    assert_eq!(client.in_flight_count(), 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(stub.connections(), 0, "a disabled client connected");
    assert!(!cache_dir.exists(), "a disabled client touched the cache");

    // Switching it on makes the same client work (so the checks above can fail).
    client.update_settings(RegistrySettings { enabled: true, ..disabled });
    let mut updates = client.subscribe();
    assert!(matches!(client.cached_tags(&images[0]), Lookup::Pending));
    next_update(&mut updates).await;
    assert!(matches!(client.cached_tags(&images[0]), Lookup::Fresh(_)));
    assert!(stub.connections() > 0);
    assert!(cache_dir.exists());
}
