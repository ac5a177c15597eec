#!/usr/bin/env python3
"""Text capture of a hover and a completion list from the real server, as shown in
the README ("What it looks like").

    python3 tests/bench/capture.py [SERVER]     (default: target/release/dockerfile-lsp)

Offline (registry lookups off): what every user sees without a network.
"""
import json
import os
import subprocess
import sys

DOCKERFILE = "FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir flask\nFROM python:3.12-\n"


class Server:
    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.proc.stdout.read(1)
            if not byte:
                raise SystemExit("the server closed its output")
            header += byte
        length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if "method" in msg and "id" in msg:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            elif msg.get("id") == self.next_id:
                if "error" in msg:
                    raise SystemExit(f"{method}: {msg['error']}")
                return msg.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def main():
    server = sys.argv[1] if len(sys.argv) > 1 else os.path.join("target", "release", "dockerfile-lsp")
    s = Server([server])
    caps = {"textDocument": {"hover": {"contentFormat": ["markdown"]}, "completion": {"completionItem": {}}}}
    s.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps,
                             "initializationOptions": {"registry": {"enabled": False}}})
    s.notify("initialized", {})
    uri = "file:///capture/Dockerfile"
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1,
                                                       "text": DOCKERFILE}})
    doc = {"uri": uri}
    hover = s.request("textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 7}})
    completion = s.request("textDocument/completion", {"textDocument": doc, "position": {"line": 2, "character": 17}})
    s.request("shutdown", None)
    s.notify("exit", None)

    print("Hover on `python` in `FROM python:3.12-slim AS build`:\n")
    print("\n".join("> " + line if line else ">" for line in hover["contents"]["value"].splitlines()))
    items = completion["items"] if isinstance(completion, dict) else completion
    items.sort(key=lambda i: i.get("sortText", i["label"]))
    typed = "3.12-"
    shown = [i for i in items if i.get("filterText", i["label"]).startswith(typed)]
    print(f"\nCompletion after `FROM python:{typed}` ({len(items)} tags offered, {len(shown)} start with `{typed}`;"
          " the first is preselected):\n")
    print("```text")
    for i in shown[:12]:
        print(f"{i['label']:<22} {i.get('detail', '')}")
    print("```")


if __name__ == "__main__":
    main()
