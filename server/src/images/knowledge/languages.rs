//! Language runtimes and toolchains.
//!
//! Sizes: compressed download for linux/amd64, approximate, as of `SIZES_AS_OF`.

use super::{ImageKnowledge, VariantSize, env};

pub(super) static IMAGES: &[ImageKnowledge] = &[
    ImageKnowledge {
        name: "python",
        title: "Python",
        summary: "The CPython interpreter with pip, built from source on Debian, Alpine or \
                  Windows Server Core.",
        typical_use: "Web services (Django, Flask, FastAPI), workers, scripts and data jobs.",
        recommended: "`3.x-slim` (e.g. `3.12-slim`, or pinned as `3.12-slim-trixie`): Debian's \
                      glibc keeps manylinux wheels working, at about a tenth of the full \
                      image. Use the full image only as a build stage.",
        variants: &[
            VariantSize {
                variant: "slim",
                example_tag: "3.12-slim",
                approx_compressed_mb: 45.0,
                when: "production default",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "3.12-alpine",
                approx_compressed_mb: 25.0,
                when: "smallest, if every dependency has a musllinux wheel or is pure Python",
            },
            VariantSize {
                variant: "default",
                example_tag: "3.12",
                approx_compressed_mb: 400.0,
                when: "build stage: compilers and headers included",
            },
        ],
        tradeoffs: &[
            "slim vs full: the full image (about 0.4 GB compressed, about 1 GB unpacked) only \
             adds build tools; the slim one is about 45 MB compressed",
            "alpine vs slim: alpine saves roughly 20 MB but packages without a musllinux wheel \
             compile from source, which needs build-base and headers and can end up larger \
             and slower to build than slim",
        ],
        gotchas: &[
            "Python lives in /usr/local (`/usr/local/bin/python`); the full image may also \
             contain Debian's own python3 in /usr/bin, which is a different interpreter",
            "PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED are not set by the image; set \
             PYTHONUNBUFFERED=1 so logs appear immediately",
            "The image runs as root and has no application user: create one and switch with USER",
            "slim has no compiler: packages that publish no wheel (psycopg2, mysqlclient, \
             uwsgi, python-ldap) need build-essential plus headers first, or a binary \
             alternative such as psycopg2-binary",
            "Use `pip install --no-cache-dir` (or a cache mount) so pip's cache does not end \
             up in a layer",
        ],
        env: env::PYTHON,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/python"),
    },
    ImageKnowledge {
        name: "node",
        title: "Node.js",
        summary: "The Node.js runtime with npm on Debian or Alpine.",
        typical_use: "JavaScript/TypeScript servers, frontend builds, CLI tools.",
        recommended: "An even-numbered (LTS) major on `-slim` (e.g. `24-slim`, or pinned as \
                      `24-trixie-slim`) for servers; build the frontend in the full or \
                      alpine image and copy the static files out.",
        variants: &[
            VariantSize {
                variant: "slim",
                example_tag: "24-slim",
                approx_compressed_mb: 80.0,
                when: "production default",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "24-alpine",
                approx_compressed_mb: 55.0,
                when: "small, if native addons have musl builds",
            },
            VariantSize {
                variant: "default",
                example_tag: "24",
                approx_compressed_mb: 390.0,
                when: "build stage with node-gyp toolchain",
            },
        ],
        tradeoffs: &[
            "Odd-numbered majors are never LTS and stop getting fixes after about six months",
            "alpine is musl: native addons need musl prebuilds or compile with python3, make \
             and g++",
        ],
        gotchas: &[
            "A non-root `node` user (UID 1000) already exists: `USER node` instead of \
             creating your own",
            "NODE_ENV is not set; set NODE_ENV=production and install with \
             `npm ci --omit=dev` for runtime images",
            "Node 26 images no longer ship Yarn; install it yourself (e.g. `npm i -g yarn`) \
             if you need it",
            "The entrypoint passes through to `node`, so `CMD [\"server.js\"]` runs \
             `node server.js`",
            "Node as PID 1 does not reap zombies or forward signals well; use `docker run \
             --init` or tini if child processes are involved",
        ],
        env: env::NODE,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/node"),
    },
    ImageKnowledge {
        name: "golang",
        title: "Go",
        summary: "The Go toolchain on Debian (with gcc for cgo), Alpine or Windows.",
        typical_use: "Build stage for Go services and CLIs.",
        recommended: "Use `golang:1.x` (or `-alpine`) only to build, then copy the binary \
                      into `scratch`, `gcr.io/distroless/static` or `-base` (if cgo is \
                      used). The toolchain never needs to ship.",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "1.27",
                approx_compressed_mb: 300.0,
                when: "build stage, cgo available",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "1.27-alpine",
                approx_compressed_mb: 75.0,
                when: "smaller build stage for pure-Go code",
            },
        ],
        tradeoffs: &[
            "Default image has gcc, so cgo works; alpine has no C compiler, so cgo is off \
             unless you `apk add build-base`",
            "A statically linked binary (CGO_ENABLED=0) runs on scratch or distroless/static",
        ],
        gotchas: &[
            "Multi-stage: `FROM golang AS build` … `FROM scratch` + `COPY --from=build`; set \
             CGO_ENABLED=0 for a static binary, or it may link glibc dynamically and fail \
             on scratch",
            "GOTOOLCHAIN=local: a go.mod asking for a newer Go fails instead of downloading a \
             toolchain; match the image version to go.mod",
            "Cache modules and build output with `--mount=type=cache,target=/go/pkg/mod` and \
             `target=/root/.cache/go-build`",
            "scratch has no CA certificates or zoneinfo: copy /etc/ssl/certs and \
             /usr/share/zoneinfo, or use distroless/static",
        ],
        env: env::GOLANG,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/golang"),
    },
    ImageKnowledge {
        name: "rust",
        title: "Rust",
        summary: "The Rust toolchain (rustup, cargo, rustc) on Debian or Alpine.",
        typical_use: "Build stage for Rust binaries.",
        recommended: "Build in `rust:1` or `rust:1-slim`, ship the binary on \
                      `gcr.io/distroless/cc` or `debian:*-slim`; build on `rust:1-alpine` \
                      (musl, static) when you want to ship on `scratch`.",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "1",
                approx_compressed_mb: 600.0,
                when: "build stage with common -dev libraries (OpenSSL, …)",
            },
            VariantSize {
                variant: "slim",
                example_tag: "1-slim",
                approx_compressed_mb: 320.0,
                when: "leaner build stage; install the -dev packages you need",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "1-alpine",
                approx_compressed_mb: 310.0,
                when: "static musl binaries for scratch",
            },
        ],
        tradeoffs: &[
            "The toolchain alone is close to 300 MB compressed in every variant; never use \
             these images as the runtime",
            "glibc-built binaries need a glibc runtime (distroless/cc, debian-slim); \
             musl-built ones run anywhere, including scratch",
        ],
        gotchas: &[
            "Cache the registry and target dir with cache mounts \
             (`/usr/local/cargo/registry`, `/app/target`) or use cargo-chef; otherwise every \
             source change rebuilds all dependencies",
            "Crates linking OpenSSL need libssl-dev and pkg-config on slim (openssl-dev on \
             alpine), or use rustls",
            "Binaries from the Debian image depend on the build's glibc version: run them on \
             the same or a newer Debian release",
        ],
        env: env::RUST,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/rust"),
    },
    ImageKnowledge {
        name: "eclipse-temurin",
        title: "Eclipse Temurin (OpenJDK)",
        summary: "Eclipse Adoptium's OpenJDK builds, as JDK or JRE, on Ubuntu, Alpine, UBI \
                  minimal or Windows.",
        typical_use: "Running and building Java and other JVM applications.",
        recommended: "`<version>-jre` (e.g. `21-jre`) for the runtime stage, `-jdk` (or the \
                      maven/gradle images) for building; an LTS version (17, 21, 25).",
        variants: &[
            VariantSize { variant: "jre", example_tag: "21-jre", approx_compressed_mb: 120.0, when: "runtime stage" },
            VariantSize {
                variant: "jdk",
                example_tag: "21-jdk",
                approx_compressed_mb: 270.0,
                when: "build stage, or when JDK tools are needed at run time",
            },
            VariantSize {
                variant: "jre-alpine",
                example_tag: "21-jre-alpine",
                approx_compressed_mb: 70.0,
                when: "smaller runtime; musl",
            },
            VariantSize {
                variant: "jdk-alpine",
                example_tag: "21-jdk-alpine",
                approx_compressed_mb: 215.0,
                when: "build stage on musl",
            },
        ],
        tradeoffs: &[
            "The default base is Ubuntu; the newest Ubuntu release makes the image noticeably \
             larger than the previous LTS-based one",
            "Alpine variants are small but JNI libraries built for glibc will not load",
        ],
        gotchas: &[
            "The image has no non-root user; add one",
            "The JVM sizes its heap from the container's memory limit; tune with \
             -XX:MaxRAMPercentage rather than a fixed -Xmx",
            "The entrypoint can add the system's or your own CA certificates to the JVM trust \
             store when USE_SYSTEM_CA_CERTS is set",
            "`jlink` in a JDK stage can build a trimmed runtime that is smaller than the JRE",
        ],
        env: env::ECLIPSE_TEMURIN,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/eclipse-temurin"),
    },
    ImageKnowledge {
        name: "amazoncorretto",
        title: "Amazon Corretto",
        summary: "Amazon's OpenJDK distribution, on Amazon Linux 2023 by default, also on \
                  Alpine, Amazon Linux 2 and Debian.",
        typical_use: "Java services, especially on AWS.",
        recommended: "`<version>-al2023` (the default) or `-alpine`; use `-headless` where \
                      offered when the app needs no GUI libraries.",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "21",
                approx_compressed_mb: 240.0,
                when: "JDK on Amazon Linux 2023",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "21-alpine",
                approx_compressed_mb: 195.0,
                when: "JDK on Alpine (musl)",
            },
        ],
        tradeoffs: &[
            "The default tags ship the full JDK; the `-al2023-headless` tags carry only the \
             runtime without GUI libraries and are smaller",
            "Amazon Linux uses dnf (al2023) or yum (al2), not apt-get",
        ],
        gotchas: &[
            "`-al2` tags are on Amazon Linux 2, which reached end of support in mid-2026; \
             move to `-al2023`",
            "No non-root user is created for you",
        ],
        env: env::AMAZONCORRETTO,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/amazoncorretto"),
    },
    ImageKnowledge {
        name: "openjdk",
        title: "OpenJDK (deprecated image)",
        summary: "The old official OpenJDK image. It is deprecated: only early-access builds \
                  of the next JDK are still published here.",
        typical_use: "Legacy Dockerfiles; nothing new should use it.",
        recommended: "Move to `eclipse-temurin` (closest drop-in), `amazoncorretto`, \
                      `sapmachine` or `ibm-semeru-runtimes`.",
        variants: &[VariantSize {
            variant: "slim",
            example_tag: "27-rc-slim",
            approx_compressed_mb: 200.0,
            when: "trying an early-access JDK only",
        }],
        tradeoffs: &["Old tags such as `openjdk:17` or `openjdk:11-jre-slim` still pull but have not \
             received updates for years"],
        gotchas: &[
            "Security fixes stopped long ago for the GA versions; scanners flag these images",
            "The successors name their tags differently (`eclipse-temurin:17-jre` instead of \
             `openjdk:17-jre-slim`)",
        ],
        env: env::OPENJDK,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/openjdk"),
    },
    ImageKnowledge {
        name: "maven",
        title: "Apache Maven",
        summary: "Maven on top of a choice of JDKs (Temurin, Corretto, SapMachine, Semeru, \
                  Zulu, Liberica, GraalVM).",
        typical_use: "Build stage for Java projects.",
        recommended: "A tag that names the JDK explicitly (e.g. `3-eclipse-temurin-21`) as \
                      build stage, then copy the jar into a JRE image.",
        variants: &[
            VariantSize {
                variant: "eclipse-temurin",
                example_tag: "3-eclipse-temurin-21",
                approx_compressed_mb: 290.0,
                when: "build on Temurin (Ubuntu)",
            },
            VariantSize {
                variant: "eclipse-temurin-alpine",
                example_tag: "3-eclipse-temurin-21-alpine",
                approx_compressed_mb: 225.0,
                when: "smaller build stage",
            },
            VariantSize {
                variant: "amazoncorretto",
                example_tag: "3-amazoncorretto-21",
                approx_compressed_mb: 250.0,
                when: "build on Corretto",
            },
        ],
        tradeoffs: &["Includes a full JDK; never ship it as the runtime image"],
        gotchas: &[
            "The local repository is /root/.m2 (MAVEN_CONFIG); use \
             `--mount=type=cache,target=/root/.m2` so dependencies are not downloaded on \
             every build",
            "Run `mvn -B` (batch mode) to keep logs readable; copy pom.xml and resolve \
             dependencies before copying sources to benefit from layer caching",
        ],
        env: env::MAVEN,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/maven"),
    },
    ImageKnowledge {
        name: "gradle",
        title: "Gradle",
        summary: "Gradle on a JDK (Temurin by default, also Corretto, GraalVM, UBI).",
        typical_use: "Build stage for Gradle-based JVM projects.",
        recommended: "A tag naming the JDK (e.g. `9-jdk21`) as build stage; many projects \
                      use the Gradle wrapper on a plain JDK image instead.",
        variants: &[
            VariantSize { variant: "jdk", example_tag: "9-jdk21", approx_compressed_mb: 430.0, when: "build stage" },
            VariantSize {
                variant: "jdk-alpine",
                example_tag: "9-jdk21-alpine",
                approx_compressed_mb: 375.0,
                when: "build stage on Alpine",
            },
        ],
        tradeoffs: &["Large: a JDK plus the Gradle distribution"],
        gotchas: &[
            "Use `--no-daemon` in builds; the daemon does not outlive the RUN step anyway",
            "The image runs as root, so the Gradle cache is /root/.gradle: put a cache mount \
             there (the `gradle` user's /home/gradle/.gradle is declared as a VOLUME)",
        ],
        env: env::GRADLE,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/gradle"),
    },
    ImageKnowledge {
        name: "ruby",
        title: "Ruby",
        summary: "The Ruby interpreter with RubyGems and Bundler on Debian or Alpine.",
        typical_use: "Rails and other Ruby web apps, scripts.",
        recommended: "`-slim` for the runtime (e.g. `3.4-slim`); install build-essential \
                      only in a build stage for gems with native extensions.",
        variants: &[
            VariantSize {
                variant: "slim",
                example_tag: "3.4-slim",
                approx_compressed_mb: 50.0,
                when: "production default",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "3.4-alpine",
                approx_compressed_mb: 30.0,
                when: "small; native gems need musl builds or compile",
            },
            VariantSize {
                variant: "default",
                example_tag: "3.4",
                approx_compressed_mb: 400.0,
                when: "build stage for native gems",
            },
        ],
        tradeoffs: &["Gems with C extensions (pg, mysql2, nokogiri without a prebuilt platform gem) \
             need a compiler and headers on slim and alpine"],
        gotchas: &[
            "Gems install into /usr/local/bundle (GEM_HOME and BUNDLE_APP_CONFIG), not into \
             the app directory; `bundle config` writes there too",
            "Set `BUNDLE_WITHOUT=development:test` and `BUNDLE_DEPLOYMENT=1` for production \
             images",
        ],
        env: env::RUBY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/ruby"),
    },
    ImageKnowledge {
        name: "php",
        title: "PHP",
        summary: "PHP as CLI, as PHP-FPM, or embedded in Apache (mod_php), on Debian or Alpine.",
        typical_use: "Laravel, Symfony, WordPress and other PHP web apps.",
        recommended: "`-fpm` behind nginx or `-apache` for a single container; add extensions \
                      with the bundled docker-php-ext-* helpers.",
        variants: &[
            VariantSize {
                variant: "cli",
                example_tag: "8.4-cli",
                approx_compressed_mb: 150.0,
                when: "scripts, workers, Composer",
            },
            VariantSize {
                variant: "fpm",
                example_tag: "8.4-fpm",
                approx_compressed_mb: 150.0,
                when: "behind nginx or another FastCGI proxy",
            },
            VariantSize {
                variant: "apache",
                example_tag: "8.4-apache",
                approx_compressed_mb: 165.0,
                when: "one container serving PHP over HTTP",
            },
            VariantSize {
                variant: "fpm-alpine",
                example_tag: "8.4-fpm-alpine",
                approx_compressed_mb: 32.0,
                when: "small FPM image",
            },
        ],
        tradeoffs: &[
            "Debian variants keep the compiler (PHPIZE_DEPS) installed so extensions can be \
             built later; that is most of their size",
            "Alpine variants remove the compiler: `apk add $PHPIZE_DEPS` before building an \
             extension, delete it afterwards",
        ],
        gotchas: &[
            "No php.ini is active by default: copy \
             \"$PHP_INI_DIR/php.ini-production\" to \"$PHP_INI_DIR/php.ini\"",
            "Composer is not included; `COPY --from=composer:2 /usr/bin/composer \
             /usr/local/bin/composer`",
            "Common extensions (pdo_mysql, gd, intl, zip) are not enabled; use \
             docker-php-ext-configure/-install and pecl + docker-php-ext-enable",
            "Apache variant serves /var/www/html as www-data; FPM listens on port 9000",
        ],
        env: env::PHP,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/php"),
    },
    ImageKnowledge {
        name: "perl",
        title: "Perl",
        summary: "Perl 5 with cpanm, on Debian; `-threaded` variants build Perl with ithreads.",
        typical_use: "Perl applications and scripts.",
        recommended: "`-slim` for running; the default image when CPAN modules need a compiler.",
        variants: &[
            VariantSize { variant: "slim", example_tag: "5.42-slim", approx_compressed_mb: 50.0, when: "runtime" },
            VariantSize {
                variant: "default",
                example_tag: "5.42",
                approx_compressed_mb: 360.0,
                when: "building XS modules",
            },
        ],
        tradeoffs: &["XS modules need a compiler and headers on slim"],
        gotchas: &["This Perl is in /usr/local/bin; Debian's system perl in /usr/bin is a separate \
             installation with its own module path"],
        env: env::PERL,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/perl"),
    },
    ImageKnowledge {
        name: "mcr.microsoft.com/dotnet",
        title: ".NET (Microsoft Container Registry)",
        summary: "Microsoft's .NET images: `sdk` (build), `aspnet` (ASP.NET Core runtime), \
                  `runtime` (console apps) and `runtime-deps` (native dependencies only, for \
                  self-contained apps). .NET 10 defaults to Ubuntu 24.04; Alpine, Azure \
                  Linux, chiseled Ubuntu and Windows variants exist.",
        typical_use: "Building with `sdk` and running ASP.NET Core or console apps.",
        recommended: "Build with `sdk`, run on `aspnet` (or `runtime`); the `-noble-chiseled` \
                      tags give a small, shell-less, non-root runtime.",
        variants: &[
            VariantSize { variant: "sdk", example_tag: "sdk:10.0", approx_compressed_mb: 300.0, when: "build stage" },
            VariantSize {
                variant: "aspnet",
                example_tag: "aspnet:10.0",
                approx_compressed_mb: 85.0,
                when: "run ASP.NET Core apps",
            },
            VariantSize {
                variant: "runtime",
                example_tag: "runtime:10.0",
                approx_compressed_mb: 75.0,
                when: "run console/worker apps",
            },
            VariantSize {
                variant: "runtime-deps",
                example_tag: "runtime-deps:10.0",
                approx_compressed_mb: 45.0,
                when: "self-contained or native AOT apps",
            },
            VariantSize {
                variant: "aspnet-alpine",
                example_tag: "aspnet:10.0-alpine",
                approx_compressed_mb: 50.0,
                when: "small runtime with a shell",
            },
            VariantSize {
                variant: "aspnet-chiseled",
                example_tag: "aspnet:10.0-noble-chiseled",
                approx_compressed_mb: 45.0,
                when: "hardened runtime without shell",
            },
            VariantSize {
                variant: "runtime-deps-chiseled",
                example_tag: "runtime-deps:10.0-noble-chiseled",
                approx_compressed_mb: 6.0,
                when: "native AOT on the smallest base",
            },
        ],
        tradeoffs: &[
            "Chiseled and Alpine images run in globalization-invariant mode (no ICU) unless \
             you use the `-extra` tags",
            "The SDK image is several hundred MB; keep it in the build stage",
        ],
        gotchas: &[
            "Since .NET 8 the images listen on port 8080 (ASPNETCORE_HTTP_PORTS), not 80",
            "A non-root `app` user exists; switch with `USER $APP_UID` (chiseled images \
             already run as it)",
            "Images are on mcr.microsoft.com, not Docker Hub: `FROM \
             mcr.microsoft.com/dotnet/aspnet:10.0`",
            ".NET 8 tags default to Debian 12, .NET 10 tags to Ubuntu 24.04: package names \
             in RUN steps may change when you bump the version",
        ],
        env: env::DOTNET,
        env_complete: true,
        docs_url: Some("https://github.com/dotnet/dotnet-docker"),
    },
    ImageKnowledge {
        name: "gcc",
        title: "GCC",
        summary: "A recent GNU Compiler Collection (C, C++, Fortran, Go) built on top of \
                  the full Debian buildpack-deps image.",
        typical_use: "Build stage for C/C++ projects needing a newer compiler than Debian's.",
        recommended: "Build stage only; copy the binary into debian-slim, distroless/cc or \
                      (static) scratch.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "15",
            approx_compressed_mb: 500.0,
            when: "build stage",
        }],
        tradeoffs: &["The compiler is newer than Debian's, so binaries may need its libstdc++ from \
             /usr/local/lib64 at run time; link statically or copy the library"],
        gotchas: &["Debian's own gcc is diverted: `gcc`/`cc` point to the image's compiler in \
             /usr/local"],
        env: env::GCC,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/gcc"),
    },
];
