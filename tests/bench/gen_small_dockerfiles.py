#!/usr/bin/env python3
"""Writes N small, varied, real-world-style Dockerfiles into a folder (deterministic).

Usage: gen_small_dockerfiles.py N OUT_DIR

Each file picks a language stack, a base-image variant, package installs, copies,
users, ports and commands the way application Dockerfiles commonly do, including
the usual mistakes (unpinned packages, latest tags, shell-form CMD, apt without
clean-up), so linters have real work to do."""
import os
import random
import sys

BASES = {
    "python": ["python:3.12-slim", "python:3.11", "python:3.13-alpine", "python:3.8-slim", "python:latest", "python"],
    "node": ["node:22-alpine", "node:20", "node:lts-slim", "node:latest", "node:18-bullseye"],
    "go": ["golang:1.24", "golang:1.23-alpine", "golang:1.22-bookworm"],
    "java": ["eclipse-temurin:21-jdk", "maven:3.9-eclipse-temurin-21", "openjdk:17"],
    "ruby": ["ruby:3.3-slim", "ruby:3.2"],
    "os": ["ubuntu:24.04", "debian:bookworm-slim", "alpine:3.20", "alpine", "ubuntu:latest"],
}
RUNTIME = {
    "go": ["gcr.io/distroless/static-debian12", "scratch", "alpine:3.20"],
    "java": ["eclipse-temurin:21-jre", "eclipse-temurin:21-jre-alpine"],
}
APT = ["curl", "ca-certificates", "git", "build-essential", "libpq-dev", "gcc", "wget", "unzip", "gnupg", "tini"]
APK = ["curl", "git", "build-base", "postgresql-dev", "bash", "tzdata", "ca-certificates"]
PIP = ["flask", "django>=4.2", "gunicorn==22.0.0", "psycopg2", "requests", "numpy", "uvicorn[standard]", "celery"]
NPM = ["pm2", "typescript@5.4.5", "nodemon", "serve"]


def install(rng, base):
    if "alpine" in base or base == "alpine":
        pk = rng.sample(APK, rng.randint(1, 4))
        cache = rng.choice(["--no-cache ", ""])
        return f"RUN apk add {cache}{' '.join(pk)}\n"
    pk = rng.sample(APT, rng.randint(1, 5))
    style = rng.randint(0, 3)
    if style == 0:
        return f"RUN apt-get update && apt-get install -y --no-install-recommends {' '.join(pk)} && rm -rf /var/lib/apt/lists/*\n"
    if style == 1:
        return "RUN apt-get update && \\\n    apt-get install -y \\\n        " + " \\\n        ".join(pk) + "\n"
    if style == 2:
        return f"RUN apt-get update\nRUN apt-get install {' '.join(pk)}\n"
    return f"RUN apt update && apt install -y {' '.join(pk)}\n"


def python(rng, base):
    s = f"FROM {base}\n"
    if rng.random() < 0.3:
        s += "MAINTAINER dev@example.com\n"
    s += "ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n"
    s += "WORKDIR /app\n" if rng.random() < 0.8 else ""
    s += install(rng, base) if rng.random() < 0.6 else ""
    s += "COPY requirements.txt .\n"
    if rng.random() < 0.5:
        s += f"RUN pip install {rng.choice(['--no-cache-dir ', ''])}-r requirements.txt\n"
    else:
        s += f"RUN pip install {' '.join(rng.sample(PIP, rng.randint(1, 4)))}\n"
    s += "COPY . .\n"
    s += rng.choice(["USER 1000\n", "USER app\n", ""])
    s += f"EXPOSE {rng.choice([8000, 5000, 80, 8080])}\n"
    s += rng.choice(['CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n', "CMD python app.py\n", 'ENTRYPOINT ["python", "-m", "app"]\n'])
    return s


def node(rng, base):
    s = f"FROM {base}\nWORKDIR /usr/src/app\n"
    s += install(rng, base) if rng.random() < 0.3 else ""
    s += "COPY package*.json ./\n"
    s += rng.choice(["RUN npm ci --omit=dev\n", "RUN npm install\n", f"RUN npm install -g {rng.choice(NPM)}\n", "RUN yarn install\n"])
    s += "COPY . .\n"
    s += f"EXPOSE {rng.choice([3000, 8080])}\n"
    s += rng.choice(['CMD ["node", "server.js"]\n', "CMD npm start\n"])
    return s


def go(rng, base):
    runtime = rng.choice(RUNTIME["go"])
    s = f"FROM {base} AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
    s += "RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n"
    s += f"\nFROM {runtime}\nCOPY --from=build /out/app /app\n"
    s += rng.choice(["USER 65532:65532\n", ""])
    s += rng.choice(['ENTRYPOINT ["/app"]\n', "ENTRYPOINT /app\n"])
    return s


def java(rng, base):
    runtime = rng.choice(RUNTIME["java"])
    s = f"FROM {base} AS build\nWORKDIR /build\nCOPY pom.xml .\nCOPY src ./src\nRUN mvn -B package -DskipTests\n"
    s += f"\nFROM {runtime}\nWORKDIR /app\nCOPY --from=build /build/target/*.jar app.jar\n"
    s += "EXPOSE 8080\n"
    s += rng.choice(['ENTRYPOINT ["java", "-jar", "app.jar"]\n', "CMD java -jar app.jar\n"])
    return s


def ruby(rng, base):
    s = f"FROM {base}\nWORKDIR /app\n" + install(rng, base)
    s += "COPY Gemfile Gemfile.lock ./\nRUN bundle install\n"
    s += rng.choice(["RUN gem install rails\n", "RUN gem install bundler -v 2.5.6\n", ""])
    s += 'COPY . .\nEXPOSE 3000\nCMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]\n'
    return s


def os_image(rng, base):
    s = f"FROM {base}\n" + install(rng, base)
    s += rng.choice(["RUN cd /tmp && wget -q https://example.com/tool.tgz | tar xz\n", "RUN curl -fsSL https://example.com/install.sh | sh\n", ""])
    s += rng.choice(["WORKDIR app\n", "WORKDIR /opt/app\n"])
    s += "COPY ./bin /usr/local/bin/\n"
    s += rng.choice(['CMD ["/usr/local/bin/tool"]\n', "CMD tool --serve\n"])
    return s


MAKERS = {"python": python, "node": node, "go": go, "java": java, "ruby": ruby, "os": os_image}


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261128)
    for i in range(n):
        stack = rng.choice(list(MAKERS))
        base = rng.choice(BASES[stack])
        text = MAKERS[stack](rng, base)
        if rng.random() < 0.2:
            text = "# syntax=docker/dockerfile:1\n" + text
        with open(os.path.join(out, f"app{i:04d}.Dockerfile"), "w") as f:
            f.write(text)
    print(f"wrote {n} Dockerfiles to {out}")


main()
