//! Behaviour tests for the catalog.

use super::*;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad date {text}"))
}

#[test]
#[ignore = "prints resolutions for eyeballing"]
fn dump() {
    let today = day("2026-11-28");
    let cat = catalog();
    for (name, tag) in [
        ("python", Some("3.12-slim")),
        ("python", Some("3.12-alpine")),
        ("python", Some("3.12")),
        ("python", None),
        ("python", Some("3.8-slim")),
        ("python", Some("3.99")),
        ("python", Some("3.12-slimm")),
        ("node", Some("22-alpnie")),
        ("node", Some("23")),
        ("node", Some("lts-alpine")),
        ("golang", Some("1.24-bookworm")),
        ("debian", Some("bookworm")),
        ("debian", Some("bookwrom")),
        ("ubuntu", Some("20.04")),
        ("ubuntu", Some("noble")),
        ("alpine", Some("3.18")),
        ("alpine", Some("3.22")),
        ("openjdk", Some("21")),
        ("eclipse-temurin", Some("21-jre-alpine")),
        ("scratch", None),
        ("gcr.io/distroless/static-debian12", Some("nonroot")),
        ("cgr.dev/chainguard/python", Some("latest-dev")),
        ("mcr.microsoft.com/dotnet/aspnet", Some("8.0")),
        ("python", Some("3.14-windowsservercore-ltsc2022")),
        ("mycorp/app", Some("1.0")),
    ] {
        println!("==== {name}:{tag:?}\n{:#?}", cat.resolve(name, tag, today));
    }
    for r in cat.ranked_tags("python", today).iter().take(200) {
        println!("{:>3} {:<40} {} {}", r.sort_key, r.tag, r.deprecated, r.detail);
    }
}
