//! Misbehaving registries: every lookup still answers at once, the failure is reported
//! and remembered briefly, nothing is left running, and the next good answer is used.

#[path = "support/http_stub.rs"]
mod http_stub;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use dockerfile_lsp::images::registry::{ImageName, Lookup, RegistryClient, RegistryError, RegistrySettings};
use http_stub::{Reply, Stub, refused_port};
use tokio::sync::broadcast;

const GOOD: &str = r#"{"name":"team/app","tags":["ok-1","ok-2"]}"#;
const FAILURE_TTL: Duration = Duration::from_millis(1500);

fn settings(host: &str, cache: &std::path::Path) -> RegistrySettings {
    RegistrySettings {
        timeout: Duration::from_millis(700),
        cache_dir: Some(cache.to_path_buf()),
        insecure_registries: vec![host.to_string()],
        docker_config: Some(cache.join("no-docker-config.json")),
        failure_ttl: FAILURE_TTL,
        ..RegistrySettings::default()
    }
}

/// `cached_tags`, asserting it did not wait.
fn lookup_now(client: &RegistryClient, image: &ImageName) -> Lookup {
    let started = Instant::now();
    let lookup = client.cached_tags(image);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(50), "cached_tags took {took:?}");
    lookup
}

async fn next_update(updates: &mut broadcast::Receiver<ImageName>, image: &ImageName) {
    let got = tokio::time::timeout(Duration::from_secs(15), updates.recv())
        .await
        .expect("a background fetch finished in time")
        .expect("update");
    assert_eq!(&got, image);
}

/// Starts a lookup against a failing server and returns the remembered failure's wait.
async fn expect_failure(
    client: &RegistryClient,
    image: &ImageName,
    requests: impl Fn() -> usize,
    check: impl Fn(&RegistryError) -> bool,
) -> Duration {
    let mut updates = client.subscribe();
    assert!(matches!(lookup_now(client, image), Lookup::Pending));
    // While the fetch runs, lookups stay instant and start nothing new.
    assert!(matches!(lookup_now(client, image), Lookup::Pending));
    assert_eq!(client.in_flight_count(), 1);
    next_update(&mut updates, image).await;
    assert_eq!(client.in_flight_count(), 0, "the fetch task is finished");
    let (error, retry_after) = match lookup_now(client, image) {
        Lookup::Failed { error, retry_after } => (error, retry_after),
        other => panic!("expected a failure, got {other:?}"),
    };
    assert!(check(&error), "unexpected error: {error:?}");
    assert!(error.to_string().contains("127.0.0.1"), "message names the host: {error}");
    // The failure is remembered: no new request while it lasts.
    let seen = requests();
    assert!(matches!(lookup_now(client, image), Lookup::Failed { .. }));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(requests(), seen, "a remembered failure made a request");
    assert_eq!(client.in_flight_count(), 0);
    retry_after
}

/// After the failure has expired, the next lookup fetches again and gets the good list.
async fn expect_recovery(client: &RegistryClient, image: &ImageName, wait: Duration) {
    tokio::time::sleep(wait + Duration::from_millis(50)).await;
    let mut updates = client.subscribe();
    assert!(matches!(lookup_now(client, image), Lookup::Pending));
    next_update(&mut updates, image).await;
    match lookup_now(client, image) {
        Lookup::Fresh(list) => {
            let names: Vec<&str> = list.tags.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(names, ["ok-1", "ok-2"]);
        }
        other => panic!("expected fresh tags after recovery, got {other:?}"),
    }
    assert_eq!(client.in_flight_count(), 0);
}

/// A stub that misbehaves with `fault` until healed, then serves GOOD.
async fn faulty(fault: impl Fn() -> Reply + Send + Sync + 'static) -> (Stub, Arc<AtomicBool>) {
    let healed = Arc::new(AtomicBool::new(false));
    let flag = healed.clone();
    let stub = Stub::start(move |req, _| {
        if req.path() != "/v2/team/app/tags/list" {
            Reply::status(404)
        } else if flag.load(Ordering::SeqCst) {
            Reply::json(200, GOOD)
        } else {
            fault()
        }
    })
    .await;
    (stub, healed)
}

async fn fault_then_recovery(
    fault: impl Fn() -> Reply + Send + Sync + 'static,
    check: impl Fn(&RegistryError) -> bool,
) -> Stub {
    let (stub, healed) = faulty(fault).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = RegistryClient::new(settings(&stub.host(), cache.path()));
    let image = ImageName::new(stub.host(), "team/app");
    let wait = expect_failure(&client, &image, || stub.requests().len(), check).await;
    assert!(wait <= FAILURE_TTL);
    healed.store(true, Ordering::SeqCst);
    expect_recovery(&client, &image, wait).await;
    stub
}

#[tokio::test]
async fn connection_refused() {
    let port = refused_port();
    let host = format!("127.0.0.1:{port}");
    let cache = tempfile::tempdir().expect("tempdir");
    let client = RegistryClient::new(settings(&host, cache.path()));
    let image = ImageName::new(host.clone(), "team/app");
    let wait = expect_failure(&client, &image, || 0, |e| matches!(e, RegistryError::Connect { .. })).await;
    let _stub = Stub::start_on_port(port, |_, _| Reply::json(200, GOOD)).await;
    expect_recovery(&client, &image, wait).await;
}

#[tokio::test]
async fn server_that_never_answers() {
    fault_then_recovery(|| Reply::Hang, |e| matches!(e, RegistryError::Timeout { .. })).await;
}

