//! The README's rule table, rule reference and settings table are generated from the
//! rule registry and `editors/settings.json`; this test fails when they drift apart.
//! Regenerate with `UPDATE_README=1 cargo test --test readme`.

use std::path::Path;

use dockerfile_lsp::rules::Group;
use dockerfile_lsp::rules::registry::all_metas;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rules_section() -> String {
    let mut groups: Vec<(Group, &str, &str)> = vec![
        (
            Group::Build,
            "Errors `docker build` would raise",
            "Always on; every kind of syntax error has its own id and the alias `DL1000`.",
        ),
        (
            Group::Buildkit,
            "BuildKit build checks",
            "Setting `ruleGroups.buildkit`. BuildKit's check names are aliases.",
        ),
        (
            Group::Hadolint,
            "Best practices (hadolint)",
            "Setting `ruleGroups.hadolint`. hadolint's DL codes are aliases.",
        ),
        (
            Group::BaseImage,
            "Base-image advice",
            "Setting `ruleGroups.baseImage`. Uses the embedded image catalog and, when enabled, live registry data.",
        ),
    ];
    let mut out = String::new();
    for (group, title, note) in groups.drain(..) {
        out.push_str(&format!(
            "\n#### {title}\n\n{note}\n\n| id | aliases | default | what it finds |\n|---|---|---|---|\n"
        ));
        let mut metas: Vec<_> = all_metas().filter(|m| m.group == group).collect();
        metas.sort_by_key(|m| m.id);
        for m in metas {
            let aliases: Vec<String> = m
                .aliases
                .iter()
                .map(|a| match a.case {
                    Some(c) => format!("`{}` ({c})", a.name),
                    None => format!("`{}`", a.name),
                })
                .collect();
            let sev = m.default_severity.map_or("off", |s| s.name());
            out.push_str(&format!(
                "| <a id=\"{id}\"></a>`{id}` | {} | {sev} | {} |\n",
                aliases.join(", "),
                m.summary.replace('|', "\\|"),
                id = m.id
            ));
        }
    }
    out.push_str("\n<details><summary>Rule reference: why each rule matters, an example and the fix</summary>\n\n");
    let mut metas: Vec<_> = all_metas().filter(|m| m.group != Group::Build).collect();
    metas.sort_by_key(|m| m.id);
    for m in metas {
        out.push_str(&format!("##### `{}`\n\n{}\n\n{}\n\n", m.id, m.summary, m.docs.trim()));
    }
    out.push_str("</details>\n");
    out
}

fn settings_section() -> String {
    let text = std::fs::read_to_string(root().join("editors/settings.json")).expect("editors/settings.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let mut out = String::from("\n| key | default | description |\n|---|---|---|\n");
    for (key, spec) in json.as_object().expect("object") {
        let default = serde_json::to_string(&spec["default"]).unwrap_or_default();
        let desc = spec["description"].as_str().unwrap_or("").replace('|', "\\|").replace('\n', " ");
        out.push_str(&format!("| `{key}` | `{default}` | {desc} |\n"));
    }
    out
}

fn replace_between(text: &str, start: &str, end: &str, body: &str) -> Option<String> {
    let a = text.find(start)? + start.len();
    let b = text[a..].find(end)? + a;
    Some(format!("{}{}{}", &text[..a], body, &text[b..]))
}

#[test]
fn readme_tables_match_the_registry_and_settings() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let with_rules =
        replace_between(&readme, "<!-- rules:start -->", "<!-- rules:end -->", &format!("{}\n", rules_section()))
            .expect("README has <!-- rules:start --> … <!-- rules:end -->");
    let expected = replace_between(
        &with_rules,
        "<!-- settings:start -->",
        "<!-- settings:end -->",
        &format!("{}\n", settings_section()),
    )
    .expect("README has <!-- settings:start --> … <!-- settings:end -->");
    if expected != readme {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, expected).expect("write README");
        } else {
            panic!("README.md's generated tables are out of date: run `UPDATE_README=1 cargo test --test readme`");
        }
    }
}
