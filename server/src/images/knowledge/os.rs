//! Operating-system bases, minimal runtimes and a few utility images.
//!
//! Sizes: compressed download for linux/amd64, approximate, as of `SIZES_AS_OF`. For the
//! registry families (UBI, distroless, Chainguard) `example_tag` is the repository path
//! below the family prefix plus the tag.

use super::{ImageKnowledge, VariantSize, env};

pub(super) static IMAGES: &[ImageKnowledge] = &[
    ImageKnowledge {
        name: "alpine",
        title: "Alpine Linux",
        summary: "A minimal distribution built on musl libc and BusyBox, with the apk \
                  package manager. About 4 MB to download.",
        typical_use: "Small base for static binaries, shell utilities and images where you \
                      install everything yourself.",
        recommended: "A pinned minor release (e.g. `3.24`) rather than `latest` or `edge`.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "3.24",
            approx_compressed_mb: 3.8,
            when: "the only variant",
        }],
        tradeoffs: &[
            "Smallest mainstream base with a package manager",
            "musl: glibc-linked binaries and Python manylinux wheels do not work",
            "Each minor release gets about two years of security fixes",
        ],
        gotchas: &[
            "Use `apk add --no-cache` so the package index does not stay in the layer; group \
             build-only packages with `--virtual .build-deps` and `apk del` them in the same RUN",
            "`/bin/sh` is BusyBox ash; bash, curl and tzdata are not installed by default",
            "A glibc binary fails with a confusing 'not found' error (its loader is missing), \
             even though the file exists",
            "`edge` is the development branch; do not build on it",
        ],
        env: env::PATH_ONLY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/alpine"),
    },
    ImageKnowledge {
        name: "debian",
        title: "Debian",
        summary: "Debian's official minimal root filesystem, per release (`trixie` = 13, \
                  `bookworm` = 12, `bullseye` = 11), with a `-slim` variant.",
        typical_use: "General-purpose glibc base; the base of most official language images.",
        recommended: "`trixie-slim` (the current stable, slim): glibc compatibility with a \
                      small footprint.",
        variants: &[
            VariantSize {
                variant: "slim",
                example_tag: "trixie-slim",
                approx_compressed_mb: 30.0,
                when: "production default",
            },
            VariantSize {
                variant: "default",
                example_tag: "trixie",
                approx_compressed_mb: 49.0,
                when: "when you want docs, man pages and locales",
            },
        ],
        tradeoffs: &[
            "Large package archive and glibc, so almost everything installs with apt-get",
            "Stable releases get about three years of regular security support, then about \
             two years of LTS",
        ],
        gotchas: &[
            "Use apt-get (stable CLI) rather than apt in Dockerfiles, with update and install \
             in the same RUN, `--no-install-recommends`, and `rm -rf /var/lib/apt/lists/*`",
            "Set DEBIAN_FRONTEND=noninteractive with ARG (build only), not ENV",
            "`latest` and `stable` move to the next Debian release when it comes out; pin a \
             codename",
        ],
        env: env::PATH_ONLY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/debian"),
    },
    ImageKnowledge {
        name: "ubuntu",
        title: "Ubuntu",
        summary: "Canonical's minimal Ubuntu root filesystem for each release; `latest` is \
                  the newest LTS, `rolling` the newest release of any kind.",
        typical_use: "glibc base when you need Ubuntu packages, PPAs or its support window.",
        recommended: "An LTS by version or codename (e.g. `24.04`/`noble` or `26.04`/`resolute`).",
        variants: &[
            VariantSize { variant: "noble", example_tag: "24.04", approx_compressed_mb: 30.0, when: "24.04 LTS" },
            VariantSize {
                variant: "resolute",
                example_tag: "26.04",
                approx_compressed_mb: 42.0,
                when: "26.04 LTS (current `latest`)",
            },
        ],
        tradeoffs: &[
            "Five years of free security updates per LTS, more with paid Ubuntu Pro (ESM)",
            "Somewhat bigger than debian-slim, and newer releases have grown",
        ],
        gotchas: &[
            "Since 23.04 the image contains a user `ubuntu` with UID/GID 1000: \
             `useradd -u 1000` fails; reuse or rename that user",
            "The image is minimized (no man pages, trimmed docs) and has no sudo",
            "Same apt-get rules as Debian: update and install in one RUN, clean the lists",
        ],
        env: env::PATH_ONLY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/ubuntu"),
    },
    ImageKnowledge {
        name: "busybox",
        title: "BusyBox",
        summary: "A single binary providing sh and a few hundred Unix tools as applets; \
                  variants linked against glibc (default), musl or uClibc.",
        typical_use: "Tiny utility containers, init containers, copying a shell into \
                      minimal images.",
        recommended: "The default (glibc) or `musl` tag; pin the version.",
        variants: &[
            VariantSize { variant: "default", example_tag: "1.38", approx_compressed_mb: 2.2, when: "glibc build" },
            VariantSize {
                variant: "musl",
                example_tag: "1.38-musl",
                approx_compressed_mb: 0.9,
                when: "static musl build, handy to copy elsewhere",
            },
        ],
        tradeoffs: &["Has a shell but no package manager: anything else must be copied in"],
        gotchas: &[
            "Applets are simplified versions of the GNU tools; options and behaviour differ",
            "Not a base for applications that need libraries: there is no way to install them",
        ],
        env: env::PATH_ONLY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/busybox"),
    },
    ImageKnowledge {
        name: "fedora",
        title: "Fedora",
        summary: "Fedora's container base image, with dnf (dnf5 since Fedora 41).",
        typical_use: "Recent toolchains and libraries; testing against Fedora.",
        recommended: "A pinned release number (e.g. `44`).",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "44",
            approx_compressed_mb: 65.0,
            when: "the only variant",
        }],
        tradeoffs: &["Each release is supported for only about 13 months"],
        gotchas: &[
            "dnf is dnf5 from Fedora 41 on: some options and plugins of the old dnf differ",
            "Finish install steps with `dnf clean all` to keep caches out of the layer",
        ],
        env: env::FEDORA,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/fedora"),
    },
    ImageKnowledge {
        name: "rockylinux",
        title: "Rocky Linux (deprecated official image)",
        summary: "RHEL-compatible distribution. The Docker Official Image is deprecated and no \
                  longer updated; Rocky publishes `rockylinux/rockylinux` instead.",
        typical_use: "RHEL-compatible base without a Red Hat subscription.",
        recommended: "Switch to `rockylinux/rockylinux:<version>` (or \
                      quay.io/rockylinux/rockylinux).",
        variants: &[
            VariantSize { variant: "default", example_tag: "9", approx_compressed_mb: 65.0, when: "dnf available" },
            VariantSize {
                variant: "minimal",
                example_tag: "9-minimal",
                approx_compressed_mb: 40.0,
                when: "smaller, microdnf",
            },
        ],
        tradeoffs: &["The official-library tags are frozen at an old point release"],
        gotchas: &[
            "`rockylinux:9` is stuck at 9.3 from 2023 and misses years of fixes",
            "`-minimal` has microdnf instead of dnf",
        ],
        env: env::PATH_ONLY,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/r/rockylinux/rockylinux"),
    },
    ImageKnowledge {
        name: "almalinux",
        title: "AlmaLinux",
        summary: "A community RHEL-compatible distribution, with standard and `-minimal` \
                  images.",
        typical_use: "RHEL-compatible base without a Red Hat subscription.",
        recommended: "A pinned major (e.g. `10`); `-minimal` for runtime images.",
        variants: &[
            VariantSize { variant: "default", example_tag: "10", approx_compressed_mb: 70.0, when: "dnf available" },
            VariantSize {
                variant: "minimal",
                example_tag: "10-minimal",
                approx_compressed_mb: 35.0,
                when: "smaller, microdnf",
            },
        ],
        tradeoffs: &["Long support per major (about ten years), like RHEL"],
        gotchas: &["`-minimal` has microdnf instead of dnf; `kitten` tags track the upstream \
                    development stream"],
        env: env::PATH_ONLY,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/almalinux"),
    },
    ImageKnowledge {
        name: "amazonlinux",
        title: "Amazon Linux",
        summary: "AWS's Linux distribution: Amazon Linux 2023 (dnf) and the older Amazon \
                  Linux 2 (yum). The Docker Hub listing is marked deprecated; AWS also \
                  publishes it on public.ecr.aws/amazonlinux/amazonlinux.",
        typical_use: "Matching the environment of EC2, Lambda or other AWS services.",
        recommended: "`2023`.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "2023",
            approx_compressed_mb: 52.0,
            when: "Amazon Linux 2023",
        }],
        tradeoffs: &["Not RHEL or Fedora: package names and repositories are its own; no EPEL \
                      on 2023"],
        gotchas: &[
            "Amazon Linux 2 reached end of support in mid-2026",
            "2023 uses dnf; `yum` is only a compatibility alias",
        ],
        env: env::PATH_ONLY,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/amazonlinux"),
    },
    ImageKnowledge {
        name: "registry.access.redhat.com/ubi",
        title: "Red Hat Universal Base Image (UBI)",
        summary: "Freely redistributable RHEL-based images: standard `ubi` (dnf), \
                  `ubi-minimal` (microdnf), `ubi-micro` (no package manager) and `ubi-init` \
                  (systemd).",
        typical_use: "Bases for images that run on OpenShift/RHEL or need Red Hat \
                      certification.",
        recommended: "`ubi9/ubi-minimal` (or ubi10) for runtimes, `ubi9/ubi` for builds, \
                      `ubi9/ubi-micro` as a distroless-style final stage.",
        variants: &[
            VariantSize {
                variant: "standard",
                example_tag: "ubi9/ubi:latest",
                approx_compressed_mb: 80.0,
                when: "builds, dnf available",
            },
            VariantSize {
                variant: "minimal",
                example_tag: "ubi9/ubi-minimal:latest",
                approx_compressed_mb: 35.0,
                when: "runtime with microdnf",
            },
            VariantSize {
                variant: "micro",
                example_tag: "ubi9/ubi-micro:latest",
                approx_compressed_mb: 10.0,
                when: "smallest, no package manager",
            },
        ],
        tradeoffs: &[
            "Only the UBI subset of RHEL packages is available without a subscription",
            "RHEL's long lifecycle and ABI stability",
        ],
        gotchas: &[
            "registry.access.redhat.com needs no login; registry.redhat.io does",
            "ubi-minimal has microdnf, not dnf or yum",
            "ubi-micro cannot install packages itself: use `dnf --installroot` from a ubi \
             stage, or copy files in",
        ],
        env: env::UBI,
        env_complete: false,
        docs_url: Some("https://catalog.redhat.com/software/base-images"),
    },
    ImageKnowledge {
        name: "gcr.io/distroless",
        title: "Google distroless",
        summary: "Runtime-only images built from Debian packages, without a shell or package \
                  manager: `static`, `base`, `cc` and language runtimes (python3, java, \
                  nodejs), each per Debian release.",
        typical_use: "Final stage of multi-stage builds for Go, Rust, Java, Python and Node \
                      services.",
        recommended: "`static-debian13` for static binaries, `cc-debian13` for Rust or C++, \
                      `base-debian13` for cgo binaries; the `:nonroot` tag to run as UID 65532.",
        variants: &[
            VariantSize {
                variant: "static",
                example_tag: "static-debian13:nonroot",
                approx_compressed_mb: 1.0,
                when: "fully static binaries",
            },
            VariantSize {
                variant: "base",
                example_tag: "base-debian13:nonroot",
                approx_compressed_mb: 8.0,
                when: "binaries linked against glibc and OpenSSL",
            },
            VariantSize {
                variant: "cc",
                example_tag: "cc-debian13:nonroot",
                approx_compressed_mb: 10.0,
                when: "adds libgcc/libstdc++ (Rust, C++)",
            },
        ],
        tradeoffs: &[
            "Tiny attack surface; scanners see only the handful of Debian packages inside",
            "No shell or package manager: build and install everything in an earlier stage",
            "The language images carry Debian's version of the runtime; you cannot pick a \
             patch version",
        ],
        gotchas: &[
            "CMD/ENTRYPOINT must use the exec (JSON) form; shell form needs /bin/sh, which \
             does not exist",
            "`:debug` tags add BusyBox at /busybox/sh for troubleshooting only",
            "Without `:nonroot` the default user is root",
        ],
        env: env::DISTROLESS,
        env_complete: false,
        docs_url: Some("https://github.com/GoogleContainerTools/distroless"),
    },
    ImageKnowledge {
        name: "cgr.dev/chainguard",
        title: "Chainguard images",
        summary: "Minimal images built on Wolfi (glibc, apk) and rebuilt continuously. \
                  Runtime tags have no shell or package manager and run as non-root; `-dev` \
                  tags add a shell, apk and build tools.",
        typical_use: "Low-CVE runtime bases; build in `:latest-dev`, run on `:latest`.",
        recommended: "Build in `<image>:latest-dev`, copy into `<image>:latest`, and pin by \
                      digest (version tags need a paid plan).",
        variants: &[
            VariantSize {
                variant: "static",
                example_tag: "static:latest",
                approx_compressed_mb: 1.0,
                when: "fully static binaries",
            },
            VariantSize {
                variant: "runtime",
                example_tag: "python:latest",
                approx_compressed_mb: 22.0,
                when: "run Python, no shell",
            },
            VariantSize {
                variant: "dev",
                example_tag: "python:latest-dev",
                approx_compressed_mb: 55.0,
                when: "build stage with shell, apk and pip",
            },
        ],
        tradeoffs: &[
            "Very few known vulnerabilities because packages are always current",
            "Free tier: only `latest` and `latest-dev`, so the runtime version moves under you \
             unless you pin a digest",
        ],
        gotchas: &[
            "Runtime images run as UID 65532 (nonroot) and have no shell: exec-form \
             CMD/ENTRYPOINT only, no RUN",
            "Wolfi packages have their own names; Alpine package names do not always exist",
            "glibc-based, so manylinux wheels and glibc binaries work",
        ],
        env: env::CHAINGUARD,
        env_complete: false,
        docs_url: Some("https://images.chainguard.dev/"),
    },
    ImageKnowledge {
        name: "scratch",
        title: "scratch",
        summary: "The empty image: `FROM scratch` adds no files at all (0 bytes). It is a \
                  reserved name, not pullable, and takes no tag.",
        typical_use: "Final stage for fully static binaries.",
        recommended: "Only for static binaries that need nothing from the OS; otherwise \
                      distroless/static, which adds CA certificates, tzdata and a passwd file.",
        variants: &[],
        tradeoffs: &[
            "Nothing but your files: the smallest possible image",
            "No shell, libc, CA certificates, time zone data or users",
        ],
        gotchas: &[
            "RUN is impossible and CMD/ENTRYPOINT must use the exec (JSON) form",
            "TLS clients need CA certificates copied in (e.g. \
             /etc/ssl/certs/ca-certificates.crt from a build stage)",
            "There is no /etc/passwd: USER must be numeric (e.g. `USER 65532:65532`)",
            "`FROM scratch:latest` is an error: scratch takes no tag or digest",
        ],
        env: env::PATH_ONLY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/scratch"),
    },
    ImageKnowledge {
        name: "bash",
        title: "Bash",
        summary: "GNU Bash, built from source on Alpine, in every maintained version.",
        typical_use: "Running or testing scripts against a specific Bash version.",
        recommended: "A pinned version (e.g. `5.3`).",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "5.3",
            approx_compressed_mb: 6.0,
            when: "the only variant (Alpine)",
        }],
        tradeoffs: &["Alpine underneath: the rest of the userland is BusyBox"],
        gotchas: &["Bash is installed as /usr/local/bin/bash; scripts with a `#!/bin/bash` \
                    shebang do not find it"],
        env: env::BASH,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/bash"),
    },
    ImageKnowledge {
        name: "docker",
        title: "Docker (CLI and Docker-in-Docker)",
        summary: "The Docker CLI with buildx and compose plugins (`cli`), and the Docker \
                  daemon for Docker-in-Docker (`dind`, `dind-rootless`). Alpine-based; \
                  Windows CLI variants exist.",
        typical_use: "CI jobs that build or run containers.",
        recommended: "`cli` when a daemon is reachable; `dind` as a separate service \
                      container only where privileged mode is acceptable.",
        variants: &[
            VariantSize { variant: "cli", example_tag: "29-cli", approx_compressed_mb: 60.0, when: "client only" },
            VariantSize {
                variant: "dind",
                example_tag: "29-dind",
                approx_compressed_mb: 130.0,
                when: "daemon inside a container",
            },
        ],
        tradeoffs: &[
            "dind isolates builds from the host daemon but needs --privileged",
            "Mounting the host's docker.sock instead is simpler but equals root on the host",
        ],
        gotchas: &[
            "dind generates TLS certificates under DOCKER_TLS_CERTDIR (/certs); clients \
             connect to tcp://<service>:2376 with those certificates",
            "The `cli` tag contains no daemon",
        ],
        env: env::DOCKER,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/docker"),
    },
];
