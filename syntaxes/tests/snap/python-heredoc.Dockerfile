# syntax=docker/dockerfile:1.7
FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends build-essential
rm -rf /var/lib/apt/lists/*
EOF

COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

COPY <<-EOF /app/gunicorn.conf.py
	bind = "0.0.0.0:${PORT:-8000}"
	workers = 2
	EOF

RUN python3 <<'PY'
import compileall
compileall.compile_dir("/app", quiet=1)
PY

COPY --chmod=755 <<EOF /usr/local/bin/entrypoint.sh
#!/bin/sh
exec gunicorn app:app "$@"
EOF

COPY . .
RUN useradd --create-home appuser
USER appuser
EXPOSE 8000
CMD ["/usr/local/bin/entrypoint.sh"]
