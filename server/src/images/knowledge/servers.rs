//! Web servers and reverse proxies.
//!
//! Sizes: compressed download for linux/amd64, approximate, as of `SIZES_AS_OF`.

use super::{ImageKnowledge, VariantSize, env};

pub(super) static IMAGES: &[ImageKnowledge] = &[
    ImageKnowledge {
        name: "nginx",
        title: "nginx",
        summary: "The nginx web server and reverse proxy, packaged from nginx.org's own \
                  repositories on Debian or Alpine, with the njs module included.",
        typical_use: "Serving static files and single-page apps, reverse proxy in front of \
                      application containers, TLS termination.",
        recommended: "`-alpine` (or `-alpine-slim` when no extra modules are needed) for \
                      static sites; the Debian default when you need its dynamic modules or \
                      glibc.",
        variants: &[
            VariantSize {
                variant: "default",
                example_tag: "1.30",
                approx_compressed_mb: 70.0,
                when: "general purpose, Debian",
            },
            VariantSize {
                variant: "alpine",
                example_tag: "1.30-alpine",
                approx_compressed_mb: 21.0,
                when: "small, with njs and common modules",
            },
            VariantSize {
                variant: "alpine-slim",
                example_tag: "1.30-alpine-slim",
                approx_compressed_mb: 5.0,
                when: "smallest, core nginx only",
            },
        ],
        tradeoffs: &[
            "`latest`/`mainline` follow the mainline branch; `stable` moves once a year. \
             Both are supported; mainline gets fixes first",
            "`-perl` and `-otel` variants add the Perl and OpenTelemetry modules at the cost \
             of size",
        ],
        gotchas: &[
            "The master process runs as root (to bind port 80); workers run as `nginx` \
             (UID 101). For a fully non-root container use nginxinc/nginx-unprivileged, \
             which listens on 8080",
            "Files in /etc/nginx/templates/*.template are passed through envsubst into \
             /etc/nginx/conf.d at start-up: the way to use environment variables in the \
             config",
            "The default site (/etc/nginx/conf.d/default.conf) serves /usr/share/nginx/html; \
             replace it rather than adding a second server on port 80",
            "Access and error logs are symlinked to stdout/stderr; do not point them back \
             to files unless you ship those files",
        ],
        env: env::NGINX,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/nginx"),
    },
    ImageKnowledge {
        name: "httpd",
        title: "Apache HTTP Server",
        summary: "Apache httpd built from source into /usr/local/apache2, on Debian or Alpine. \
                  It contains no PHP or other language modules.",
        typical_use: "Static sites, reverse proxy with mod_proxy, legacy Apache configs.",
        recommended: "The default (Debian) or `-alpine` tag; for PHP use `php:*-apache` instead.",
        variants: &[
            VariantSize { variant: "default", example_tag: "2.4", approx_compressed_mb: 58.0, when: "general purpose" },
            VariantSize { variant: "alpine", example_tag: "2.4-alpine", approx_compressed_mb: 22.0, when: "smaller" },
        ],
        tradeoffs: &["Configuration is one large httpd.conf; modules are enabled there"],
        gotchas: &[
            "Config is /usr/local/apache2/conf/httpd.conf and the document root \
             /usr/local/apache2/htdocs/, not the Debian /etc/apache2 layout",
            "Workers run as www-data; the image stops with SIGWINCH (graceful stop)",
        ],
        env: env::HTTPD,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/httpd"),
    },
    ImageKnowledge {
        name: "caddy",
        title: "Caddy",
        summary: "The Caddy web server with automatic HTTPS. The Linux tags are Alpine-based; \
                  `builder` tags contain xcaddy for compiling Caddy with plugins.",
        typical_use: "HTTPS reverse proxy and static file server with certificates managed \
                      automatically.",
        recommended: "`caddy:2` (Alpine); for plugins build with `caddy:2-builder` and copy \
                      the binary into `caddy:2`.",
        variants: &[
            VariantSize { variant: "default", example_tag: "2", approx_compressed_mb: 20.0, when: "runtime" },
            VariantSize {
                variant: "builder",
                example_tag: "2-builder",
                approx_compressed_mb: 90.0,
                when: "build stage for custom plugins",
            },
        ],
        tradeoffs: &["Automatic TLS is convenient but needs persistent storage to work well"],
        gotchas: &[
            "Persist /data (certificates, XDG_DATA_HOME) and /config in volumes; otherwise \
             every restart requests new certificates and runs into ACME rate limits",
            "The Caddyfile is read from /etc/caddy/Caddyfile; the admin API listens on 2019",
            "Expose 443/udp as well for HTTP/3",
        ],
        env: env::CADDY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/caddy"),
    },
    ImageKnowledge {
        name: "traefik",
        title: "Traefik",
        summary: "The Traefik reverse proxy and load balancer, which configures itself from \
                  Docker, Kubernetes and other providers. Linux tags are Alpine-based.",
        typical_use: "Edge router in front of containers, configured through labels.",
        recommended: "A pinned major/minor such as `v3.7` rather than `latest`; configuration \
                      changed between v2 and v3.",
        variants: &[VariantSize {
            variant: "default",
            example_tag: "v3.7",
            approx_compressed_mb: 50.0,
            when: "Linux (Alpine-based)",
        }],
        tradeoffs: &["Dynamic configuration from labels is convenient but spreads config over \
                      many services"],
        gotchas: &[
            "Mounting /var/run/docker.sock gives Traefik root-equivalent control of the \
             host; mount it read-only or go through a socket proxy",
            "`--api.insecure=true` exposes the dashboard without authentication",
            "Tags exist both with and without the `v` prefix (`v3.7` and `3.7`)",
        ],
        env: env::TRAEFIK,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/traefik"),
    },
    ImageKnowledge {
        name: "haproxy",
        title: "HAProxy",
        summary: "The HAProxy TCP/HTTP load balancer, built from source on Debian or Alpine.",
        typical_use: "Load balancing and TLS termination for TCP and HTTP services.",
        recommended: "An LTS branch (e.g. `3.2`, also tagged `lts`) on Debian or `-alpine`.",
        variants: &[
            VariantSize { variant: "default", example_tag: "3.2", approx_compressed_mb: 45.0, when: "general purpose" },
            VariantSize { variant: "alpine", example_tag: "3.2-alpine", approx_compressed_mb: 14.0, when: "smaller" },
        ],
        tradeoffs: &["Even minor versions (2.8, 3.0, 3.2 …) are LTS with about five years \
                      of fixes; odd ones are supported for about a year"],
        gotchas: &[
            "The image runs as the unprivileged `haproxy` user: binding ports below 1024 \
             needs `--sysctl net.ipv4.ip_unprivileged_port_start=0` or running as root",
            "No configuration is shipped: provide /usr/local/etc/haproxy/haproxy.cfg and \
             check it with `haproxy -c -f`",
        ],
        env: env::HAPROXY,
        env_complete: true,
        docs_url: Some("https://hub.docker.com/_/haproxy"),
    },
];
