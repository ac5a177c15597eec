//! Environment variables that base images define with `ENV`.
//!
//! Each list is the union over the image's maintained variants (Debian, Alpine, Windows
//! …), read from the `ENV` lines of the images' Dockerfiles as published in 2026 and
//! from their parent images. `PATH` is always present: BuildKit gives every stage one
//! even when the image config lacks it.
//!
//! The lists feed the undefined-variable rule: when an entry is marked complete a
//! `$NAME` outside the list (and not set by ARG/ENV in the Dockerfile) is reported;
//! when it is not complete the rule stays silent for unknown names.

// ---- languages -------------------------------------------------------------------

pub(super) const PYTHON: &[&str] = &[
    "PATH",
    "LANG",    // set up to 3.12
    "GPG_KEY", // set up to 3.13; later versions verify with Sigstore instead
    "PYTHON_VERSION",
    "PYTHON_SHA256",
    "PYTHONIOENCODING", // Windows variants
];

pub(super) const NODE: &[&str] = &["PATH", "NODE_VERSION", "YARN_VERSION"];

pub(super) const GOLANG: &[&str] = &[
    "PATH",
    "GOLANG_VERSION",
    "GOTOOLCHAIN",
    "GOPATH",
    "GOLANG_COMMIT", // tip images
    // Windows variants install Git for Windows.
    "GIT_VERSION",
    "GIT_TAG",
    "GIT_DOWNLOAD_URL",
    "GIT_DOWNLOAD_SHA256",
];

pub(super) const RUST: &[&str] = &["PATH", "RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"];

pub(super) const ECLIPSE_TEMURIN: &[&str] = &[
    "PATH",
    "JAVA_HOME",
    "JAVA_VERSION",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "container", // inherited by the UBI-based variants
];

pub(super) const AMAZONCORRETTO: &[&str] = &["PATH", "LANG", "JAVA_HOME"];

pub(super) const OPENJDK: &[&str] = &["PATH", "JAVA_HOME", "JAVA_VERSION", "LANG"];

/// Maven's own variables plus those of the JDK images it is built on (Temurin,
/// Corretto, SapMachine, Semeru, Zulu, Liberica, GraalVM…); the parents vary, so the
/// list is not complete.
pub(super) const MAVEN: &[&str] =
    &["PATH", "MAVEN_HOME", "MAVEN_CONFIG", "JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"];

pub(super) const GRADLE: &[&str] = &[
    "PATH",
    "GRADLE_HOME",
    "GRADLE_VERSION",
    "JAVA_HOME",
    "JAVA_VERSION",
    "JAVA_LTS_HOME",
    "JAVA_CURRENT_HOME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
];

pub(super) const RUBY: &[&str] = &[
    "PATH",
    "LANG",
    "RUBY_VERSION",
    "RUBY_DOWNLOAD_URL",
    "RUBY_DOWNLOAD_SHA256",
    "GEM_HOME",
    "BUNDLE_SILENCE_ROOT_WARNING",
    "BUNDLE_APP_CONFIG",
];

pub(super) const PHP: &[&str] = &[
    "PATH",
    "PHPIZE_DEPS",
    "PHP_INI_DIR",
    "PHP_CFLAGS",
    "PHP_CPPFLAGS",
    "PHP_LDFLAGS",
    "GPG_KEYS",
    "PHP_VERSION",
    "PHP_URL",
    "PHP_ASC_URL",
    "PHP_SHA256",
    "APACHE_CONFDIR", // -apache variants
    "APACHE_ENVVARS",
];

pub(super) const PERL: &[&str] = &["PATH"];

pub(super) const DOTNET: &[&str] = &[
    "PATH",
    // runtime-deps
    "APP_UID",
    "ASPNETCORE_HTTP_PORTS",
    "DOTNET_RUNNING_IN_CONTAINER",
    "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", // Alpine and chiseled variants
    // runtime
    "DOTNET_VERSION",
    // aspnet
    "ASPNET_VERSION",
    // sdk
    "DOTNET_SDK_VERSION",
    "DOTNET_GENERATE_ASPNET_CERTIFICATE",
    "DOTNET_NOLOGO",
    "DOTNET_USE_POLLING_FILE_WATCHER",
    "NUGET_XMLDOC_MODE",
    "POWERSHELL_DISTRIBUTION_CHANNEL",
];

pub(super) const GCC: &[&str] = &["PATH", "GPG_KEYS", "GCC_MIRRORS", "GCC_VERSION"];

// ---- servers ---------------------------------------------------------------------

