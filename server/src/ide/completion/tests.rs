use expect_test::{Expect, expect};

use super::*;
use crate::ide::with_doc;
use crate::images::registry::{LiveTag, PlatformImage, TagList};
use crate::rules::testing::parse_fixture;

fn today() -> Date {
    Date::parse("2026-11-28").unwrap_or_else(|| unreachable!())
}

/// Completions at `$0`, filtered as a client would (the text from the edit range's start
/// to the cursor must prefix the filter text), in sort order.
fn complete_with(fixture: &str, opts: &CompletionOptions<'_>) -> (String, CompletionList, Vec<CompletionItem>) {
    let f = parse_fixture(fixture);
    let at = f.cursor.unwrap_or_else(|| panic!("fixture without $0"));
    let list = with_doc(&f.text, |d| completion(d, at, opts));
    let mut shown: Vec<CompletionItem> = list
        .items
        .iter()
        .filter(|i| {
            let typed = f.text.get(i.range.start..at).unwrap_or("").to_ascii_lowercase();
            i.filter_text.as_deref().unwrap_or(&i.label).to_ascii_lowercase().starts_with(&typed)
        })
        .cloned()
        .collect();
    shown.sort_by(|a, b| {
        (a.sort_text.as_deref().unwrap_or(&a.label), &a.label)
            .cmp(&(b.sort_text.as_deref().unwrap_or(&b.label), &b.label))
    });
    (f.text, list, shown)
}

fn render(text: &str, items: &[CompletionItem], limit: usize) -> String {
    let mut out = String::new();
    for i in items.iter().take(limit) {
        out.push_str(&format!("{} [{}]", i.label, &text[i.range.clone()]));
        if i.insert_text != i.label {
            out.push_str(&format!(" => {:?}", i.insert_text));
        }
        if let Some(d) = &i.detail {
            out.push_str(&format!(" — {d}"));
        }
        if i.deprecated {
            out.push_str(" (deprecated)");
        }
        for e in &i.additional_edits {
            let line = text[..e.range.start].matches('\n').count() + 1;
            out.push_str(&format!(" + line {line}: {:?}", e.new_text));
        }
        out.push('\n');
    }
    if items.len() > limit {
        out.push_str(&format!("… {} more\n", items.len() - limit));
    }
    out
}

fn check(fixture: &str, limit: usize, expect: Expect) {
    let opts = CompletionOptions { snippets: false, ..CompletionOptions::new(today()) };
    let (text, _, shown) = complete_with(fixture, &opts);
    expect.assert_eq(&render(&text, &shown, limit));
}

fn labels(fixture: &str) -> Vec<String> {
    let (_, _, shown) = complete_with(fixture, &CompletionOptions::new(today()));
    shown.into_iter().map(|i| i.label).collect()
}

