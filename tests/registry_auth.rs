//! The Bearer token flow, `Link` pagination, and where credentials may go.

#[path = "support/http_stub.rs"]
mod http_stub;

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use dockerfile_lsp::images::registry::{ImageName, RegistryClient, RegistryError, RegistrySettings};
use http_stub::{Reply, Request, Stub, tls_dir};

const USER: &str = "alice";
const PASSWORD: &str = "s3cret";

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

fn write_docker_config(dir: &Path, json: &str) -> PathBuf {
    let path = dir.join("config.json");
    std::fs::write(&path, json).expect("write docker config");
    path
}

fn auths_config(dir: &Path, host: &str) -> PathBuf {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    write_docker_config(dir, &format!(r#"{{"auths":{{"{host}":{{"auth":"{auth}"}}}}}}"#))
}

fn client(dir: &Path, docker_config: PathBuf, insecure: Vec<String>, trust_test_ca: bool) -> RegistryClient {
    RegistryClient::new(RegistrySettings {
        timeout: Duration::from_secs(5),
        cache_dir: Some(dir.join("cache")),
        insecure_registries: insecure,
        docker_config: Some(docker_config),
        ca_certificates: if trust_test_ca { vec![tls_dir().join("ca.pem")] } else { Vec::new() },
        ..RegistrySettings::default()
    })
}

/// A token-auth registry serving `team/app` with tags a, b (page 1) and c (page 2).
/// `realm(me)` gives the realm URL; `token_ok(request)` decides whether a token request
/// gets a token.
fn token_registry(
    realm: impl Fn(&str) -> String + Send + Sync + 'static,
    token_ok: impl Fn(&Request) -> bool + Send + Sync + 'static,
) -> impl Fn(&Request, &str) -> Reply + Send + Sync + 'static {
    move |req, me| match req.path() {
        "/token" => {
            if token_ok(req) {
                Reply::json(200, r#"{"token":"tok-1","expires_in":300}"#)
            } else {
                Reply::json(401, r#"{"details":"bad credentials"}"#)
            }
        }
        "/v2/team/app/tags/list" => {
            if req.header("authorization") != Some("Bearer tok-1") {
                return Reply::json(401, r#"{"errors":[{"code":"UNAUTHORIZED"}]}"#).with_header(
                    "WWW-Authenticate",
                    format!(r#"Bearer realm="{}",service="stub-registry",scope="repository:team/app:pull""#, realm(me)),
                );
            }
            match req.query("last").as_deref() {
                None => Reply::json(200, r#"{"name":"team/app","tags":["a","b"]}"#)
                    .with_header("Link", r#"</v2/team/app/tags/list?last=b&n=2>; rel="next""#),
                Some("b") => Reply::json(200, r#"{"name":"team/app","tags":["c"]}"#),
                Some(_) => Reply::status(400),
            }
        }
        _ => Reply::status(404),
    }
}

fn names(tags: &[dockerfile_lsp::images::registry::LiveTag]) -> Vec<&str> {
    tags.iter().map(|t| t.name.as_str()).collect()
}

fn token_requests(stub: &Stub) -> Vec<Request> {
    stub.requests().into_iter().filter(|r| r.path() == "/token").collect()
}

#[tokio::test]
async fn token_flow_and_link_pagination_without_sending_credentials_over_http() {
    let stub = Stub::start(token_registry(|me| format!("http://{me}/token"), |_| true)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    // There ARE credentials for this host; it is an insecure (HTTP) registry, so they
    // must stay home.
    let config = auths_config(dir.path(), &stub.host());
    let client = client(dir.path(), config, vec![stub.host()], false);
    let list = client.fetch_tags(&ImageName::new(stub.host(), "team/app")).await.expect("tags");
    assert_eq!(names(&list.tags), ["a", "b", "c"]);
    assert!(!list.truncated);

    let tokens = token_requests(&stub);
    assert_eq!(tokens.len(), 1, "one token serves all pages");
    assert_eq!(tokens[0].query("service").as_deref(), Some("stub-registry"));
    assert_eq!(tokens[0].query("scope").as_deref(), Some("repository:team/app:pull"));
    for request in stub.requests() {
        let auth = request.header("authorization").unwrap_or("");
        assert!(!auth.starts_with("Basic"), "credentials sent over HTTP: {request:?}");
        assert!(!auth.contains(PASSWORD));
    }
    let pages: Vec<String> = stub
        .requests()
        .iter()
        .filter(|r| r.header("authorization") == Some("Bearer tok-1"))
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(pages, ["/v2/team/app/tags/list", "/v2/team/app/tags/list?last=b&n=2"]);
}

#[tokio::test]
async fn basic_challenge_over_http_is_refused_without_sending_credentials() {
    let stub =
        Stub::start(|_, _| Reply::json(401, "{}").with_header("WWW-Authenticate", r#"Basic realm="registry""#)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = auths_config(dir.path(), &stub.host());
    let client = client(dir.path(), config, vec![stub.host()], false);
    match client.fetch_tags(&ImageName::new(stub.host(), "team/app")).await {
        Err(RegistryError::Unauthorized { detail, .. }) => {
            assert!(detail.contains("plain HTTP"), "{detail}")
        }
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    assert_eq!(stub.requests().len(), 1);
    assert!(stub.requests()[0].header("authorization").is_none());
}

#[tokio::test]
async fn credentials_go_to_an_https_registry_and_its_own_realm() {
    let expected = basic(USER, PASSWORD);
    let stub = Stub::start_tls(token_registry(
        |me| format!("https://{me}/token"),
        move |req| req.header("authorization") == Some(expected.as_str()),
    ))
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = auths_config(dir.path(), &format!("https://{}", stub.host()));
    let client = client(dir.path(), config, Vec::new(), true);
    let list = client.fetch_tags(&ImageName::new(stub.host(), "team/app")).await.expect("tags with a login");
    assert_eq!(names(&list.tags), ["a", "b", "c"]);
    assert_eq!(token_requests(&stub).len(), 1);
    // The registry itself only ever saw the token.
    for request in stub.requests().iter().filter(|r| r.path() != "/token") {
        assert!(!request.header("authorization").unwrap_or("").starts_with("Basic"));
    }
}

#[tokio::test]
async fn credentials_are_not_sent_to_a_realm_on_another_host() {
    // The realm is `localhost`, the registry `127.0.0.1`: same machine, different host
    // name, so the token request must be anonymous.
    let stub = Stub::start_tls(token_registry(
        |me| format!("https://{}/token", me.replace("127.0.0.1", "localhost")),
        |req| req.header("authorization").is_none(),
    ))
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = auths_config(dir.path(), &stub.host());
    let client = client(dir.path(), config, Vec::new(), true);
    let list = client.fetch_tags(&ImageName::new(stub.host(), "team/app")).await.expect("tags with an anonymous token");
    assert_eq!(names(&list.tags), ["a", "b", "c"]);
    let tokens = token_requests(&stub);
    assert_eq!(tokens.len(), 1);
    assert!(tokens[0].header("authorization").is_none(), "{:?}", tokens[0]);
}

#[tokio::test]
async fn basic_auth_registry_over_https() {
    let expected = basic(USER, PASSWORD);
    let stub = Stub::start_tls(move |req, _| {
        if req.header("authorization") == Some(expected.as_str()) {
            Reply::json(200, r#"{"name":"team/app","tags":["1.0"]}"#)
        } else {
            Reply::json(401, "{}").with_header("WWW-Authenticate", r#"Basic realm="registry""#)
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = auths_config(dir.path(), &stub.host());
    let list = client(dir.path(), config, Vec::new(), true)
        .fetch_tags(&ImageName::new(stub.host(), "team/app"))
        .await
        .expect("tags");
    assert_eq!(names(&list.tags), ["1.0"]);
    let requests = stub.requests();
    assert_eq!(requests.len(), 2, "one anonymous try, one with the login");
    assert!(requests[0].header("authorization").is_none());

    // Without a login the same registry is a clear error.
    let other = tempfile::tempdir().expect("tempdir");
    let empty = write_docker_config(other.path(), "{}");
    match client(other.path(), empty, Vec::new(), true).fetch_tags(&ImageName::new(stub.host(), "team/app")).await {
        Err(RegistryError::Unauthorized { host, .. }) => assert_eq!(host, stub.host()),
        other => panic!("expected Unauthorized, got {other:?}"),
    }
}

#[tokio::test]
async fn identity_tokens_use_the_oauth2_refresh_grant() {
    let stub = Stub::start_tls(move |req, me| match req.path() {
        "/token" => {
            let form: Vec<(String, String)> = form_urlencoded::parse(&req.body).into_owned().collect();
            let has = |k: &str, v: &str| form.iter().any(|(key, value)| key == k && value == v);
            if req.method == "POST"
                && has("grant_type", "refresh_token")
                && has("refresh_token", "refresh-123")
                && has("scope", "repository:team/app:pull")
            {
                Reply::json(200, r#"{"access_token":"tok-1"}"#)
            } else {
                Reply::status(401)
            }
        }
        _ if req.header("authorization") == Some("Bearer tok-1") => {
            Reply::json(200, r#"{"name":"team/app","tags":["x"]}"#)
        }
        _ => Reply::status(401)
            .with_header("WWW-Authenticate", format!(r#"Bearer realm="https://{me}/token",service="stub""#)),
    })
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = write_docker_config(
        dir.path(),
        &format!(r#"{{"auths":{{"{}":{{"identitytoken":"refresh-123"}}}}}}"#, stub.host()),
    );
    let list = client(dir.path(), config, Vec::new(), true)
        .fetch_tags(&ImageName::new(stub.host(), "team/app"))
        .await
        .expect("tags");
    assert_eq!(names(&list.tags), ["x"]);
}

#[tokio::test]
async fn an_untrusted_certificate_fails_cleanly() {
    let stub = Stub::start_tls(|_, _| Reply::json(200, r#"{"tags":["x"]}"#)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = auths_config(dir.path(), &stub.host());
    match client(dir.path(), config, Vec::new(), false).fetch_tags(&ImageName::new(stub.host(), "team/app")).await {
        Err(RegistryError::Connect { host, detail, .. }) => {
            assert_eq!(host, stub.host());
            assert!(detail.to_lowercase().contains("certificate"), "{detail}");
        }
        other => panic!("expected a certificate error, got {other:?}"),
    }
    assert!(stub.requests().is_empty(), "nothing was sent to the untrusted server");
}

/// Runs the named `#[ignore]`d test of this binary in a child process with `PATH`
/// extended (the environment of this process stays untouched).
fn run_child_test(name: &str, path_dir: &Path) {
    let exe = std::env::current_exe().expect("test binary");
    let path = std::env::join_paths(
        std::iter::once(path_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let output = std::process::Command::new(exe)
        .args(["--ignored", "--exact", name, "--nocapture", "--test-threads=1"])
        .env("PATH", path)
        .env("REGISTRY_HELPER_CHILD", "1")
        .output()
        .expect("run child test");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "child test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn credential_helpers_are_run_and_their_answer_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let helper = dir.path().join("docker-credential-lsptest");
    // Gets the server URL on stdin and answers with a login derived from it, so the
    // registry can check which URL the helper was asked about.
    std::fs::write(
        &helper,
        "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nserver=$(cat | tr ':' '_')\n\
         printf '{\"ServerURL\":\"x\",\"Username\":\"helper-%s\",\"Secret\":\"from-helper\"}' \"$server\"\n",
    )
    .expect("write helper");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    run_child_test("credential_helper_child", dir.path());
}

#[tokio::test]
#[ignore = "run by credential_helper_child's parent with PATH set"]
async fn credential_helper_child() {
    if std::env::var_os("REGISTRY_HELPER_CHILD").is_none() {
        panic!("run through credential_helpers_are_run_and_their_answer_used");
    }
    let stub = Stub::start_tls(move |req, me| {
        let expected = basic(&format!("helper-{}", me.replace(':', "_")), "from-helper");
        match req.path() {
            "/token" if req.header("authorization") == Some(expected.as_str()) => {
                Reply::json(200, r#"{"token":"tok-1"}"#)
            }
            "/token" => Reply::status(401),
            _ if req.header("authorization") == Some("Bearer tok-1") => {
                Reply::json(200, r#"{"tags":["from-helper-login"]}"#)
            }
            _ => Reply::status(401)
                .with_header("WWW-Authenticate", format!(r#"Bearer realm="https://{me}/token",service="stub""#)),
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = write_docker_config(
        dir.path(),
        &format!(
            r#"{{"credHelpers":{{"{}":"lsptest"}},"auths":{{"{}":{{"auth":"{}"}}}}}}"#,
            stub.host(),
            stub.host(),
            base64::engine::general_purpose::STANDARD.encode("wrong:login")
        ),
    );
    let list = client(dir.path(), config, Vec::new(), true)
        .fetch_tags(&ImageName::new(stub.host(), "team/app"))
        .await
        .expect("tags with the helper's login");
    assert_eq!(names(&list.tags), ["from-helper-login"]);
}

#[tokio::test]
async fn a_digest_without_the_header_is_computed_from_the_manifest() {
    const MANIFEST: &str =
        r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#;
    let stub = Stub::start(|req, _| {
        if req.path() != "/v2/team/app/manifests/1.0" {
            return Reply::status(404);
        }
        let accept = req.header("accept").unwrap_or("");
        if !accept.contains("application/vnd.oci.image.index.v1+json")
            || !accept.contains("application/vnd.docker.distribution.manifest.list.v2+json")
        {
            return Reply::status(406);
        }
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), "application/vnd.oci.image.index.v1+json".into())],
            body: MANIFEST.as_bytes().to_vec(),
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let client = client(dir.path(), dir.path().join("none.json"), vec![stub.host()], false);
    let image = ImageName::new(stub.host(), "team/app");
    let digest = client.fetch_digest(&image, "1.0").await.expect("digest");
    let expected = ring::digest::digest(&ring::digest::SHA256, MANIFEST.as_bytes());
    let hex: String = expected.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(digest, format!("sha256:{hex}"));
    let methods: Vec<String> = stub.requests().iter().map(|r| r.method.clone()).collect();
    assert_eq!(methods, ["HEAD", "GET"]);
    assert!(matches!(client.fetch_digest(&image, "2.0").await, Err(RegistryError::NotFound { .. })));
}
