#!/usr/bin/env python3
"""Checks editors/helix/languages.toml the way Helix reads it.

    python3 tests/editors/check-helix.py [path/to/languages.toml]

Standard library only (tomllib, Python 3.11+). Exit status 0 when every check
passes. Checks: the file is valid TOML; it defines the `dockerfile-lsp` language
server running the `dockerfile-lsp` binary; the `dockerfile` language uses it;
its file-types cover Dockerfile/Containerfile names (and not unrelated ones);
the settings in `config` and in the commented examples use only keys from
editors/settings.json.
"""

import fnmatch
import json
import os
import re
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    message = "python3 >= 3.11 is needed for tomllib"
    if os.environ.get("CI") == "true":
        print(f"FAIL: {message}")
        sys.exit(1)
    print(f"SKIP: {message}")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOML_PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "editors", "helix", "languages.toml")
SETTINGS_PATH = os.path.join(REPO, "editors", "settings.json")

SHOULD_MATCH = [
    "Dockerfile",
    "Dockerfile.dev",
    "Dockerfile.prod.arm64",
    "api.Dockerfile",
    "api.dockerfile",
    "Containerfile",
    "Containerfile.test",
]
SHOULD_NOT_MATCH = ["notes.txt", "Dockerfiles.txt", "docker-compose.yml", "Makefile", "dockerfile.md"]

passed = 0
failed = 0


def check(condition, description):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {description}")
    else:
        failed += 1
        print(f"FAIL {description}")


def matches(file_types, name):
    """Helix: a plain string is a file extension or a whole file name; a glob is matched against the name."""
    for entry in file_types:
        if isinstance(entry, str):
            if name == entry or name.endswith("." + entry):
                return True
        elif isinstance(entry, dict) and "glob" in entry:
            if fnmatch.fnmatchcase(name, entry["glob"]):
                return True
    return False


def unknown_keys(settings, spec, prefix=""):
    """Key paths in `settings` that editors/settings.json does not define."""
    unknown = []
    for key, value in settings.items():
        path = f"{prefix}{key}"
        if path in spec:
            continue
        if isinstance(value, dict) and any(known.startswith(path + ".") for known in spec):
            unknown.extend(unknown_keys(value, spec, path + "."))
        else:
            unknown.append(path)
    return unknown


def main():
    with open(TOML_PATH, "rb") as handle:
        raw = handle.read()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        print(f"FAIL {TOML_PATH} is not valid TOML: {error}")
        return 1
    check(True, f"{os.path.relpath(TOML_PATH, REPO)} is valid TOML")
    with open(SETTINGS_PATH, encoding="utf-8") as handle:
        spec = json.load(handle)

    server = data.get("language-server", {}).get("dockerfile-lsp")
    check(isinstance(server, dict), "[language-server.dockerfile-lsp] is defined")
    server = server or {}
    check(server.get("command") == "dockerfile-lsp", 'its command is the "dockerfile-lsp" binary')
    args = server.get("args", [])
    check(isinstance(args, list) and set(args) <= {"--stdio"}, f"its args are empty or --stdio (got {args!r})")

    config = server.get("config")
    check(
        isinstance(config, dict) and isinstance(config.get("dockerfileLsp"), dict),
        "config is a table with a dockerfileLsp table (initializationOptions and workspace/configuration)",
    )
    settings = (config or {}).get("dockerfileLsp") or {}
    bad = unknown_keys(settings, spec)
    check(not bad, f"config.dockerfileLsp uses only keys from editors/settings.json (unknown: {bad})")

    examples = re.findall(r"^#\s+(config\s*=\s*\{.*\})\s*$", raw.decode("utf-8"), re.MULTILINE)
    check(len(examples) >= 2, f"a couple of commented config examples ({len(examples)} found)")
    for example in examples:
        try:
            parsed = tomllib.loads(example)
        except tomllib.TOMLDecodeError as error:
            check(False, f"example is valid TOML: {example} ({error})")
            continue
        inner = parsed.get("config", {}).get("dockerfileLsp")
        bad = unknown_keys(inner, spec) if isinstance(inner, dict) else ["<no dockerfileLsp table>"]
        check(not bad, f"example uses only known settings: {example} (unknown: {bad})")

    languages = [entry for entry in data.get("language", []) if entry.get("name") == "dockerfile"]
    check(len(languages) == 1, 'exactly one [[language]] named "dockerfile"')
    language = languages[0] if languages else {}
    names = [entry if isinstance(entry, str) else entry.get("name") for entry in language.get("language-servers", [])]
    check("dockerfile-lsp" in names, f'language-servers includes "dockerfile-lsp" (got {names!r})')

    file_types = language.get("file-types", [])
    missed = [name for name in SHOULD_MATCH if not matches(file_types, name)]
    check(not missed, f"file-types cover Dockerfile and Containerfile names (missed: {missed})")
    wrong = [name for name in SHOULD_NOT_MATCH if matches(file_types, name)]
    check(not wrong, f"file-types do not claim unrelated files (claimed: {wrong})")

    roots = language.get("roots", [])
    check(".git" in roots and ".dockerignore" in roots, f"roots include .git and .dockerignore (got {roots!r})")

    print(f"helix: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