#[test]
fn keywords_at_line_start() {
    check(
        "FROM alpine\n$0\n",
        5,
        expect![[r#"
        RUN [] => "RUN " — Runs a command in a new layer during the build (shell form runs `/bin/sh -c` unless SHELL says otherwise).
        COPY [] => "COPY " — Copies files and folders from the build context, another stage or an image into the image.
        FROM [] => "FROM " — Starts a build stage from a base image (or `scratch`, or an earlier stage).
        ENV [] => "ENV " — Sets environment variables for the rest of the stage, for stages built FROM it, and for containers.
        ARG [] => "ARG " — Declares a build argument that `--build-arg` can set. Before the first FROM it is global (usable in FROM lines); inside a stage it is visible from there on.
        … 13 more
    "#]],
    );
    check(
        "FROM alpine\nWO$0\n",
        5,
        expect![[r#"
        WORKDIR [WO] => "WORKDIR " — The working folder for the instructions that follow and for containers; created if missing. Use absolute paths.
    "#]],
    );
}

#[test]
fn keywords_follow_the_files_case() {
    check(
        "from alpine\nrun true\nco$0\n",
        3,
        expect![[r#"
        copy [co] => "copy " — Copies files and folders from the build context, another stage or an image into the image.
    "#]],
    );
}

#[test]
fn first_line_offers_from_and_arg_first() {
    let l = labels("$0");
    assert_eq!(l.get(..2), Some(&["ARG".to_string(), "FROM".to_string()][..]), "{l:?}");
}

#[test]
fn snippets_only_when_the_client_supports_them() {
    let (_, _, with) = complete_with("FROM alpine\nWORKD$0\n", &CompletionOptions::new(today()));
    assert!(with.iter().any(|i| i.label == "WORKDIR" && i.snippet && i.insert_text.contains("${1:")));
    let opts = CompletionOptions { snippets: false, ..CompletionOptions::new(today()) };
    let (_, _, without) = complete_with("FROM alpine\nWORKD$0\n", &opts);
    assert!(without.iter().all(|i| !i.snippet && !i.insert_text.contains("${")));
}

#[test]
fn onbuild_triggers() {
    let l = labels("FROM alpine\nONBUILD $0\n");
    assert!(l.contains(&"RUN".to_string()) && l.contains(&"COPY".to_string()));
    for banned in ["FROM", "MAINTAINER", "ONBUILD"] {
        assert!(!l.contains(&banned.to_string()), "{banned} cannot be an ONBUILD trigger: {l:?}");
    }
}

#[test]
fn directives_in_the_header() {
    check(
        "# syntax=docker/dockerfile:1\n# $0\nFROM alpine\n",
        5,
        expect![[r#"
        check [] => "check=" — # check=skip=<checks>|all;error=true
        escape [] => "escape=" — # escape=`
    "#]],
    );
    check(
        "# syntax=$0\nFROM alpine\n",
        5,
        expect![[r#"
        docker/dockerfile:1 [] — the latest stable Dockerfile frontend 1.x
        docker/dockerfile:1-labs [] — 1.x with experimental (labs) features
    "#]],
    );
    assert!(labels("FROM alpine\n# $0\n").is_empty(), "no directives after the first instruction");
}

#[test]
fn from_offers_images_namespaces_and_earlier_stages() {
    check(
        "FROM golang:1.23 AS build\nFROM $0\n",
        8,
        expect![[r#"
            build [] — stage 0 · FROM golang:1.23
            python [] — Python · official image
            node [] — Node.js · official image
            golang [] — Go · official image
            rust [] — Rust · official image
            eclipse-temurin [] — Eclipse Temurin (OpenJDK) · official image
            amazoncorretto [] — Amazon Corretto · official image
            openjdk [] — OpenJDK (deprecated image) · official image
            … 139 more
        "#]],
    );
    let l = labels("FROM golang:1.23 AS build\nFROM $0\n");
    for want in [
        "scratch",
        "gcr.io/distroless/",
        "cgr.dev/chainguard/",
        "mcr.microsoft.com/dotnet/",
        "ghcr.io/",
        "quay.io/",
        "registry.access.redhat.com/ubi9/",
    ] {
        assert!(l.contains(&want.to_string()), "{want} missing");
    }
    check(
        "FROM gcr.io/distroless/st$0\n",
        5,
        expect![[r#"
        gcr.io/distroless/static-debian12 [gcr.io/distroless/st] — Google distroless
        gcr.io/distroless/static-debian13 [gcr.io/distroless/st] — Google distroless
    "#]],
    );
}

#[test]
fn python_tags_are_ranked() {
    check(
        "FROM python:$0\n",
        8,
        expect![[r#"
        3.14-slim [] — Python 3.14 · Debian 13 slim · supported until 2030-10-31
        3.14-slim-trixie [] — Python 3.14 · Debian 13 slim · supported until 2030-10-31
        3.14-slim-bookworm [] — Python 3.14 · Debian 12 slim · Debian 12: LTS only, until 2028-06-30
        3.14 [] — Python 3.14 · Debian 13 full · supported until 2030-10-31
        3.14-trixie [] — Python 3.14 · Debian 13 full · supported until 2030-10-31
        3.14-bookworm [] — Python 3.14 · Debian 12 full · Debian 12: LTS only, until 2028-06-30
        3.14-alpine [] — Python 3.14 · Alpine Linux 3.24 · supported until 2030-10-31
        3.14-alpine3.24 [] — Python 3.14 · Alpine Linux 3.24 · supported until 2030-10-31
        … 142 more
    "#]],
    );
}

#[test]
fn partial_tags_filter_and_replace_only_the_tag() {
    check(
        "FROM python:3.12-sl$0\n",
        4,
        expect![[r#"
        3.12-slim [3.12-sl] — Python 3.12 · Debian 13 slim · supported until 2028-10-31
        3.12-slim-trixie [3.12-sl] — Python 3.12 · Debian 13 slim · supported until 2028-10-31
        3.12-slim-bookworm [3.12-sl] — Python 3.12 · Debian 12 slim · Debian 12: LTS only, until 2028-06-30
    "#]],
    );
    check(
        "FROM python:3.1$0 AS app\n",
        4,
        expect![[r#"
        3.14-slim [3.1] — Python 3.14 · Debian 13 slim · supported until 2030-10-31
        3.14-slim-trixie [3.1] — Python 3.14 · Debian 13 slim · supported until 2030-10-31
        3.14-slim-bookworm [3.1] — Python 3.14 · Debian 12 slim · Debian 12: LTS only, until 2028-06-30
        3.14 [3.1] — Python 3.14 · Debian 13 full · supported until 2030-10-31
        … 122 more
    "#]],
    );
    let (_, _, shown) = complete_with("FROM python:3.12-$0\n", &CompletionOptions::new(today()));
    assert!(shown.len() > 5);
    assert!(
        shown.iter().all(|i| i.label.starts_with("3.12-")),
        "{:?}",
        shown.iter().map(|i| &i.label).collect::<Vec<_>>()
    );
}

#[test]
fn tags_that_fit_what_was_typed_rank_first_and_the_best_is_preselected() {
    // Unfiltered, as a fuzzy-matching client receives it.
    let (_, list, _) = complete_with("FROM python:3.12-$0\n", &CompletionOptions::new(today()));
    let mut items = list.items.clone();
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    let first_other = items.iter().position(|i| !i.label.starts_with("3.12-")).unwrap_or(items.len());
    assert!(first_other > 5, "{:?}", items.iter().take(8).map(|i| &i.label).collect::<Vec<_>>());
    assert!(items[first_other..].iter().all(|i| !i.label.starts_with("3.12-")), "a fitting tag ranked below others");
    let preselected: Vec<&str> = list.items.iter().filter(|i| i.preselect).map(|i| i.label.as_str()).collect();
    assert_eq!(preselected, ["3.12-slim"]);
    // Nothing typed: the overall best.
    let (_, list, _) = complete_with("FROM python:$0\n", &CompletionOptions::new(today()));
    let preselected: Vec<&str> = list.items.iter().filter(|i| i.preselect).map(|i| i.label.as_str()).collect();
    assert_eq!(preselected, ["3.14-slim"]);
    // Nothing fits: nothing preselected.
    let (_, list, _) = complete_with("FROM python:zz$0\n", &CompletionOptions::new(today()));
    assert!(list.items.iter().all(|i| !i.preselect));
}

#[test]
fn end_of_life_tags_come_last_and_are_marked() {
    let (_, list, _) = complete_with("FROM node:$0\n", &CompletionOptions::new(today()));
    let first_eol = list.items.iter().position(|i| i.deprecated).unwrap_or(list.items.len());
    assert!(first_eol > 0);
    assert!(list.items[first_eol..].iter().all(|i| i.deprecated), "supported tags after an EOL one");
}

#[test]
fn no_tags_for_unknown_images_offline() {
    let (_, list, _) = complete_with("FROM registry.internal:5000/team/app:$0\n", &CompletionOptions::new(today()));
    assert!(list.items.is_empty());
    assert!(!list.is_incomplete);
}

#[test]
fn live_tags_are_added_and_pending_lookups_mark_the_list_incomplete() {
    let live = |_: &crate::syntax::image_ref::NormalizedRef| LiveInfo {
        tags: Some(std::sync::Arc::new(TagList {
            registry: "registry.internal:5000".into(),
            repository: "team/app".into(),
            fetched_at: std::time::SystemTime::UNIX_EPOCH,
            tags: vec![LiveTag {
                name: "1.2.3".into(),
                digest: None,
                last_pushed: Some("2026-11-01T10:00:00Z".into()),
                platforms: vec![PlatformImage {
                    platform: "linux/amd64".into(),
                    compressed_size: 12_300_000,
                    digest: None,
                }],
            }],
            truncated: false,
        })),
        pending: true,
    };
    let opts = CompletionOptions { live: Some(&live), ..CompletionOptions::new(today()) };
    let (text, list, shown) = complete_with("FROM registry.internal:5000/team/app:$0\n", &opts);
    assert!(list.is_incomplete);
    expect![[r#"
        1.2.3 [] — live from registry.internal:5000 · pushed 2026-11-01 · 12.3 MB
    "#]]
    .assert_eq(&render(&text, &shown, 5));
}

#[test]
fn copy_from_offers_earlier_stages_only() {
    check(
        "FROM golang:1.23 AS build\nFROM alpine AS test\nFROM alpine AS final\nCOPY --from=$0 /app /app\nFROM alpine AS later\n",
        10,
        expect![[r#"
            test [] — stage 1 · FROM alpine
            build [] — stage 0 · FROM golang:1.23
            0 [] — stage 0 by index · FROM golang:1.23
            1 [] — stage 1 by index · FROM alpine
        "#]],
    );
    let l = labels("FROM alpine AS build\nCOPY --from=$0 /a /b\n");
    assert!(!l.contains(&"build".to_string()), "never the current stage: {l:?}");
}

#[test]
fn flags_after_double_dash() {
    check(
        "FROM alpine\nRUN --$0\n",
        10,
        expect![[r#"
        --mount [--] => "--mount=" — --mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]
        --network [--] => "--network=" — --network=<default|none|host>
        --security [--] => "--security=" — --security=<sandbox|insecure>
        --device [--] => "--device=" — --device=<name>[,required]
    "#]],
    );
    let l = labels("FROM alpine\nCOPY --from=x --chown=1 --$0 a b\n");
    assert!(!l.contains(&"--from".to_string()) && !l.contains(&"--chown".to_string()), "used flags again: {l:?}");
    assert!(l.contains(&"--chmod".to_string()));
    let l = labels("FROM alpine\nRUN --mount=type=cache,target=/x --$0\n");
    assert!(l.contains(&"--mount".to_string()), "--mount is repeatable");
    assert!(labels("FROM alpine\nRUN echo --$0\n").is_empty(), "no flags after the command starts");
}

#[test]
fn flag_values() {
    check(
        "FROM --platform=$0 alpine\n",
        3,
        expect![[r#"
        $BUILDPLATFORM [] — --platform
        $TARGETPLATFORM [] — --platform
        linux/amd64 [] — --platform
        … 7 more
    "#]],
    );
    check(
        "FROM alpine\nRUN --network=$0\n",
        5,
        expect![[r#"
        default [] — --network
        none [] — --network
        host [] — --network
    "#]],
    );
    check(
        "FROM alpine\nRUN --mount=type=$0\n",
        5,
        expect![[r#"
        bind [] — type=bind
        cache [] — type=cache
        tmpfs [] — type=tmpfs
        secret [] — type=secret
        ssh [] — type=ssh
    "#]],
    );
    check(
        "FROM alpine\nRUN --mount=type=cache,$0\n",
        4,
        expect![[r#"
        target [] => "target=" — type=cache
        id [] => "id=" — type=cache
        sharing [] => "sharing=" — type=cache
        readonly [] — type=cache
        … 5 more
    "#]],
    );
    check(
        "FROM alpine\nRUN --mount=type=secret,id=npm,$0\n",
        10,
        expect![[r#"
        target [] => "target=" — type=secret
        env [] => "env=" — type=secret
        required [] — type=secret
        mode [] => "mode=" — type=secret
        uid [] => "uid=" — type=secret
        gid [] => "gid=" — type=secret
    "#]],
    );
    assert!(labels("FROM alpine\nCOPY --chmod=$0 a b\n").is_empty());
}

#[test]
fn healthcheck_type_words() {
    check(
        "FROM alpine\nHEALTHCHECK --interval=5s $0\n",
        3,
        expect![[r#"
        CMD [] => "CMD " — the check command
        NONE [] — disable the base image's check
    "#]],
    );
}

#[test]
fn as_after_the_image() {
    check(
        "FROM alpine $0\n",
        3,
        expect![[r#"
        AS [] => "AS " — name this stage
    "#]],
    );
}

#[test]
fn variables_in_a_stage_declare_automatic_args() {
    check(
        "ARG VERSION=1.2\nFROM alpine AS build\nARG APP=/opt/app\nENV HOME_DIR=/home\nRUN echo $$0\n",
        12,
        expect![[r#"
            APP [] — ARG = /opt/app
            HOME_DIR [] — ENV = /home
            TARGETARCH [] — automatic platform ARG · adds `ARG TARGETARCH` + line 4: "ARG TARGETARCH\n"
            TARGETOS [] — automatic platform ARG · adds `ARG TARGETOS` + line 4: "ARG TARGETOS\n"
            TARGETPLATFORM [] — automatic platform ARG · adds `ARG TARGETPLATFORM` + line 4: "ARG TARGETPLATFORM\n"
            TARGETVARIANT [] — automatic platform ARG · adds `ARG TARGETVARIANT` + line 4: "ARG TARGETVARIANT\n"
            BUILDPLATFORM [] — automatic platform ARG · adds `ARG BUILDPLATFORM` + line 4: "ARG BUILDPLATFORM\n"
            BUILDARCH [] — automatic platform ARG · adds `ARG BUILDARCH` + line 4: "ARG BUILDARCH\n"
            BUILDOS [] — automatic platform ARG · adds `ARG BUILDOS` + line 4: "ARG BUILDOS\n"
            BUILDVARIANT [] — automatic platform ARG · adds `ARG BUILDVARIANT` + line 4: "ARG BUILDVARIANT\n"
            VERSION [] — global ARG = 1.2 · adds `ARG VERSION` + line 4: "ARG VERSION\n"
            PATH [] — ENV of the base image alpine
        "#]],
    );
}

#[test]
fn variables_in_from_are_global_args_and_platform_args() {
    check(
        "ARG PY=3.12\nFROM python:${$0\n",
        4,
        expect![[r#"
            PY [] => "PY}" — ARG = 3.12
            TARGETARCH [] => "TARGETARCH}" — automatic platform ARG
            TARGETOS [] => "TARGETOS}" — automatic platform ARG
            TARGETPLATFORM [] => "TARGETPLATFORM}" — automatic platform ARG
            … 5 more
        "#]],
    );
}

#[test]
fn declared_automatic_args_need_no_edit() {
    let opts = CompletionOptions::new(today());
    let (_, _, shown) = complete_with("FROM alpine\nARG TARGETARCH\nRUN echo ${TARGET$0}\n", &opts);
    let arch = shown.iter().find(|i| i.label == "TARGETARCH");
    assert!(arch.is_some_and(|i| i.additional_edits.is_empty() && i.insert_text == "TARGETARCH"), "{arch:?}");
    let os = shown.iter().find(|i| i.label == "TARGETOS");
    assert!(os.is_some_and(|i| i.additional_edits.len() == 1), "{os:?}");
}

#[test]
fn arg_declaration_in_a_file_without_final_newline() {
    check(
        "FROM alpine\nRUN echo $TARGETA$0",
        1,
        expect![[r#"
        TARGETARCH [TARGETA] — automatic platform ARG · adds `ARG TARGETARCH` + line 2: "ARG TARGETARCH\n"
    "#]],
    );
}

#[test]
fn mount_from_offers_earlier_stages() {
    let l = labels("FROM alpine AS deps\nFROM alpine\nRUN --mount=type=bind,from=$0 true\n");
    assert_eq!(l, ["deps", "0"]);
}

#[test]
fn no_tags_after_a_digest_or_for_hub_images_outside_the_library() {
    assert!(labels("FROM python@sha256:$0\n").is_empty());
    assert!(labels("FROM bitnami/redis:$0\n").is_empty());
}

#[test]
fn any_offset_in_odd_text_is_safe() {
    let texts = [
        "\u{feff}# syntax=docker/dockerfile:1\n# escape=`\nFROM pythön:3.12-slim AS bäse\nRUN --mount=type=cache,target=/ü `\n  echo \"$HÖME ${X:-ä}\"\nCOPY --from=bäse <<EOF /x\nä $Y\nEOF\nONBUILD RUN --mo\nHEALTHCHECK --interval=\nFROM ${",
        "FROM\nFROM :\nFROM @\nCOPY --from= \nRUN --mount=,,=\nARG =\nENV ===\n$\n${\n--\n\r\n\r",
        "ONBUILD\nONBUILD ONBUILD\nFROM scratch:latest@sha256:zz\nSHELL [\"a\",\nCMD [\"a\", \"b",
    ];
    let today = today();
    for text in texts {
        crate::ide::with_doc(text, |d| {
            for at in 0..=text.len() + 2 {
                let _ = completion(d, at, &CompletionOptions::new(today));
                let _ = crate::ide::hover::hover(d, at, &crate::ide::hover::HoverOptions::new(today));
                let _ = crate::ide::signature::signature_help(d, at);
            }
            let _ = crate::ide::inlay::inlay_hints(d, 0..text.len(), &crate::ide::inlay::InlayOptions::new(today));
        });
    }
}
