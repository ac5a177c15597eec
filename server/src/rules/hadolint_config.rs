//! hadolint's configuration file (`.hadolint.yaml` / `.hadolint.yml`), read into rule
//! configuration.
//!
//! Pure: the protocol layer or the CLI finds and reads the file and hands over its
//! text. Keys we understand: `ignored`, `override` (`error`/`warning`/`info`/`style`
//! lists; `style` becomes hint), `trustedRegistries` (a list or one registry),
//! `label-schema`, `strict-labels`, `failure-threshold`, `no-fail` and
//! `disable-ignore-pragma`. Other keys (`format`, `no-color`, `verbose`, …) are
//! ignored. Rule codes are kept as written: DL codes and our rule ids both work, since
//! severities are looked up by id or alias.

use std::fmt;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::{Level, RuleConfig, Severity};

/// The label types hadolint's label schema knows.
pub const LABEL_TYPES: [&str; 7] = ["text", "url", "hash", "spdx", "rfc3339", "semver", "email"];

/// What a `.hadolint.yaml` says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HadolintConfig {
    /// Rules turned off (`ignored:`).
    pub ignored: Vec<String>,
    /// Severity overrides in file order (`override:`; `style` is [`Severity::Hint`]).
    pub overrides: Vec<(String, Severity)>,
    /// `trustedRegistries:`.
    pub trusted_registries: Vec<String>,
    /// `label-schema:` in file order: label name → type (one of [`LABEL_TYPES`]).
    pub label_schema: Vec<(String, String)>,
    /// `strict-labels:`.
    pub strict_labels: Option<bool>,
    /// `failure-threshold:`: the CLI fails on findings at least this serious. hadolint's
    /// `ignore`/`none` (every finding counts) map to [`Severity::Hint`], the lowest level.
    pub failure_threshold: Option<Severity>,
    /// `no-fail:`: the CLI never fails because of findings.
    pub no_fail: Option<bool>,
    /// `disable-ignore-pragma:`: inline `# hadolint ignore=` comments should not count
    /// (the caller decides what to do with it; rule configuration has no such switch).
    pub disable_ignore_pragma: Option<bool>,
}

/// Why a configuration file could not be read, and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

fn error_at(node: &MarkedYaml<'_>, message: impl Into<String>) -> ConfigError {
    ConfigError { line: node.span.start.line(), column: node.span.start.col() + 1, message: message.into() }
}

/// What kind of YAML value a node is, for messages.
fn describe(node: &MarkedYaml<'_>) -> &'static str {
    match &node.data {
        YamlData::Value(Scalar::String(_)) | YamlData::Representation(..) => "text",
        YamlData::Value(Scalar::Boolean(_)) => "true/false",
        YamlData::Value(Scalar::Integer(_) | Scalar::FloatingPoint(_)) => "a number",
        YamlData::Value(Scalar::Null) => "nothing",
        YamlData::Sequence(_) => "a list",
        YamlData::Mapping(_) => "a mapping",
        _ => "an unsupported value",
    }
}

fn is_null(node: &MarkedYaml<'_>) -> bool {
    matches!(node.data, YamlData::Value(Scalar::Null))
}

fn as_text<'n>(node: &'n MarkedYaml<'_>) -> Option<&'n str> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s),
        _ => None,
    }
}

/// A list of strings; one string alone counts as a list of one; nothing as empty.
fn string_list(node: &MarkedYaml<'_>, key: &str, item: &str) -> Result<Vec<String>, ConfigError> {
    if is_null(node) {
        return Ok(Vec::new());
    }
    if let Some(s) = as_text(node) {
        return Ok(vec![s.trim().to_string()]);
    }
    let YamlData::Sequence(items) = &node.data else {
        return Err(error_at(node, format!("`{key}` must be a list of {item}s, not {}", describe(node))));
    };
    items
        .iter()
        .map(|i| {
            as_text(i)
                .map(|s| s.trim().to_string())
                .ok_or_else(|| error_at(i, format!("`{key}` must list {item}s (text), not {}", describe(i))))
        })
        .collect()
}

fn boolean(node: &MarkedYaml<'_>, key: &str) -> Result<Option<bool>, ConfigError> {
    match &node.data {
        YamlData::Value(Scalar::Boolean(b)) => Ok(Some(*b)),
        YamlData::Value(Scalar::Null) => Ok(None),
        _ => Err(error_at(node, format!("`{key}` must be true or false, not {}", describe(node)))),
    }
}

