use expect_test::{Expect, expect};

use super::*;
use crate::ide::with_doc;
use crate::rules::testing::parse_fixture;

fn today() -> Date {
    Date::parse("2026-11-28").unwrap_or_else(|| unreachable!())
}

/// The hover at the fixture's `$0`, as `[range text]` and the markdown.
fn hover_at(fixture: &str, layers: bool) -> String {
    let f = parse_fixture(fixture);
    let at = f.cursor.unwrap_or_else(|| panic!("fixture without $0"));
    with_doc(&f.text, |d| {
        let opts = HoverOptions { layers, ..HoverOptions::new(today()) };
        match hover(d, at, &opts) {
            Some(h) => format!("[{}]\n{}\n", &f.text[h.range.clone()], h.markdown),
            None => "no hover\n".to_string(),
        }
    })
}

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&hover_at(fixture, false));
}

fn check_layers(fixture: &str, expect: Expect) {
    expect.assert_eq(&hover_at(fixture, true));
}

#[test]
fn python_slim() {
    check(
        "FROM pyt$0hon:3.12-slim\n",
        expect![[r#"
        [python:3.12-slim]
        **python:3.12-slim** — Python 3.12 on Debian 13 (trixie), slim variant

        - **OS** Debian 13 (trixie) · **libc** glibc · **package manager** apt-get · **shell** /bin/sh
        - **Size** ~45 MB compressed download for linux/amd64 (approximate as of 2026-08); unpacked on disk 2–3× larger
        - **Today** the same image as `3.12.14-slim-trixie` (also tagged `3.12-slim-trixie`, `3.12.14-slim`)
        - **Architectures** amd64, arm32v5, arm32v7, arm64v8, i386, ppc64le, riscv64, s390x

        **Support**

        - Python 3.12: security fixes only, until 2028-10-31
        - Debian 13 (trixie): security fixes until 2028-08-09, then Debian LTS (free, by volunteers) until 2030-06-30

        **Slim variant** — Debian (`-slim`, `-slim-trixie`, `trixie-slim` for Node) with only the packages the runtime needs. No compiler, no -dev headers, no git. For the `debian` image itself, `-slim` drops documentation, man pages and locales. The usual production base for Python, Node, Ruby and similar interpreters: glibc compatibility with a fraction of the default variant's size.

        | variant | tag | compressed | when to pick it |
        |---|---|---|---|
        | **slim** (this) | `3.12-slim` | ~45 MB | production default |
        | alpine | `3.12-alpine` | ~25 MB | smallest, if every dependency has a musllinux wheel or is pure Python; musl: packages without a musllinux wheel (`psycopg2`, `mysqlclient` …) need build tools or fail |
        | full | `3.12` | ~0.4 GB | build stage: compilers and headers included; avoid as a production base |

        - slim vs full: the full image (about 0.4 GB compressed, about 1 GB unpacked) only adds build tools; the slim one is about 45 MB compressed
        - alpine vs slim: alpine saves roughly 20 MB but packages without a musllinux wheel compile from source, which needs build-base and headers and can end up larger and slower to build than slim

        Offline catalog of 2026-08-21 · sizes approximate as of 2026-08 · [Docker Hub](https://hub.docker.com/_/python)
    "#]],
    );
}

#[test]
fn python_eol() {
    check(
        "FROM python:3.8$0\n",
        expect![[r#"
        [python:3.8]
        **python:3.8** — Python 3.8 on Debian, full variant with compilers and -dev headers

        `python:3.8` is **no longer maintained**: the tag still pulls, but its maintainers no longer rebuild it with security updates.

        - **OS** Debian · **libc** glibc · **package manager** apt-get · **shell** /bin/sh
        - **Size** ~0.4 GB compressed download for linux/amd64 (approximate as of 2026-08, measured for `python:3.12`); unpacked on disk 2–3× larger

        **Support**

        - **Python 3.8: past end of life since 2024-10-07**: no more security fixes
        - Newest supported tag with the same variant: `python:3.14`

        **Default (full) variant** — The plain version tag, e.g. `python:3.12`: Debian with the buildpack-deps layers on top, so a C compiler, make, git and many -dev headers come preinstalled. It is the largest variant by far. For build stages that compile native code, CI jobs and throwaway experiments. Copy the result into a slim, distroless or scratch stage instead of shipping this image.

        | variant | tag | compressed | when to pick it |
        |---|---|---|---|
        | slim | `3.12-slim` | ~45 MB | production default |
        | alpine | `3.12-alpine` | ~25 MB | smallest, if every dependency has a musllinux wheel or is pure Python; musl: packages without a musllinux wheel (`psycopg2`, `mysqlclient` …) need build tools or fail |
        | **full** (this) | `3.8` | ~0.4 GB | build stage: compilers and headers included; avoid as a production base |

        - slim vs full: the full image (about 0.4 GB compressed, about 1 GB unpacked) only adds build tools; the slim one is about 45 MB compressed
        - alpine vs slim: alpine saves roughly 20 MB but packages without a musllinux wheel compile from source, which needs build-base and headers and can end up larger and slower to build than slim

        Offline catalog of 2026-08-21 · sizes approximate as of 2026-08 · [Docker Hub](https://hub.docker.com/_/python)
    "#]],
    );
}

#[test]
fn node_alpine() {
    check(
        "FROM $0node:22-alpine AS web\n",
        expect![[r#"
        [node:22-alpine]
        **node:22-alpine** — Node.js 22 on Alpine Linux 3.24

        - **OS** Alpine Linux 3.24 · **libc** musl · **package manager** apk · **shell** /bin/sh
        - **Size** ~55 MB compressed download for linux/amd64 (approximate as of 2026-08, measured for `node:24-alpine`); unpacked on disk 2–3× larger
        - **Today** the same image as `22.23.2-alpine3.24` (also tagged `22-alpine3.24`, `22.23-alpine`, `22.23-alpine3.24`, `22.23.2-alpine`, `jod-alpine`, `jod-alpine3.24`)
        - **Architectures** amd64, arm32v6, arm32v7, arm64v8, s390x

        **Support**

        - **Node.js 22 LTS: support ends 2027-04-30** (in about 5 months)
        - Alpine Linux 3.24: security fixes until 2028-06-01
        - Newest supported tag with the same variant: `node:26-alpine`

        **Alpine variant** — Built on Alpine Linux (`-alpine`, `-alpine3.22`): musl libc instead of glibc, BusyBox tools and the `apk` package manager. The smallest variant with a shell and a package manager. When image size matters and everything you run is either pure interpreted code or available as an Alpine package or musl build. Great for Go and static binaries, riskier for Python with C extensions.

        | variant | tag | compressed | when to pick it |
        |---|---|---|---|
        | slim | `22-slim` | ~80 MB | production default |
        | **alpine** (this) | `22-alpine` | ~55 MB | small, if native addons have musl builds |
        | full | `22` | ~0.4 GB | build stage with node-gyp toolchain; avoid as a production base |

        - Odd-numbered majors are never LTS and stop getting fixes after about six months
        - alpine is musl: native addons need musl prebuilds or compile with python3, make and g++

        Offline catalog of 2026-08-21 · sizes approximate as of 2026-08 · [Docker Hub](https://hub.docker.com/_/node)
    "#]],
    );
}

#[test]
fn openjdk_deprecated() {
    check(
        "FROM openjdk:21$0\n",
        expect![[r#"
            [openjdk:21]
            **openjdk:21** — OpenJDK builds from Oracle 21 on Oracle Linux

            **Deprecated image**: its maintainers stopped publishing it; they point to `amazoncorretto`, `eclipse-temurin`, `ibm-semeru-runtimes`, `ibmjava`, `sapmachine`. Move to `eclipse-temurin` (closest drop-in), `amazoncorretto`, `sapmachine` or `ibm-semeru-runtimes`.

            `openjdk:21` is **no longer maintained**: the tag still pulls, but its maintainers no longer rebuild it with security updates.

            - **OS** Oracle Linux · **libc** glibc · **package manager** microdnf · **shell** /bin/sh

            **Support**

            - **OpenJDK builds from Oracle 21: past end of life since 2024-03-19**: no more security fixes

            - Old tags such as `openjdk:17` or `openjdk:11-jre-slim` still pull but have not received updates for years

            Offline catalog of 2026-08-21 · [Docker Hub](https://hub.docker.com/_/openjdk)
        "#]],
    );
}

#[test]
fn distroless() {
    check(
        "FROM gcr.io/distroless/static-debian12$0\n",
        expect![[r#"
        [gcr.io/distroless/static-debian12]
        **gcr.io/distroless/static-debian12** — Google distroless `static-debian12` on Debian 12 (bookworm)

        - **OS** Debian 12 (bookworm) · **libc** none · **package manager** none · **shell** none (exec-form CMD/ENTRYPOINT only, no RUN)
        - **Size** ~1 MB compressed download for linux/amd64 (approximate as of 2026-08, measured for `gcr.io/distroless/static-debian13:nonroot`); unpacked on disk 2–3× larger

        **Support**

        - Debian 12 (bookworm): regular security support ended 2026-07-11; the Debian LTS team continues with free security fixes until 2028-06-30 (LTS covers fewer packages and architectures); Debian 13 (trixie) is the current release

        **Distroless** — Google's `gcr.io/distroless/*` images: a Debian-derived runtime without a shell or package manager. `static` holds CA certificates, tzdata and a passwd file; `base` adds glibc and OpenSSL; `cc` adds libgcc and libstdc++; language images add a runtime (python3, java, nodejs). As the final stage of a multi-stage build when you want glibc compatibility and a minimal attack surface: Go or Rust binaries on `static`/`cc`, JVM apps on `java`.

        | variant | tag | compressed | when to pick it |
        |---|---|---|---|
        | **static** (this) | `gcr.io/distroless/static-debian13:nonroot` | ~1 MB | fully static binaries |
        | base | `gcr.io/distroless/base-debian13:nonroot` | ~8 MB | binaries linked against glibc and OpenSSL |
        | cc | `gcr.io/distroless/cc-debian13:nonroot` | ~10 MB | adds libgcc/libstdc++ (Rust, C++) |

        - Tiny attack surface; scanners see only the handful of Debian packages inside
        - No shell or package manager: build and install everything in an earlier stage
        - The language images carry Debian's version of the runtime; you cannot pick a patch version

        Offline: from the image's naming conventions · sizes approximate as of 2026-08 · [registry page](https://github.com/GoogleContainerTools/distroless)
    "#]],
    );
}

#[test]
fn unknown_private_image() {
    check(
        "FROM registry.internal:5000/team/app:1.2$0\n",
        expect![[r#"
        [registry.internal:5000/team/app:1.2]
        **registry.internal:5000/team/app:1.2**

        | part | value |
        |---|---|
        | registry | `registry.internal:5000` |
        | repository | `team/app` |
        | tag | `1.2` |
        | digest | — |

        An image on `registry.internal:5000`, not an official image; no offline data about its OS, size or support.
    "#]],
    );
}

#[test]
fn stage_chain_with_layers() {
    check_layers(
        "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM ba$0se AS final\nCOPY . .\nENV PORT=8000\nCMD [\"python\", \"app.py\"]\n",
        expect![[r#"
            [base]
            **stage base (line 1)** — FROM `python:3.12-slim`

            Base image `python:3.12-slim`: Python 3.12 on Debian 13 (trixie), slim variant (~45 MB compressed)

            Used by line 5 (FROM).

            **Layers of stage final (line 5)**

            ```text
            ┌─ stage final (line 5) ───────────────────────┐
            │ CMD ["python", "app.py"]                     │ metadata
            │ ENV PORT=8000                                │ metadata
            │ COPY . .                                     │ + layer
            ├─ stage base (line 1) ────────────────────────┤
            │ RUN pip install -r requirements.txt          │ + layer
            │ COPY requirements.txt .                      │ + layer
            │ WORKDIR /app                                 │ metadata
            ├─ base image ─────────────────────────────────┤
            │ python:3.12-slim                             │ ~45 MB
            └──────────────────────────────────────────────┘
            ```

            3 filesystem layers and 3 metadata changes on top of the base image. RUN, COPY and ADD add filesystem layers; the other instructions only change the image's configuration.
        "#]],
    );
}

#[test]
fn image_with_variables_and_layers() {
    check_layers(
        "ARG PY=3.12\nFROM python:${PY}-sl$0im\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]\n",
        expect![[r#"
            [python:${PY}-slim]
            `python:${PY}-slim` resolves to `python:3.12-slim`

            - `PY` = `3.12` (the default, ARG on line 1)

            **python:3.12-slim** — Python 3.12 on Debian 13 (trixie), slim variant

            - **OS** Debian 13 (trixie) · **libc** glibc · **package manager** apt-get · **shell** /bin/sh
            - **Size** ~45 MB compressed download for linux/amd64 (approximate as of 2026-08); unpacked on disk 2–3× larger
            - **Today** the same image as `3.12.14-slim-trixie` (also tagged `3.12-slim-trixie`, `3.12.14-slim`)
            - **Architectures** amd64, arm32v5, arm32v7, arm64v8, i386, ppc64le, riscv64, s390x

            **Support**

            - Python 3.12: security fixes only, until 2028-10-31
            - Debian 13 (trixie): security fixes until 2028-08-09, then Debian LTS (free, by volunteers) until 2030-06-30

            **Slim variant** — Debian (`-slim`, `-slim-trixie`, `trixie-slim` for Node) with only the packages the runtime needs. No compiler, no -dev headers, no git. For the `debian` image itself, `-slim` drops documentation, man pages and locales. The usual production base for Python, Node, Ruby and similar interpreters: glibc compatibility with a fraction of the default variant's size.

            | variant | tag | compressed | when to pick it |
            |---|---|---|---|
            | **slim** (this) | `3.12-slim` | ~45 MB | production default |
            | alpine | `3.12-alpine` | ~25 MB | smallest, if every dependency has a musllinux wheel or is pure Python; musl: packages without a musllinux wheel (`psycopg2`, `mysqlclient` …) need build tools or fail |
            | full | `3.12` | ~0.4 GB | build stage: compilers and headers included; avoid as a production base |

            - slim vs full: the full image (about 0.4 GB compressed, about 1 GB unpacked) only adds build tools; the slim one is about 45 MB compressed
            - alpine vs slim: alpine saves roughly 20 MB but packages without a musllinux wheel compile from source, which needs build-base and headers and can end up larger and slower to build than slim

            Offline catalog of 2026-08-21 · sizes approximate as of 2026-08 · [Docker Hub](https://hub.docker.com/_/python)

            ---

            **Layers of stage 0 (line 2)**

            ```text
            ┌─ stage 0 (line 2) ───────────────────────────┐
            │ CMD ["python", "/app/main.py"]               │ metadata
            │ COPY . /app                                  │ + layer
            ├─ base image ─────────────────────────────────┤
            │ python:3.12-slim                             │ ~45 MB
            └──────────────────────────────────────────────┘
            ```

            1 filesystem layer and 1 metadata change on top of the base image. RUN, COPY and ADD add filesystem layers; the other instructions only change the image's configuration.
        "#]],
    );
}

#[test]
fn variable_use() {
    check(
        "ARG PY=3.12\nFROM python:${PY}-slim\nARG PY\nRUN echo $P$0Y\n",
        expect![[r#"
        [$PY]
        **`$PY`** — build argument (ARG)

        - Value: `3.12` (the global ARG's default)
        - Defined on line 3: `ARG PY`
        - Build-time only, in stage 0: from this line to the end of the stage; not in the environment of containers run from the image.
        - Expanded by the shell when the command runs.
    "#]],
    );
}

#[test]
fn global_arg_not_redeclared() {
    check(
        "ARG PY=3.12\nFROM python:${PY}-slim\nRUN echo $P$0Y\n",
        expect![[r#"
        [$PY]
        **`$PY`** — not defined here

        - A global ARG exists (line 1: `ARG PY=3.12`), but a stage sees global ARGs only after re-declaring them: add `ARG PY` in this stage.
        - The base image `python` does not set it either.
    "#]],
    );
}

#[test]
fn automatic_arg_undeclared_in_stage() {
    check(
        "FROM alpine\nRUN echo $TARGET$0ARCH\n",
        expect![[r#"
        [$TARGETARCH]
        **`$TARGETARCH`** — automatic platform ARG: the CPU architecture of the target platform (e.g. `amd64`, `arm64`).

        **Not declared in this stage**, so it is empty here. Add `ARG TARGETARCH` after the stage's FROM to use it.
    "#]],
    );
}

#[test]
fn flag() {
    check(
        "FROM alpine\nRUN --mo$0unt=type=cache,target=/root/.cache true\n",
        expect![[r#"
        [--mount=type=cache,target=/root/.cache]
        **`--mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]`** (RUN) — Mount a cache, secret, SSH agent, tmpfs or files from another stage for this command only.

        **`type=cache`** — A persistent cache folder shared between builds (package manager and compiler caches). Its content never ends up in the image.

        | option | meaning |
        |---|---|
        | `target` | Where to mount the cache (required), e.g. /root/.cache/pip. |
        | `id` | Cache id (default: the target path); the same id shares one cache. |
        | `sharing` | How concurrent builds share it: shared (default), private or locked. |
        | `readonly` | Mount read-only. |
        | `from` | Stage to seed the cache from (default: empty). |
        | `source` | Path in `from` to seed it with. |
        | `mode` | Permissions of a new cache folder, octal (default 0755). |
        | `uid` | Owner user id of a new cache folder (default 0). |
        | `gid` | Owner group id of a new cache folder (default 0). |

        [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run)
    "#]],
    );
}

#[test]
fn keyword() {
    check(
        "FROM alpine\nWORK$0DIR /app\n",
        expect![[r#"
        [WORKDIR]
        **WORKDIR** — The working folder for the instructions that follow and for containers; created if missing. Use absolute paths.

        ```dockerfile
        WORKDIR /path/to/workdir
        ```

        Changes only metadata (no filesystem layer).

        [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#workdir)
    "#]],
    );
}

#[test]
fn unresolved_variable_in_from() {
    check(
        "ARG TAG\nFROM registry.internal/app:${T$0AG2}\n",
        expect![[r#"
            [${TAG2}]
            **`$TAG2`** — not defined here

            - No global ARG of this name is declared before this line: FROM lines see only global ARGs. It expands to an empty string.
        "#]],
    );
    check(
        "ARG TAG\nFROM registry.internal/app:$TAG$0-x\n",
        expect![[r#"
        [$TAG]
        **`$TAG`** — build argument (ARG)

        - No default: empty unless set with `--build-arg`
        - Defined on line 1: `ARG TAG`
        - Global build argument (before the first FROM): usable in FROM lines; a stage sees it only after re-declaring it with `ARG TAG`.
    "#]],
    );
}

#[test]
fn live_data_gives_exact_sizes() {
    use crate::images::registry::{LiveTag, PlatformImage, TagList};
    let live = |_: &crate::syntax::image_ref::NormalizedRef| LiveInfo {
        tags: Some(std::sync::Arc::new(TagList {
            registry: "docker.io".into(),
            repository: "library/python".into(),
            fetched_at: std::time::SystemTime::UNIX_EPOCH,
            tags: vec![LiveTag {
                name: "3.12-slim".into(),
                digest: None,
                last_pushed: Some("2026-11-20T08:00:00Z".into()),
                platforms: vec![PlatformImage {
                    platform: "linux/amd64".into(),
                    compressed_size: 44_812_345,
                    digest: None,
                }],
            }],
            truncated: false,
        })),
        pending: false,
    };
    let f = parse_fixture("FROM python:3.12-slim$0\n");
    let md = with_doc(&f.text, |d| {
        let opts = HoverOptions { layers: false, live: Some(&live), ..HoverOptions::new(today()) };
        hover(d, f.cursor.unwrap_or(0), &opts).map(|h| h.markdown).unwrap_or_default()
    });
    assert!(md.contains("**Size** 44.8 MB compressed download (linux/amd64, live from Docker Hub)"), "{md}");
    assert!(md.contains("Tags live from Docker Hub, tag pushed 2026-11-20"), "{md}");
    assert!(!md.contains("**Size** ~"), "no approximate size next to the exact one:\n{md}");
}

#[test]
fn copy_from_an_image() {
    let h = hover_at("FROM alpine\nCOPY --from=nginx:1.27-alp$0ine /etc/nginx /etc/nginx\n", false);
    assert!(
        h.starts_with("[nginx:1.27-alpine]\nNot a stage of this Dockerfile, so BuildKit pulls it as an image."),
        "{h}"
    );
    assert!(h.contains("**nginx:1.27-alpine** — "), "{h}");
}

#[test]
fn arg_definition_and_unused_stage() {
    check(
        "FROM alpine AS to$0ols\nFROM alpine\n",
        expect![[r#"
        [tools]
        **stage tools (line 1)** — FROM `alpine`

        Base image `alpine`: Alpine Linux 3.24 (~3.8 MB compressed)

        Nothing references this stage and it is not the final one: BuildKit skips it unless you build it with `--target tools`.
    "#]],
    );
    check(
        "FROM alpine\nARG VER$0SION=1.0\nRUN echo $VERSION\n",
        expect![[r#"
        [VERSION]
        **`$VERSION`** — build argument (ARG)

        - Value: `1.0` (the default)
        - Build-time only, in stage 0: from this line to the end of the stage; not in the environment of containers run from the image.
        - Used once.
    "#]],
    );
}

#[test]
fn scratch_and_directives() {
    check(
        "FROM scr$0atch\n",
        expect![[r#"
            [scratch]
            **scratch** — the empty image: no files, no shell, no libc

            - **OS** none (scratch) · **libc** none · **package manager** none · **shell** none (exec-form CMD/ENTRYPOINT only, no RUN)

            **scratch (empty image)** — `FROM scratch` starts from nothing: no files, no shell, no libc, no CA certificates, no /etc/passwd, no time zone data. It is a reserved name, not an image you pull, and it takes no tag. For fully static binaries (Go with CGO_ENABLED=0, Rust built for musl) when you want the smallest possible image and nothing else inside it.

            - Nothing but your files: the smallest possible image
            - No shell, libc, CA certificates, time zone data or users

            Offline catalog of 2026-08-21 · [Docker Hub](https://hub.docker.com/_/scratch)
        "#]],
    );
    check(
        "# sy$0ntax=docker/dockerfile:1\nFROM alpine\n",
        expect![[r#"
        [# syntax=docker/dockerfile:1]
        **Parser directive `# syntax=`** — The Dockerfile frontend image to build with; `docker/dockerfile:1` follows the latest stable 1.x.

        Example: `# syntax=docker/dockerfile:1`. Directives must come before any other line, comment or blank line.
    "#]],
    );
}

#[test]
fn nothing_on_plain_arguments() {
    assert_eq!(hover_at("FROM alpine\nCOPY sr$0c/ /app/\n", false), "no hover\n");
    assert_eq!(hover_at("FROM alpine\nRUN echo hel$0lo\n", false), "no hover\n");
}
