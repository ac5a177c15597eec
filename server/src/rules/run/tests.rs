//! The text the quick fixes produce (the fixture tests only check that a fix removes
//! its diagnostic).

use crate::rules::{Inputs, RuleConfig, run};

/// The document after applying each fix of `code`'s diagnostics, one result per fix.
fn fixed(text: &str, code: &str) -> Vec<String> {
    let tree = crate::syntax::parse(text);
    let inputs = Inputs { today: crate::images::catalog::Date::parse("2026-11-28"), ..Inputs::default() };
    let diags = run(text, &tree, &inputs, &RuleConfig::default());
    let mut out = Vec::new();
    for d in diags.iter().filter(|d| d.code == code) {
        for f in &d.fixes {
            let mut t = text.to_string();
            let mut edits = f.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            for e in edits {
                t.replace_range(e.range, &e.text);
            }
            out.push(t);
        }
    }
    out
}

fn count(text: &str, code: &str) -> usize {
    let tree = crate::syntax::parse(text);
    run(text, &tree, &Inputs::default(), &RuleConfig::default()).iter().filter(|d| d.code == code).count()
}

#[test]
fn apt_lists_cleanup_follows_the_continuation_layout() {
    let trailing = "FROM debian:bookworm\nRUN apt-get update && \\\n    apt-get install -y curl\n";
    assert_eq!(
        fixed(trailing, "apt-get-lists-not-deleted"),
        [
            "FROM debian:bookworm\nRUN apt-get update && \\\n    apt-get install -y curl && \\\n    rm -rf /var/lib/apt/lists/*\n"
        ]
    );
    let leading = "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y git\n";
    assert_eq!(
        fixed(leading, "apt-get-lists-not-deleted"),
        [
            "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y git \\\n && rm -rf /var/lib/apt/lists/*\n"
        ]
    );
    let one_line = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
    assert_eq!(
        fixed(one_line, "apt-get-lists-not-deleted"),
        ["FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"]
    );
    let semicolons = "FROM debian:bookworm\nRUN apt-get update; apt-get install -y curl;\n";
    assert_eq!(
        fixed(semicolons, "apt-get-lists-not-deleted"),
        ["FROM debian:bookworm\nRUN apt-get update; apt-get install -y curl && rm -rf /var/lib/apt/lists/*;\n"]
    );
    let compound = "FROM debian:bookworm\nRUN if true; then apt-get update && apt-get install -y curl; fi\n";
    assert_eq!(
        fixed(compound, "apt-get-lists-not-deleted"),
        [
            "FROM debian:bookworm\nRUN if true; then apt-get update && apt-get install -y curl; fi && rm -rf /var/lib/apt/lists/*\n"
        ]
    );
}

#[test]
fn apt_lists_cleanup_is_not_offered_where_appending_is_unsafe() {
    // A trailing shell comment would swallow the command.
    let comment = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl # tools\n";
    assert_eq!(count(comment, "apt-get-lists-not-deleted"), 1);
    assert!(fixed(comment, "apt-get-lists-not-deleted").is_empty());
    // A later RUN needs the lists when this one only updates.
    let update_only = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n";
    assert!(fixed(update_only, "apt-get-lists-not-deleted").is_empty());
    let background = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl &\n";
    assert!(fixed(background, "apt-get-lists-not-deleted").is_empty());
}

#[test]
fn cleanup_in_a_heredoc_body_is_a_new_last_line() {
    let text = "FROM debian:bookworm\nRUN <<EOF\n  apt-get update\n  apt-get install -y curl\nEOF\n";
    assert_eq!(
        fixed(text, "apt-get-lists-not-deleted"),
        [
            "FROM debian:bookworm\nRUN <<EOF\n  apt-get update\n  apt-get install -y curl\n  rm -rf /var/lib/apt/lists/*\nEOF\n"
        ]
    );
    let yum = "FROM amazonlinux:2\nRUN <<-EOT\n\tyum install -y httpd-2.4.62\n\tEOT\n";
    assert_eq!(
        fixed(yum, "yum-clean-all"),
        ["FROM amazonlinux:2\nRUN <<-EOT\n\tyum install -y httpd-2.4.62\n\tyum clean all\n\tEOT\n"]
    );
}

