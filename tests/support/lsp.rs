//! A small LSP client that drives the real `dockerfile-lsp` binary over stdio.
//!
//! Messages use Content-Length framing; a reader thread collects everything the server
//! sends and answers its requests (`workspace/configuration` with the configured
//! value, anything else with `null`). Every wait has a timeout, so a hung server
//! fails the test instead of blocking CI.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct LspClient {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    incoming: Receiver<Value>,
    /// Messages received but not yet consumed by a wait.
    backlog: VecDeque<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    /// What `workspace/configuration` answers for each item.
    pub configuration: Arc<Mutex<Value>>,
}

fn write_message(stdin: &Mutex<Option<ChildStdin>>, msg: &Value) -> std::io::Result<()> {
    let body = serde_json::to_string(msg).map_err(std::io::Error::other)?;
    let mut guard = stdin.lock().unwrap_or_else(|e| e.into_inner());
    let Some(w) = guard.as_mut() else { return Err(std::io::Error::other("stdin closed")) };
    write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body)?;
    w.flush()
}

/// Reads one framed message; `None` at end of stream.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl LspClient {
    /// Starts the binary with `args`.
    pub fn spawn(args: &[&str]) -> LspClient {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dockerfile-lsp"))
            .args(args)
            .env("DOCKERFILE_LSP_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start dockerfile-lsp: {e}"));
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout is piped"));
        let stderr_pipe = child.stderr.take().unwrap_or_else(|| panic!("stderr is piped"));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (tx, incoming) = mpsc::channel();

        let reply_to = stdin.clone();
        let config = configuration.clone();
        thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str)) {
                    let result = if method == "workspace/configuration" {
                        let n = msg["params"]["items"].as_array().map_or(0, Vec::len);
                        let value = config.lock().unwrap_or_else(|e| e.into_inner()).clone();
                        Value::Array(vec![value; n])
                    } else {
                        Value::Null
                    };
                    let _ = write_message(&reply_to, &json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });

        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut r = BufReader::new(stderr_pipe);
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap_or_else(|e| e.into_inner()).push_str(&line);
                line.clear();
            }
        });

        LspClient { child, stdin, incoming, backlog: VecDeque::new(), next_id: 1, stderr, configuration }
    }

    /// Everything the server logged so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        write_message(&self.stdin, &msg).unwrap_or_else(|e| panic!("cannot send {method}: {e}"));
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        write_message(&self.stdin, &msg).unwrap_or_else(|e| panic!("cannot send {method}: {e}"));
        let response = self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        });
        match response.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(response.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Waits for the first message (in arrival order, including ones already received)
    /// that `pred` accepts, and removes it from the backlog.
    pub fn wait_for(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&mut pred) {
            return self.backlog.remove(i).unwrap_or_default();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(msg) if pred(&msg) => return msg,
                Ok(msg) => self.backlog.push_back(msg),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; received {:?}\nstderr:\n{}", self.backlog, self.stderr())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed stdout while waiting for {what}; stderr:\n{}", self.stderr())
                }
            }
        }
    }

    /// Waits for a notification `method` whose params satisfy `pred`.
    pub fn notification(&mut self, method: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        let msg = self.wait_for(method, |m| {
            m.get("method").and_then(Value::as_str) == Some(method) && m.get("id").is_none() && pred(&m["params"])
        });
        msg["params"].clone()
    }

    /// Waits for `publishDiagnostics` for `uri` (any version).
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri)
    }

    /// Collects what arrives within `wait` without consuming anything.
    pub fn drain(&mut self, wait: Duration) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        while let Ok(msg) = self.incoming.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            self.backlog.push_back(msg);
        }
        self.backlog.iter().cloned().collect()
    }

    /// `initialize` with the given client capabilities and options, then `initialized`.
    pub fn initialize(&mut self, capabilities: Value, options: Option<Value>) -> Value {
        let mut params = json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if let Some(o) = options {
            params["initializationOptions"] = o;
        }
        let result = self.request("initialize", params).unwrap_or_else(|e| panic!("initialize failed: {e}"));
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": version, "text": text } }),
        );
    }

    /// `didChange` with one ranged edit.
    pub fn edit(&mut self, uri: &str, version: i64, start: (u32, u32), end: (u32, u32), text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": {
                        "start": { "line": start.0, "character": start.1 },
                        "end": { "line": end.0, "character": end.1 },
                    },
                    "text": text,
                }],
            }),
        );
    }

    /// Closes the server's stdin.
    pub fn close_stdin(&mut self) {
        self.stdin.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    /// Waits for the process to end; `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