pub(super) const NGINX: &[&str] = &[
    "PATH",
    "NGINX_VERSION",
    "NJS_VERSION",
    "NJS_RELEASE",
    "ACME_VERSION",
    "PKG_RELEASE",
    "DYNPKG_RELEASE",
    "OTEL_VERSION", // -otel variants
];

pub(super) const HTTPD: &[&str] = &["PATH", "HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"];

pub(super) const CADDY: &[&str] = &[
    "PATH",
    "CADDY_VERSION",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    // builder variants, on top of golang:alpine
    "XCADDY_VERSION",
    "XCADDY_SETCAP",
    "XCADDY_SKIP_CLEANUP",
    "GOLANG_VERSION",
    "GOTOOLCHAIN",
    "GOPATH",
];

pub(super) const TRAEFIK: &[&str] = &["PATH"];

pub(super) const HAPROXY: &[&str] = &["PATH", "HAPROXY_VERSION", "HAPROXY_URL", "HAPROXY_SHA256"];

// ---- databases and brokers -------------------------------------------------------

pub(super) const POSTGRES: &[&str] = &[
    "PATH",
    "LANG",
    "GOSU_VERSION",
    "PG_MAJOR",
    "PG_VERSION",
    "PG_SHA256",           // Alpine variants
    "DOCKER_PG_LLVM_DEPS", // Alpine variants
    "PGDATA",
];

pub(super) const MYSQL: &[&str] = &["PATH", "GOSU_VERSION", "MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION"];

pub(super) const MARIADB: &[&str] = &[
    "PATH",
    "LANG",
    "GOSU_VERSION",
    "MARIADB_VERSION",
    "MARIADB_MAJOR",
    "container", // UBI variants
];

pub(super) const MONGO: &[&str] = &[
    "PATH",
    "HOME",
    "GOSU_VERSION",
    "JSYAML_VERSION",
    "JSYAML_CHECKSUM",
    "MONGO_PACKAGE",
    "MONGO_REPO",
    "MONGO_MAJOR",
    "MONGO_VERSION",
    "GLIBC_TUNABLES",
    // Windows variants
    "MONGO_DOWNLOAD_URL",
    "MONGO_DOWNLOAD_SHA256",
];

/// Only partly checked: the Redis 8 Dockerfiles were not available to read.
pub(super) const REDIS: &[&str] =
    &["PATH", "GOSU_VERSION", "REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"];

pub(super) const MEMCACHED: &[&str] = &["PATH", "MEMCACHED_VERSION", "MEMCACHED_URL", "MEMCACHED_SHA1"];

pub(super) const RABBITMQ: &[&str] = &[
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "OPENSSL_VERSION",
    "OPENSSL_SOURCE_SHA256",
    "OPENSSL_PGP_KEY_IDS",
    "OPENSSL_INSTALL_PATH_PREFIX",
    "OTP_VERSION",
    "OTP_SOURCE_SHA256",
    "ERLANG_INSTALL_PATH_PREFIX",
    "RABBITMQ_DATA_DIR",
    "RABBITMQ_VERSION",
    "RABBITMQ_PGP_KEY_ID",
    "RABBITMQ_HOME",
    "RUNNING_UNDER_SYSTEMD",
];

pub(super) const ELASTICSEARCH: &[&str] = &["PATH", "ELASTIC_CONTAINER"];

// ---- operating systems and others ------------------------------------------------

/// alpine, debian, ubuntu, busybox, scratch: nothing but PATH.
pub(super) const PATH_ONLY: &[&str] = &["PATH"];

pub(super) const FEDORA: &[&str] = &["PATH", "DISTTAG", "FGC", "FBR"];

pub(super) const UBI: &[&str] = &["PATH", "container"];

pub(super) const DISTROLESS: &[&str] = &["PATH", "SSL_CERT_FILE"];

pub(super) const CHAINGUARD: &[&str] = &["PATH", "SSL_CERT_FILE"];

pub(super) const BASH: &[&str] = &["PATH", "_BASH_VERSION", "_BASH_BASELINE", "_BASH_LATEST_PATCH"];

pub(super) const DOCKER: &[&str] = &[
    "PATH",
    "DOCKER_VERSION",
    "DOCKER_URL",
    "DOCKER_BUILDX_VERSION",
    "DOCKER_BUILDX_URL",
    "DOCKER_BUILDX_SHA256",
    "DOCKER_COMPOSE_VERSION",
    "DOCKER_COMPOSE_URL",
    "DOCKER_COMPOSE_SHA256",
    "DOCKER_TLS_CERTDIR", // dind
    "DIND_COMMIT",        // dind
];