#[test]
fn flags_are_inserted_after_the_subcommand() {
    let cont = "FROM debian:bookworm\nRUN apt-get \\\n      install \\\n      wget\n";
    assert_eq!(
        fixed(cont, "apt-get-missing-y"),
        ["FROM debian:bookworm\nRUN apt-get \\\n      install -y \\\n      wget\n"]
    );
    let quoted = "FROM debian:bookworm\nRUN sh -c 'apt-get install --no-install-recommends jq'\n";
    assert_eq!(
        fixed(quoted, "apt-get-missing-y"),
        ["FROM debian:bookworm\nRUN sh -c 'apt-get install -y --no-install-recommends jq'\n"]
    );
    assert_eq!(
        fixed("FROM debian:bookworm\nRUN apt-get install -y curl\n", "apt-get-no-install-recommends"),
        ["FROM debian:bookworm\nRUN apt-get install --no-install-recommends -y curl\n"]
    );
    assert_eq!(
        fixed("FROM alpine:3.22\nRUN apk add curl\n", "apk-no-cache"),
        ["FROM alpine:3.22\nRUN apk add --no-cache curl\n"]
    );
    assert_eq!(
        fixed("FROM python:3.12\nRUN python3 -m pip install -r r.txt\n", "pip-no-cache-dir"),
        ["FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -r r.txt\n"]
    );
    assert_eq!(
        fixed("FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all\n", "dnf-missing-y"),
        ["FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n"]
    );
    assert_eq!(
        fixed("FROM opensuse/leap:15.6\nRUN zypper --quiet install curl=8 && zypper clean\n", "zypper-missing-y"),
        ["FROM opensuse/leap:15.6\nRUN zypper -n --quiet install curl=8 && zypper clean\n"]
    );
}

#[test]
fn onbuild_fixes_land_in_the_trigger() {
    let text = "FROM debian:bookworm\nONBUILD RUN apt-get update && \\\n    apt-get install curl\n";
    assert_eq!(
        fixed(text, "apt-get-missing-y"),
        ["FROM debian:bookworm\nONBUILD RUN apt-get update && \\\n    apt-get install -y curl\n"]
    );
}

#[test]
fn command_fixes() {
    assert_eq!(
        fixed("FROM ubuntu:24.04\nRUN apt install -y curl && /usr/bin/apt show curl\n", "apt-use-apt-get"),
        [
            "FROM ubuntu:24.04\nRUN apt-get install -y curl && /usr/bin/apt show curl\n",
            "FROM ubuntu:24.04\nRUN apt install -y curl && /usr/bin/apt-cache show curl\n",
        ]
    );
    // `apt list` has no apt-get or apt-cache spelling.
    assert!(fixed("FROM ubuntu:24.04\nRUN apt list --installed\n", "apt-use-apt-get").is_empty());
    assert_eq!(
        fixed("FROM debian:bookworm\nRUN sudo make install && sudo -u app make\n", "run-sudo"),
        ["FROM debian:bookworm\nRUN make install && sudo -u app make\n"]
    );
    assert_eq!(
        fixed("FROM debian:bookworm\nRUN useradd -u 1000000 app\n", "useradd-missing-l"),
        ["FROM debian:bookworm\nRUN useradd -l -u 1000000 app\n"]
    );
    assert_eq!(
        fixed("FROM debian:bookworm\nRUN wget https://x/y\n", "wget-no-progress"),
        ["FROM debian:bookworm\nRUN wget -nv https://x/y\n"]
    );
    assert_eq!(
        fixed("FROM fedora:41\nRUN microdnf install -y jq-1.7.1\n", "dnf-clean-all"),
        ["FROM fedora:41\nRUN microdnf install -y jq-1.7.1 && microdnf clean all\n"]
    );
    assert_eq!(
        fixed("FROM node:22\nRUN yarn --frozen-lockfile\n", "yarn-cache-clean"),
        ["FROM node:22\nRUN yarn --frozen-lockfile && yarn cache clean\n"]
    );
    assert_eq!(
        fixed("FROM opensuse/leap:15.6\nRUN zypper -n in curl=8\n", "zypper-clean"),
        ["FROM opensuse/leap:15.6\nRUN zypper -n in curl=8 && zypper clean --all\n"]
    );
}

