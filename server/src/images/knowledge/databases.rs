//! Databases, caches, brokers and search engines.
//!
//! Sizes: compressed download for linux/amd64, approximate, as of `SIZES_AS_OF`.

use super::{ImageKnowledge, VariantSize, env};

pub(super) static IMAGES: &[ImageKnowledge] = &[
    ImageKnowledge {
        name: "postgres",
        title: "PostgreSQL",
        summary: "The PostgreSQL server, from the PGDG packages on Debian or built from source \
                  on Alpine, with an entrypoint that initialises a database on first start.",
        typical_use: "Relational database for applications, local development and CI.",
        recommended: "The Debian default with the major version pinned (e.g. `18` or \
                      `18-trixie`): glibc locales behave like most PostgreSQL installations.",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "18",
                approx_compressed_mb: 160.0,
                when: "production default",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "18-alpine",
                approx_compressed_mb: 110.0,
                when: "smaller; musl collation",
            },
        ],
        tradeoffs: &["Alpine uses musl locales, so text sorts differently than on Debian; do not move \
             a data directory between the two without rebuilding indexes on text columns"],
        gotchas: &[
            "The container refuses to start without POSTGRES_PASSWORD (or \
             POSTGRES_HOST_AUTH_METHOD=trust, which is for throwaway setups only)",
            "Scripts in /docker-entrypoint-initdb.d run only when the data directory is \
             empty, i.e. on the very first start",
            "From 18 on, PGDATA is /var/lib/postgresql/18/docker and the volume is \
             /var/lib/postgresql; a volume mounted at the old /var/lib/postgresql/data path \
             no longer holds the data",
            "Changing the major version tag does not upgrade the data: use pg_upgrade or \
             dump and restore",
            "Docker's default 64 MB /dev/shm is small for parallel queries; raise it with \
             --shm-size",
        ],
        env: env::POSTGRES,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/postgres"),
    },
    ImageKnowledge {
        name: "mysql",
        title: "MySQL",
        summary: "Oracle's MySQL server on Oracle Linux 9 slim, with MySQL Shell and an \
                  initialising entrypoint. `lts` tracks the long-term release (8.4), \
                  `innovation` the short-lived feature releases.",
        typical_use: "Relational database for applications, local development and CI.",
        recommended: "The LTS line (`8.4`, also tagged `lts`) for production.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "8.4",
            approx_compressed_mb: 180.0,
            when: "production default",
        }],
        tradeoffs: &["Only Oracle Linux variants are published; there is no Debian or Alpine \
                      MySQL image any more"],
        gotchas: &[
            "Needs one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or \
             MYSQL_RANDOM_ROOT_PASSWORD, or it exits at start",
            "The base is Oracle Linux: install extra packages with `microdnf`, not apt-get",
            "Scripts in /docker-entrypoint-initdb.d run only on an empty /var/lib/mysql",
        ],
        env: env::MYSQL,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/mysql"),
    },
    ImageKnowledge {
        name: "mariadb",
        title: "MariaDB",
        summary: "The MariaDB server on Ubuntu (UBI variants also exist), maintained by the \
                  MariaDB Foundation, with an initialising entrypoint and a health-check \
                  script.",
        typical_use: "MySQL-compatible relational database.",
        recommended: "The current LTS (tagged `lts`, e.g. `11.8`).",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "11.8",
                approx_compressed_mb: 110.0,
                when: "production default (Ubuntu)",
            },
            VariantSize {
                variant: "ubi",
                example_tag: "11.8-ubi",
                approx_compressed_mb: 130.0,
                when: "Red Hat based environments",
            },
        ],
        tradeoffs: &["Mostly a drop-in for MySQL 5.7/8.0 clients, but the two have diverged \
                      (JSON, authentication plugins, replication details)"],
        gotchas: &[
            "Needs MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or \
             MARIADB_RANDOM_ROOT_PASSWORD (the MYSQL_* names are still accepted)",
            "Ships healthcheck.sh, e.g. `HEALTHCHECK CMD healthcheck.sh --connect \
             --innodb_initialized`",
            "Set MARIADB_AUTO_UPGRADE=1 to run the upgrade step automatically after moving \
             to a newer major version",
        ],
        env: env::MARIADB,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/mariadb"),
    },
    ImageKnowledge {
        name: "mongo",
        title: "MongoDB",
        summary: "MongoDB Community Server on Ubuntu (and Windows), with mongosh and an \
                  initialising entrypoint.",
        typical_use: "Document database for applications and development.",
        recommended: "A pinned major/minor such as `8.0` on the default Ubuntu base.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "8.0",
            approx_compressed_mb: 280.0,
            when: "production default",
        }],
        tradeoffs: &["Large image; no Alpine variant because MongoDB ships glibc builds only"],
        gotchas: &[
            "MONGO_INITDB_ROOT_USERNAME/PASSWORD create the admin user only on the first \
             start with an empty /data/db",
            "The shell is `mongosh`; the old `mongo` shell is gone since 6.0",
            "On x86-64, MongoDB 5.0 and later need a CPU with AVX; some older hosts and \
             emulators cannot run it",
        ],
        env: env::MONGO,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/mongo"),
    },
    ImageKnowledge {
        name: "redis",
        title: "Redis",
        summary: "The Redis in-memory data store on Debian or Alpine. Redis 8 images bundle \
                  the formerly separate modules (search, JSON, time series, probabilistic).",
        typical_use: "Cache, session store, queues and rate limiting.",
        recommended: "`-alpine` or the Debian default with the major pinned (e.g. `8-alpine`).",
        variants: &[
            VariantSize { variant: "default", example_tag: "8", approx_compressed_mb: 60.0, when: "general purpose" },
            VariantSize { variant: "alpine", example_tag: "8-alpine", approx_compressed_mb: 30.0, when: "smaller" },
        ],
        tradeoffs: &["Licensing changed: 7.4 moved to source-available licences and 8.0 added AGPLv3 \
             as an option; Valkey (`valkey/valkey`) is the BSD-licensed fork"],
        gotchas: &[
            "No password by default: never publish port 6379 to the internet; use \
             `--requirepass` or ACLs",
            "Only RDB snapshots are enabled by default; turn on appendonly for durability \
             and keep /data on a volume",
        ],
        env: env::REDIS,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/redis"),
    },
    ImageKnowledge {
        name: "memcached",
        title: "Memcached",
        summary: "The memcached in-memory key-value cache on Debian or Alpine.",
        typical_use: "Simple, volatile caching.",
        recommended: "`-alpine`: memcached is a single small binary.",
        variants: &[
            VariantSize { variant: "default", example_tag: "1.6", approx_compressed_mb: 32.0, when: "general purpose" },
            VariantSize { variant: "alpine", example_tag: "1.6-alpine", approx_compressed_mb: 5.0, when: "smallest" },
        ],
        tradeoffs: &["No persistence and no authentication by default, by design"],
        gotchas: &[
            "Only 64 MB of cache memory by default: pass `-m <megabytes>`",
            "Runs as the `memcache` user (UID 11211)",
        ],
        env: env::MEMCACHED,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/memcached"),
    },
    ImageKnowledge {
        name: "rabbitmq",
        title: "RabbitMQ",
        summary: "The RabbitMQ message broker with its own Erlang/OTP and OpenSSL builds, on \
                  Ubuntu or Alpine; `-management` tags enable the web UI.",
        typical_use: "Message queues between services (AMQP, MQTT, STOMP).",
        recommended: "`-management` during development, the plain tag (or management behind \
                      auth) in production.",
        variants: &[
            VariantSize { variant: "default", example_tag: "4.3", approx_compressed_mb: 110.0, when: "broker only" },
            VariantSize {
                variant: "management",
                example_tag: "4.3-management",
                approx_compressed_mb: 115.0,
                when: "with the web UI on port 15672",
            },
            VariantSize { variant: "alpine", example_tag: "4.3-alpine", approx_compressed_mb: 75.0, when: "smaller" },
        ],
        tradeoffs: &["The management UI is handy but another port to protect"],
        gotchas: &[
            "Data is stored per node name (rabbit@<hostname>): give the container a fixed \
             hostname or it loses its queues when recreated",
            "The default `guest` user works only from localhost; set \
             RABBITMQ_DEFAULT_USER/RABBITMQ_DEFAULT_PASS",
        ],
        env: env::RABBITMQ,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/rabbitmq"),
    },
    ImageKnowledge {
        name: "elasticsearch",
        title: "Elasticsearch",
        summary: "Elastic's search and analytics engine, with its own bundled JDK. Only full \
                  version tags are published (no `latest`).",
        typical_use: "Full-text search, log analytics.",
        recommended: "An exact version tag matching your clients and Kibana.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "9.5.2",
            approx_compressed_mb: 700.0,
            when: "the only variant",
        }],
        tradeoffs: &["Large image and memory-hungry; needs tuning on small hosts"],
        gotchas: &[
            "The host needs vm.max_map_count of at least 262144, or the node refuses to \
             start in production mode",
            "Security (TLS and passwords) is on by default since 8.0: set ELASTIC_PASSWORD, \
             or for a local single node discovery.type=single-node",
            "There is no `latest` tag: `FROM elasticsearch` without a tag fails",
            "Set the heap with ES_JAVA_OPTS (e.g. -Xms1g -Xmx1g) on small machines",
        ],
        env: env::ELASTICSEARCH,
        env_complete: false,
        docs_url: Some("https://hub.docker.com/_/elasticsearch"),
    },
];
