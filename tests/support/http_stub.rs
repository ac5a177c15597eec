//! A loopback HTTP/1.1 (optionally TLS) server for the registry tests: stands in for
//! the Docker Hub API, token-auth registries and misbehaving servers. One request per
//! connection (`Connection: close`); every request is recorded.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

/// A request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query, e.g. `/v2/app/tags/list?last=b`.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or(&self.target)
    }

    pub fn query(&self, key: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
    }
}

/// What the stub does with a request.
pub enum Reply {
    /// A normal response.
    Full { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Never answer; keep the connection open.
    Hang,
    /// Send the headers, then the body one byte per `interval`.
    Drip { body: Vec<u8>, interval: Duration },
    /// A body of `size` bytes, with or without a Content-Length header.
    Huge { size: usize, declare_length: bool },
    /// Raw bytes instead of HTTP, then close.
    Garbage(Vec<u8>),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Full { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        if let Reply::Full { headers, .. } = &mut self {
            headers.push((name.to_string(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Request, &str) -> Reply + Send + Sync;

pub struct Stub {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    connections: Arc<AtomicUsize>,
    bytes_sent: Arc<AtomicUsize>,
    accept: tokio::task::JoinHandle<()>,
}

impl Stub {
    /// Plain HTTP on a free loopback port. The handler gets the request and the
    /// stub's own `127.0.0.1:port` (for links and realms).
    pub async fn start(handler: impl Fn(&Request, &str) -> Reply + Send + Sync + 'static) -> Stub {
        Self::start_on(0, None, Arc::new(handler)).await
    }

    /// HTTPS with the test certificate from `tests/support/registry-tls/`.
    pub async fn start_tls(handler: impl Fn(&Request, &str) -> Reply + Send + Sync + 'static) -> Stub {
        Self::start_on(0, Some(tls_acceptor()), Arc::new(handler)).await
    }

    /// Plain HTTP on a given port (to bring a "refused" port back to life).
    pub async fn start_on_port(port: u16, handler: impl Fn(&Request, &str) -> Reply + Send + Sync + 'static) -> Stub {
        Self::start_on(port, None, Arc::new(handler)).await
    }

    async fn start_on(port: u16, tls: Option<tokio_rustls::TlsAcceptor>, handler: Arc<Handler>) -> Stub {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let bytes_sent = Arc::new(AtomicUsize::new(0));
        let (reqs, conns, sent) = (requests.clone(), connections.clone(), bytes_sent.clone());
        let accept = tokio::spawn(async move {
            // Dropping the JoinSet (when this task is aborted) aborts every connection.
            let mut tasks = JoinSet::new();
            let me = addr.to_string();
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                conns.fetch_add(1, Ordering::SeqCst);
                let (handler, reqs, sent, me, tls) =
                    (handler.clone(), reqs.clone(), sent.clone(), me.clone(), tls.clone());
                tasks.spawn(async move {
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(socket).await {
                                serve(stream, &*handler, &reqs, &sent, &me).await;
                            }
                        }
                        None => serve(socket, &*handler, &reqs, &sent, &me).await,
                    }
                });
                while tasks.try_join_next().is_some() {}
            }
        });
        Stub { addr, requests, connections, bytes_sent, accept }
    }

    /// `127.0.0.1:port`: the registry name to use for this stub.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests lock").clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Body bytes written by `Reply::Huge` before the client went away.
    pub fn bytes_sent(&self) -> usize {
        self.bytes_sent.load(Ordering::SeqCst)
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// A loopback port with nothing listening on it.
pub fn refused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

pub fn tls_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/registry-tls")
}

fn tls_acceptor() -> tokio_rustls::TlsAcceptor {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = tls_dir();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .expect("server.pem")
        .collect::<Result<_, _>>()
        .expect("parse server.pem");
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).expect("server.key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config");
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    handler: &Handler,
    requests: &Mutex<Vec<Request>>,
    bytes_sent: &AtomicUsize,
    me: &str,
) {
    let mut first = [0u8; 1];
    if stream.read_exact(&mut first).await.is_err() {
        return;
    }
    if first[0] == 0x16 {
        // A TLS ClientHello on a plain port: answer like Go's net/http does.
        let _ = stream
            .write_all(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            .await;
        let _ = stream.shutdown().await;
        return;
    }
    let Some(request) = read_request(&mut stream, first[0]).await else {
        return;
    };
    requests.lock().expect("requests lock").push(request.clone());
    let head_only = request.method == "HEAD";
    match handler(&request, me) {
        Reply::Full { status, headers, body } => {
            let mut out = status_line(status);
            for (name, value) in &headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
            let _ = stream.write_all(out.as_bytes()).await;
            if !head_only {
                let _ = stream.write_all(&body).await;
            }
            let _ = stream.flush().await;
            let _ = stream.shutdown().await;
        }
        Reply::Hang => std::future::pending::<()>().await,
        Reply::Drip { body, interval } => {
            let head = format!(
                "{}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                status_line(200),
                body.len()
            );
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            for byte in body {
                if stream.write_all(&[byte]).await.is_err() || stream.flush().await.is_err() {
                    return;
                }
                tokio::time::sleep(interval).await;
            }
        }
        Reply::Huge { size, declare_length } => {
            let length = if declare_length { format!("Content-Length: {size}\r\n") } else { String::new() };
            let head =
                format!("{}Content-Type: application/json\r\n{length}Connection: close\r\n\r\n", status_line(200));
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b' '; 64 * 1024];
            let mut left = size;
            while left > 0 {
                let n = left.min(chunk.len());
                if stream.write_all(&chunk[..n]).await.is_err() {
                    return;
                }
                bytes_sent.fetch_add(n, Ordering::SeqCst);
                left -= n;
            }
            let _ = stream.shutdown().await;
        }
        Reply::Garbage(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
    }
}

fn status_line(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        302 => "Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };
    format!("HTTP/1.1 {status} {reason}\r\n")
}

async fn read_request<S: AsyncRead + Unpin>(stream: &mut S, first: u8) -> Option<Request> {
    let mut buf = vec![first];
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if buf.len() > 64 * 1024 || stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&buf).to_string();
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length.min(1024 * 1024)];
    stream.read_exact(&mut body).await.ok()?;
    Some(Request { method, target, headers, body })
}