#[test]
fn pipefail_shell_depends_on_the_base_image() {
    assert_eq!(
        fixed("FROM debian:bookworm\n  RUN ls | wc -l\n", "run-pipefail"),
        ["FROM debian:bookworm\n  SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n  RUN ls | wc -l\n"]
    );
    assert_eq!(
        fixed("FROM alpine:3.22 AS a\nFROM a\nrun ls | wc -l\n", "run-pipefail"),
        ["FROM alpine:3.22 AS a\nFROM a\nshell [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nrun ls | wc -l\n"]
    );
    // Unknown images and images without a shell get no fix, only the warning.
    for text in ["FROM mycorp/app:1\nRUN ls | wc -l\n", "FROM gcr.io/distroless/static-debian12\nRUN ls | wc -l\n"] {
        assert_eq!(count(text, "run-pipefail"), 1, "{text}");
        assert!(fixed(text, "run-pipefail").is_empty(), "{text}");
    }
}

#[test]
fn a_shell_set_in_a_stage_is_inherited_by_stages_built_on_it() {
    let text = "FROM debian:bookworm AS base\nSHELL [\"pwsh\", \"-c\"]\nFROM base\nRUN cd /x\nFROM debian:bookworm\nRUN cd /y\n";
    assert_eq!(count(text, "run-cd"), 1);
    let text = "FROM debian:bookworm AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN ls | wc -l\n";
    assert_eq!(count(text, "run-pipefail"), 0);
}

#[test]
fn the_shared_index_is_never_stale() {
    // Same length, different content, alternately: each run sees its own document.
    let a = "FROM debian:bookworm\nRUN cd /a\n";
    let b = "FROM debian:bookworm\nRUN ls /a\n";
    assert_eq!(a.len(), b.len());
    for _ in 0..2 {
        assert_eq!(count(a, "run-cd"), 1);
        assert_eq!(count(b, "run-cd"), 0);
    }
    // The same text with other build arguments is another document.
    let text = "ARG BASE=debian:bookworm\nFROM $BASE\nRUN cd /x\n";
    let tree = crate::syntax::parse(text);
    let windows = Inputs {
        build_args: [("BASE".to_string(), "mcr.microsoft.com/windows/servercore:ltsc2022".to_string())].into(),
        ..Inputs::default()
    };
    let fired = |inputs: &Inputs<'_>| {
        run(text, &tree, inputs, &RuleConfig::default()).iter().filter(|d| d.code == "run-cd").count()
    };
    assert_eq!(fired(&Inputs::default()), 1);
    assert_eq!(fired(&windows), 0);
    assert_eq!(fired(&Inputs::default()), 1);
}

#[test]
fn every_prefix_of_a_tricky_file_is_checked_without_panicking() {
    let text = "# escape=\\\nFROM debian:bookworm AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\
ONBUILD RUN apt-get update && \\\n  apt-get install curl | tee /x\n\
RUN <<-EOT bash -e\n\tapt-get update\n\tcat <<X | sh\n\tX\n\tEOT\n\
RUN sh -c \"apt-get install -y \\\"jq\\\" && cd /x\" ; sudo -u u wget x # c\n\
FROM a\nRUN useradd -u 1000000 é && ln -sf /bin/bash /bin/sh && yum install x && \\\n\
# comment\n  zypper in y; dnf install z; yarn; pip install q; apk add r; npm i s; gem install t; go install u@latest\n";
    let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    ends.push(text.len());
    for end in ends {
        let t = &text[..end];
        let tree = crate::syntax::parse(t);
        for d in run(t, &tree, &Inputs::default(), &RuleConfig::default()) {
            let ranges = std::iter::once(d.range.clone())
                .chain(d.fixes.iter().flat_map(|f| f.edits.iter().map(|e| e.range.clone())));
            for r in ranges {
                assert!(r.start <= r.end && t.get(r.clone()).is_some(), "{} {r:?} in {t:?}", d.code);
            }
        }
    }
}
