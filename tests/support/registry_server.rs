//! A real registry for the tests: Debian's `docker-registry` (CNCF distribution 2.8)
//! on a free loopback port, storage in a temporary directory, killed on drop. Images
//! are pushed with plain HTTP calls (no Docker engine): two blobs and an OCI manifest.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = "/usr/bin/docker-registry";

pub struct LocalRegistry {
    child: Child,
    /// `127.0.0.1:port`
    pub host: String,
    http: reqwest::Client,
    _storage: tempfile::TempDir,
}

/// A plain-HTTP reqwest client for talking to loopback servers from tests.
pub fn test_http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(10)).build().expect("reqwest client")
}

/// `Some(path)` when the registry binary is installed. Missing: a printed skip, or a
/// panic under `CI=true` (CI must install `docker-registry`).
pub fn registry_binary() -> Option<PathBuf> {
    let path = std::env::var_os("DOCKER_REGISTRY_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(BINARY));
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{} is missing: apt-get install docker-registry", path.display());
    }
    eprintln!("SKIP: {} not installed (apt-get install docker-registry)", path.display());
    None
}

impl LocalRegistry {
    /// Starts a registry and waits until `/v2/` answers. None when the binary is missing
    /// outside CI.
    pub async fn start() -> Option<LocalRegistry> {
        let binary = registry_binary()?;
        let storage = tempfile::tempdir().expect("tempdir");
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            probe.local_addr().expect("addr").port()
        };
        let host = format!("127.0.0.1:{port}");
        let config = format!(
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: {host}\n",
            storage.path().join("data").display()
        );
        let config_path = storage.path().join("config.yml");
        std::fs::write(&config_path, config).expect("write registry config");
        let child = Command::new(&binary)
            .arg("serve")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start docker-registry");
        let registry = LocalRegistry { child, host, http: test_http_client(), _storage: storage };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let answered = registry
                .http
                .get(format!("http://{}/v2/", registry.host))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if answered {
                return Some(registry);
            }
            assert!(Instant::now() < deadline, "docker-registry did not come up on {}", registry.host);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn push_blob(&self, repository: &str, bytes: &[u8]) -> String {
        let digest = sha256(bytes);
        let start = self
            .http
            .post(format!("http://{}/v2/{repository}/blobs/uploads/", self.host))
            .send()
            .await
            .expect("start upload");
        assert_eq!(start.status().as_u16(), 202, "blob upload start");
        let location =
            start.headers().get("location").and_then(|v| v.to_str().ok()).expect("upload location").to_string();
        let base = reqwest::Url::parse(&format!("http://{}/", self.host)).expect("base url");
        let mut url = base.join(&location).expect("upload url");
        url.query_pairs_mut().append_pair("digest", &digest);
        let put = self
            .http
            .put(url)
            .header("content-type", "application/octet-stream")
            .body(bytes.to_vec())
            .send()
            .await
            .expect("upload blob");
        assert_eq!(put.status().as_u16(), 201, "blob upload");
        digest
    }

    /// Pushes a one-layer OCI image as `repository:tag`; returns the manifest digest
    /// (sha256 of the manifest bytes, computed here).
    pub async fn push(&self, repository: &str, tag: &str, layer: &[u8]) -> String {
        let config = format!(
            r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":["{}"]}}}}"#,
            sha256(layer)
        );
        let config_digest = self.push_blob(repository, config.as_bytes()).await;
        let layer_digest = self.push_blob(repository, layer).await;
        let manifest = format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{config_digest}","size":{}}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{layer_digest}","size":{}}}]}}"#,
            config.len(),
            layer.len()
        );
        let put = self
            .http
            .put(format!("http://{}/v2/{repository}/manifests/{tag}", self.host))
            .header("content-type", "application/vnd.oci.image.manifest.v1+json")
            .body(manifest.clone())
            .send()
            .await
            .expect("put manifest");
        assert_eq!(put.status().as_u16(), 201, "manifest upload");
        sha256(manifest.as_bytes())
    }
}

impl Drop for LocalRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn sha256(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