#[tokio::test]
async fn server_that_drips_one_byte_at_a_time() {
    let body = format!("{GOOD}{}", " ".repeat(60)).into_bytes();
    fault_then_recovery(
        move || Reply::Drip { body: body.clone(), interval: Duration::from_millis(100) },
        |e| matches!(e, RegistryError::Timeout { .. }),
    )
    .await;
}

#[tokio::test]
async fn http_500() {
    fault_then_recovery(|| Reply::status(500), |e| matches!(e, RegistryError::Status { status: 500, .. })).await;
}

#[tokio::test]
async fn invalid_json() {
    fault_then_recovery(
        || Reply::json(200, r#"{"name":"team/app","tags":["unterminated"#),
        |e| matches!(e, RegistryError::InvalidResponse { .. }),
    )
    .await;
}

#[tokio::test]
async fn garbage_instead_of_http() {
    fault_then_recovery(
        || Reply::Garbage(b"\x16\x03\x01garbage\r\n\r\nmore garbage".to_vec()),
        |e| matches!(e, RegistryError::Connect { .. }),
    )
    .await;
}

const FIFTY_MB: usize = 50 * 1024 * 1024;

#[tokio::test]
async fn fifty_megabyte_body_with_length() {
    let stub = fault_then_recovery(
        || Reply::Huge { size: FIFTY_MB, declare_length: true },
        |e| matches!(e, RegistryError::TooLarge { .. }),
    )
    .await;
    assert!(stub.bytes_sent() < 32 * 1024 * 1024, "sent {} bytes", stub.bytes_sent());
}

#[tokio::test]
async fn fifty_megabyte_body_without_length() {
    let stub = fault_then_recovery(
        || Reply::Huge { size: FIFTY_MB, declare_length: false },
        |e| matches!(e, RegistryError::TooLarge { .. }),
    )
    .await;
    assert!(stub.bytes_sent() < 32 * 1024 * 1024, "the client read on past the cap: {} bytes sent", stub.bytes_sent());
}

#[tokio::test]
async fn https_to_a_plain_http_port_fails_cleanly_until_listed_as_insecure() {
    let stub = Stub::start(|_, _| Reply::json(200, GOOD)).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let mut plain = settings(&stub.host(), cache.path());
    plain.insecure_registries.clear();
    let client = RegistryClient::new(plain.clone());
    let image = ImageName::new(stub.host(), "team/app");
    expect_failure(&client, &image, || 0, |e| matches!(e, RegistryError::Connect { .. })).await;
    assert!(stub.requests().is_empty(), "no HTTP request was understood");
    // Listing the host as insecure is a settings change: failures are forgotten at once.
    client.update_settings(RegistrySettings { insecure_registries: vec![stub.host()], ..plain });
    expect_recovery(&client, &image, Duration::ZERO).await;
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let (stub, healed) = faulty(|| Reply::status(429).with_header("Retry-After", "120")).await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = RegistryClient::new(settings(&stub.host(), cache.path()));
    let image = ImageName::new(stub.host(), "team/app");
    let wait = expect_failure(
        &client,
        &image,
        || stub.requests().len(),
        |e| matches!(e, RegistryError::Status { status: 429, .. }),
    )
    .await;
    assert!(wait > Duration::from_secs(100), "waits as asked: {wait:?}");
    healed.store(true, Ordering::SeqCst);
    tokio::time::sleep(FAILURE_TTL + Duration::from_millis(100)).await;
    assert!(matches!(lookup_now(&client, &image), Lookup::Failed { .. }), "still waiting");
    assert_eq!(stub.requests().len(), 1);
}

#[tokio::test]
async fn many_images_at_once_all_finish() {
    // More images than fetch slots: all are answered at once, all finish, none leak.
    let stub = Stub::start(|req, _| {
        let name = req.path().trim_start_matches("/v2/").trim_end_matches("/tags/list");
        Reply::json(200, format!(r#"{{"name":"{name}","tags":["1"]}}"#))
    })
    .await;
    let cache = tempfile::tempdir().expect("tempdir");
    let client = RegistryClient::new(settings(&stub.host(), cache.path()));
    let mut updates = client.subscribe();
    let images: Vec<ImageName> = (0..12).map(|i| ImageName::new(stub.host(), format!("team/app{i}"))).collect();
    for image in &images {
        assert!(matches!(lookup_now(&client, image), Lookup::Pending));
    }
    let mut done = std::collections::HashSet::new();
    while done.len() < images.len() {
        let got =
            tokio::time::timeout(Duration::from_secs(15), updates.recv()).await.expect("in time").expect("update");
        done.insert(got);
    }
    assert_eq!(client.in_flight_count(), 0);
    for image in &images {
        assert!(matches!(lookup_now(&client, image), Lookup::Fresh(_)));
    }
    assert_eq!(stub.requests().len(), images.len(), "one request per image, no duplicates");
}

#[tokio::test]
async fn endless_redirects_are_cut_short() {
    let stub = fault_then_recovery(
        || Reply::status(302).with_header("Location", "/v2/team/app/tags/list"),
        |e| matches!(e, RegistryError::Connect { detail, .. } if detail.contains("redirect")),
    )
    .await;
    // The first fetch followed at most five redirects; the recovery made one request.
    assert!(stub.requests().len() <= 7, "{} requests", stub.requests().len());
}
