//! Generates large, realistic multi-stage Dockerfiles for benchmarks (the same shape as
//! the project's shared generator: stages with ARG/ENV/LABEL, continued RUNs, COPY
//! --from chains, EXPOSE, USER, HEALTHCHECK and exec-form CMD).

pub fn dockerfile(target_lines: usize) -> String {
    let mut out = String::from(
        "# syntax=docker/dockerfile:1\nARG BUILDPLATFORM\nFROM alpine:3.19 AS stage0\nRUN mkdir -p /opt/app/bin\n",
    );
    let mut lines = 4;
    let mut n = 1;
    while lines < target_lines {
        let block = format!(
            "# ---- stage {n} ----
FROM --platform=$BUILDPLATFORM alpine:3.19 AS stage{n}
ARG VERSION_{n}=1.2.{n}
ENV APP_{n}=/opt/app{n} \\
    PATH=/opt/app{n}/bin:$PATH \\
    VERSION=${{VERSION_{n}}}
LABEL org.opencontainers.image.version=\"${{VERSION_{n}}}\" vendor=\"example\"
WORKDIR /opt/app{n}
COPY --from=stage{prev} /opt/app/bin /opt/app{n}/prev/
COPY --chown=1000:1000 src/ ./src/
RUN apk add --no-cache \\
    build-base \\
    curl \\
    git && \\
    echo \"building $VERSION in $APP_{n}\" && \\
    make -C src -j4 all && \\
    rm -rf /var/cache/apk/*
RUN set -eux; \\
    for i in 1 2 3; do \\
      echo \"$i\"; \\
    done
EXPOSE {port}/tcp
USER 1000:1000
HEALTHCHECK --interval=30s --timeout=5s CMD wget -qO- http://localhost/ || exit 1
CMD [\"/opt/app{n}/bin/app\", \"--serve\"]
",
            prev = n - 1,
            port = 1000 + n % 60000
        );
        lines += block.matches('\n').count();
        out.push_str(&block);
        n += 1;
    }
    out
}