fn entries<'a, 'n>(
    node: &'a MarkedYaml<'n>,
) -> Option<impl Iterator<Item = (&'a MarkedYaml<'n>, &'a MarkedYaml<'n>)> + 'a> {
    match &node.data {
        YamlData::Mapping(m) => Some(m.iter()),
        _ => None,
    }
}

impl HadolintConfig {
    /// Reads the text of a `.hadolint.yaml`. An empty file (or one with only comments)
    /// is an empty configuration.
    pub fn parse(text: &str) -> Result<HadolintConfig, ConfigError> {
        let docs = MarkedYaml::load_from_str(text).map_err(|e| ConfigError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: format!("invalid YAML: {}", e.info()),
        })?;
        let mut out = HadolintConfig::default();
        let Some(root) = docs.first() else { return Ok(out) };
        if is_null(root) {
            return Ok(out);
        }
        let Some(items) = entries(root) else {
            return Err(error_at(
                root,
                format!("the configuration must be a mapping (keys such as `ignored:`), not {}", describe(root)),
            ));
        };
        for (k, v) in items {
            let Some(key) = as_text(k) else { continue };
            match key {
                "ignored" => out.ignored.extend(string_list(v, key, "rule code")?),
                "override" => out.read_override(v)?,
                "trustedRegistries" => out.trusted_registries.extend(string_list(v, key, "registry")?),
                "label-schema" => out.read_label_schema(v)?,
                "strict-labels" => out.strict_labels = boolean(v, key)?,
                "no-fail" => out.no_fail = boolean(v, key)?,
                "disable-ignore-pragma" => out.disable_ignore_pragma = boolean(v, key)?,
                "failure-threshold" => {
                    if is_null(v) {
                        continue;
                    }
                    let level = as_text(v).and_then(|s| match s.trim().to_ascii_lowercase().as_str() {
                        "ignore" | "none" => Some(Severity::Hint),
                        "style" => Some(Severity::Hint),
                        "error" | "warning" | "info" => Severity::parse(s.trim()),
                        _ => None,
                    });
                    out.failure_threshold = Some(level.ok_or_else(|| {
                        error_at(
                            v,
                            format!(
                                "`failure-threshold` must be one of error, warning, info, style, ignore, none; found {}",
                                as_text(v).map_or_else(|| describe(v).to_string(), |s| format!("`{s}`"))
                            ),
                        )
                    })?);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn read_override(&mut self, node: &MarkedYaml<'_>) -> Result<(), ConfigError> {
        if is_null(node) {
            return Ok(());
        }
        let Some(items) = entries(node) else {
            return Err(error_at(
                node,
                format!(
                    "`override` must be a mapping with the keys error, warning, info and style, not {}",
                    describe(node)
                ),
            ));
        };
        for (k, v) in items {
            let Some(name) = as_text(k) else { continue };
            let severity = match name {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                "style" => Severity::Hint,
                other => {
                    return Err(error_at(
                        k,
                        format!("`override` has an unknown level `{other}` (expected error, warning, info or style)"),
                    ));
                }
            };
            for code in string_list(v, &format!("override.{name}"), "rule code")? {
                self.overrides.push((code, severity));
            }
        }
        Ok(())
    }

    fn read_label_schema(&mut self, node: &MarkedYaml<'_>) -> Result<(), ConfigError> {
        if is_null(node) {
            return Ok(());
        }
        let Some(items) = entries(node) else {
            return Err(error_at(
                node,
                format!("`label-schema` must map label names to types, not be {}", describe(node)),
            ));
        };
        for (k, v) in items {
            let Some(label) = as_text(k) else {
                return Err(error_at(k, format!("a label name in `label-schema` must be text, not {}", describe(k))));
            };
            let ty = if is_null(v) {
                "text".to_string()
            } else {
                let t = as_text(v).map(|s| s.trim().to_ascii_lowercase());
                match t {
                    Some(t) if t.is_empty() => "text".to_string(),
                    Some(t) if LABEL_TYPES.contains(&t.as_str()) => t,
                    _ => {
                        let found = as_text(v).map_or_else(|| describe(v).to_string(), |s| format!("`{s}`"));
                        return Err(error_at(
                            v,
                            format!(
                                "label `{label}` has an unknown type {found} (expected one of {})",
                                LABEL_TYPES.join(", ")
                            ),
                        ));
                    }
                }
            };
            self.label_schema.push((label.to_string(), ty));
        }
        Ok(())
    }

    /// Pushes this file's severities onto `config` as one layer (so it outranks what
    /// was pushed before, e.g. the LSP settings, and a later layer such as command-line
    /// flags outranks it), and merges its rule options: trusted registries are added,
    /// label types set, `strict-labels` replaces the current value.
    ///
    /// Within the file, `ignored` wins over `override` (as in hadolint), and among the
    /// override lists a later entry wins.
    pub fn apply(&self, config: &mut RuleConfig) {
        for (code, severity) in &self.overrides {
            config.severities.push(code.clone(), Level::On(*severity));
        }
        for code in &self.ignored {
            config.severities.push(code.clone(), Level::Off);
        }
        for r in &self.trusted_registries {
            if !config.trusted_registries.contains(r) {
                config.trusted_registries.push(r.clone());
            }
        }
        for (label, ty) in &self.label_schema {
            config.label_schema.insert(label.clone(), ty.clone());
        }
        if let Some(strict) = self.strict_labels {
            config.strict_labels = strict;
        }
    }

    /// Rule codes named in `ignored` or `override` that no rule answers to (e.g.
    /// ShellCheck's `SC…` codes, or typos), for a warning.
    pub fn unknown_rules(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .ignored
            .iter()
            .map(String::as_str)
            .chain(self.overrides.iter().map(|(c, _)| c.as_str()))
            .filter(|c| super::registry::find_meta(c).is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::find_rule;

    fn parse(text: &str) -> HadolintConfig {
        HadolintConfig::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn err(text: &str) -> ConfigError {
        match HadolintConfig::parse(text) {
            Ok(c) => panic!("expected an error, got {c:?}"),
            Err(e) => e,
        }
    }

    /// hadolint's documented full example (README "Configure").
    const FULL: &str = "\
failure-threshold: warning
format: json
ignored:
  - DL3000
  - SC1010
label-schema:
  author: text
  contact: email
  created: rfc3339
  version: semver
  documentation: url
  git-revision: hash
  license: spdx
no-color: true
no-fail: false
override:
  error:
    - DL3001
    - DL3002
  warning:
    - DL3042
    - DL3033
  info:
    - DL3032
  style:
    - DL3015
strict-labels: true
disable-ignore-pragma: false
trustedRegistries:
  - docker.io
  - my-company.com:5000
  - \"*.gcr.io\"
";

    #[test]
    fn full_example() {
        let c = parse(FULL);
        assert_eq!(c.ignored, ["DL3000", "SC1010"]);
        assert_eq!(c.failure_threshold, Some(Severity::Warning));
        assert_eq!(c.no_fail, Some(false));
        assert_eq!(c.strict_labels, Some(true));
        assert_eq!(c.disable_ignore_pragma, Some(false));
        assert_eq!(c.trusted_registries, ["docker.io", "my-company.com:5000", "*.gcr.io"]);
        assert_eq!(c.overrides.len(), 6);
        assert!(c.overrides.contains(&("DL3002".into(), Severity::Error)));
        assert!(c.overrides.contains(&("DL3015".into(), Severity::Hint)), "style is hint");
        assert_eq!(c.label_schema.len(), 7);
        assert!(c.label_schema.contains(&("git-revision".into(), "hash".into())));
    }

    #[test]
    fn small_real_world_configs() {
        // The most common shape: a list of ignored codes.
        let c = parse("ignored:\n  - DL3008\n  - DL3013 # pip pins are handled by lock files\n  - DL3018\n");
        assert_eq!(c.ignored, ["DL3008", "DL3013", "DL3018"]);
        // Flow style, a document marker and a single trusted registry as a string.
        let c = parse("---\nignored: [DL3008, DL3009]\ntrustedRegistries: registry.example.com\n");
        assert_eq!(c.ignored, ["DL3008", "DL3009"]);
        assert_eq!(c.trusted_registries, ["registry.example.com"]);
        // Only a threshold, and `none`.
        assert_eq!(parse("failure-threshold: error\n").failure_threshold, Some(Severity::Error));
        assert_eq!(parse("failure-threshold: none\n").failure_threshold, Some(Severity::Hint));
        // Empty files, comments only, empty values.
        assert_eq!(parse(""), HadolintConfig::default());
        assert_eq!(parse("# nothing configured yet\n"), HadolintConfig::default());
        assert_eq!(parse("ignored:\noverride:\n"), HadolintConfig::default());
        // Unknown keys are ignored.
        assert_eq!(parse("verbose: true\nformat: sarif\nsomething-new: [1, 2]\n"), HadolintConfig::default());
        // Our own rule ids work as codes.
        assert_eq!(parse("ignored: [add-instead-of-copy]\n").ignored, ["add-instead-of-copy"]);
    }

    #[test]
    fn bad_yaml_says_where() {
        let e = err("ignored:\n  - DL3000\n - DL3001\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.starts_with("invalid YAML"), "{e}");
        // hadolint's own help text shows tabs, which YAML forbids for indentation.
        let e = err("ignored:\n\t- DL3000\n");
        assert_eq!(e.line, 2, "{e}");
        let e = err("override: {error: [DL3001\n");
        assert!(e.message.starts_with("invalid YAML"), "{e}");
    }

    #[test]
    fn wrong_types_say_what_and_where() {
        let e = err("ignored:\n  DL3000: true\n");
        assert_eq!((e.line, e.message.as_str()), (2, "`ignored` must be a list of rule codes, not a mapping"));
        let e = err("ignored:\n  - DL3000\n  - 3001\n");
        assert_eq!((e.line, e.column), (3, 5));
        assert!(e.message.contains("not a number"), "{e}");
        let e = err("override: [DL3001]\n");
        assert!(e.line == 1 && e.message.contains("`override` must be a mapping"), "{e}");
        let e = err("override:\n  critical:\n    - DL3001\n");
        assert!(e.line == 2 && e.message.contains("unknown level `critical`"), "{e}");
        let e = err("failure-threshold: critical\n");
        assert!(e.line == 1 && e.message.contains("`critical`"), "{e}");
        let e = err("strict-labels: \"yes\"\n");
        assert_eq!(e.to_string(), "line 1, column 16: `strict-labels` must be true or false, not text");
        let e = err("label-schema:\n  author: text\n  version: semver2\n");
        assert!(e.line == 3 && e.message.contains("label `version` has an unknown type `semver2`"), "{e}");
        let e = err("- DL3000\n- DL3001\n");
        assert!(e.line == 1 && e.message.contains("must be a mapping"), "{e}");
    }

    #[test]
    fn apply_is_a_layer_between_settings_and_flags() {
        let dl3020 = &find_rule("DL3020").map(|r| &r.meta).unwrap_or_else(|| panic!("DL3020 is registered"));
        let dl3021 = &find_rule("DL3021").map(|r| &r.meta).unwrap_or_else(|| panic!("DL3021 is registered"));
        let dl3059 = &find_rule("DL3059").map(|r| &r.meta).unwrap_or_else(|| panic!("DL3059 is registered"));
        let mut config = RuleConfig::default();
        // LSP settings first.
        config.severities.push("add-instead-of-copy", Level::On(Severity::Error));
        config.severities.push("consecutive-run", Level::Off);
        config.trusted_registries.push("docker.io".into());
        let file = parse(
            "ignored: [DL3020]\noverride:\n  warning: [DL3021, DL3020]\n  style: [DL3059]\n\
             trustedRegistries: [docker.io, ghcr.io]\nlabel-schema: {version: semver}\nstrict-labels: true\n",
        );
        file.apply(&mut config);
        assert_eq!(config.level_for(dl3020, None), Some(Level::Off), "ignored beats the setting and the override");
        assert_eq!(config.level_for(dl3021, None), Some(Level::On(Severity::Warning)));
        assert_eq!(config.level_for(dl3059, None), Some(Level::On(Severity::Hint)), "the file outranks the setting");
        assert_eq!(config.trusted_registries, ["docker.io", "ghcr.io"]);
        assert_eq!(config.label_schema.get("version").map(String::as_str), Some("semver"));
        assert!(config.strict_labels);
        // A command-line flag pushed afterwards wins.
        config.severities.push("DL3020", Level::On(Severity::Info));
        assert_eq!(config.level_for(dl3020, None), Some(Level::On(Severity::Info)));
    }

    #[test]
    fn applied_config_changes_what_is_reported() {
        let text = "FROM ghcr.io/org/app:1\nADD a.txt /a.txt\n";
        let tree = crate::syntax::parse(text);
        let codes = |config: &RuleConfig| -> Vec<&'static str> {
            let mut v: Vec<&str> = crate::rules::run(text, &tree, &crate::rules::Inputs::default(), config)
                .into_iter()
                .map(|d| d.code)
                .filter(|c| ["add-instead-of-copy", "from-untrusted-registry"].contains(c))
                .collect();
            v.sort_unstable();
            v
        };
        let mut config = RuleConfig::default();
        assert_eq!(codes(&config), ["add-instead-of-copy"]);
        parse("ignored:\n  - DL3020\ntrustedRegistries:\n  - docker.io\n").apply(&mut config);
        assert_eq!(codes(&config), ["from-untrusted-registry"]);
    }

    #[test]
    fn unknown_codes_are_listed() {
        let c = parse("ignored: [DL3020, DL9999, XX1234]\noverride:\n  info: [last-user-root, nope]\n");
        assert_eq!(c.unknown_rules(), ["DL9999", "XX1234", "nope"]);
    }
}
