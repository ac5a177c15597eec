#!/usr/bin/env python3
"""Generate server/data/catalog.json, the embedded offline image catalog.

Reads the four generated files of the shared offline data folder
(official-images.json, image-facts.json, eol.json, distros.json) and writes one
compact, minified JSON document that `crate::images::catalog` embeds with
`include_str!`. The layout is described in the module documentation of
server/src/images/catalog/mod.rs; keep the two in step (bump FORMAT when the
layout changes).

Usage (standard library only):

    python3 server/tools/gen_catalog.py [DATA_DIR] [OUT_FILE]

DATA_DIR defaults to /work/shared/data, OUT_FILE to server/data/catalog.json
next to this script. The output is deterministic: the same input gives the same
bytes.
"""

import json
import os
import sys

FORMAT = 1

# Products the catalog needs even though no official image maps to them:
# .NET for mcr.microsoft.com/dotnet/*, Windows for the windowsservercore and
# nanoserver variants.
EXTRA_PRODUCTS = ["dotnet", "windows-server-core", "windows-nano-server"]

# Ubuntu tags that float between releases rather than name one.
UBUNTU_FLOATING = {"latest", "rolling", "devel"}

LICENSES = {
    "docker-library/official-images": "Apache-2.0",
    "docker-library/docs": "MIT",
    "endoflife-date/endoflife.date": "MIT",
}


def load(data_dir, name):
    with open(os.path.join(data_dir, name), encoding="utf-8") as f:
        return json.load(f)


def milestone(value):
    """A date field of endoflife.date: "YYYY-MM-DD", "y" (true: reached, date
    unknown) or "" (false or absent)."""
    if value is True:
        return "y"
    if value is None or value is False:
        return ""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    raise ValueError(f"unexpected date value {value!r}")


def text(value):
    if value is None or value is False:
        return ""
    return str(value)


def repo_slug(url):
    url = url.rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    parts = url.split("/")
    return "/".join(parts[-2:])


def build(data_dir):
    official = load(data_dir, "official-images.json")
    facts = load(data_dir, "image-facts.json")
    eol = load(data_dir, "eol.json")
    distros = load(data_dir, "distros.json")

    o_meta = official["_meta"]
    f_meta = facts["_meta"]
    e_meta = eol["_meta"]["source"]

    sources = []
    for url, commit, date in [
        (o_meta["source"], o_meta["commit"], o_meta["commitDate"]),
        (f_meta["source"], f_meta["commit"], f_meta["commitDate"]),
        (e_meta["repository"], e_meta["commit"], e_meta["commitDate"]),
    ]:
        slug = repo_slug(url)
        sources.append([slug, commit, date, LICENSES[slug]])

    # Architectures are interned: each stanza stores a bit mask.
    arches = sorted(
        {a for img in official["images"].values() for s in img["stanzas"] for a in s["architectures"]}
    )
    if len(arches) > 52:
        raise ValueError("too many architectures for a JSON-safe integer mask")
    arch_bit = {a: 1 << i for i, a in enumerate(arches)}

    image_products = eol["_meta"]["imageToProducts"]
    wanted_products = set(EXTRA_PRODUCTS) | {"debian", "ubuntu", "alpine-linux"}

    images = []
    for name in sorted(official["images"]):
        img = official["images"][name]
        fact = facts["images"].get(name, {})
        stanzas = []
        for s in img["stanzas"]:
            mask = 0
            for a in s["architectures"]:
                mask |= arch_bit[a]
            stanzas.append([s["tags"], s["sharedTags"], mask, s.get("constraints", [])])
        entry = {"n": name, "s": stanzas}
        products = image_products.get(name, [])
        if products:
            entry["p"] = products
            wanted_products.update(products)
        aliases = sorted(fact.get("versionAliases", []))
        if aliases:
            entry["a"] = aliases
        if fact.get("deprecated"):
            entry["d"] = [fact.get("suggestedImages", []), fact.get("deprecatedLinks", [])]
        if fact.get("docBasedOnBuildpackDeps"):
            entry["bp"] = True
        images.append(entry)

    products = []
    for slug in sorted(wanted_products):
        p = eol["products"].get(slug)
        if p is None:
            raise ValueError(f"product {slug} missing from eol.json")
        rows = []
        for r in p["releases"]:
            lts = r.get("lts")
            rows.append(
                [
                    text(r["releaseCycle"]),
                    milestone(r.get("releaseDate")),
                    milestone(r.get("eol")),
                    milestone(r.get("eoes")),
                    milestone(r.get("eoas")),
                    milestone(lts) if lts is not None else "",
                    text(r.get("latest")),
                    text(r.get("codename")),
                ]
            )
        products.append([slug, p["title"], rows])

    debian = [[d["codename"], text(d["version"])] for d in distros["debian"]]
    ubuntu = [[u["codename"], text(u["version"]), bool(u.get("lts"))] for u in distros["ubuntu"]]
    # Development releases appear in the catalog before endoflife.date lists them
    # (ubuntu:26.10 "stonking"); the floating words are not codenames.
    known_ubuntu = {u[0] for u in ubuntu}
    for pair in distros.get("ubuntuInCatalog", []):
        tag, version = pair["tag"], pair.get("version")
        if tag in UBUNTU_FLOATING or tag in known_ubuntu or not version:
            continue
        ubuntu.insert(0, [tag, version, False])
        known_ubuntu.add(tag)
    debian_aliases = sorted([k, v] for k, v in distros["debianSuiteAliases"].items())
    debian_upcoming = [[d["codename"], text(d["version"])] for d in distros.get("debianUpcoming", [])]

    snapshot = o_meta["commitDate"][:10]
    return {
        "format": FORMAT,
        "snapshot": snapshot,
        "sources": sources,
        "arches": arches,
        "images": images,
        "products": products,
        "debian": debian,
        "ubuntu": ubuntu,
        "debianAliases": debian_aliases,
        "debianUpcoming": debian_upcoming,
    }


def check_borrowable(value, path="$"):
    """The Rust side borrows every string from the embedded text, which only
    works for strings that need no JSON escape."""
    if isinstance(value, str):
        if any(c in value for c in '"\\') or any(ord(c) < 0x20 for c in value):
            raise ValueError(f"string at {path} needs escaping: {value!r}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_borrowable(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_borrowable(k, f"{path}.{k}")
            check_borrowable(v, f"{path}.{k}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "data", "catalog.json")
    doc = build(data_dir)
    check_borrowable(doc)
    text_out = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text_out)
        f.write("\n")
    print(f"wrote {out}: {len(text_out.encode('utf-8'))} bytes, {len(doc['images'])} images, "
          f"{len(doc['products'])} products", file=sys.stderr)


if __name__ == "__main__":
    main()
