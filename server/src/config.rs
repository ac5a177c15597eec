//! User settings, one shape everywhere: LSP `initializationOptions`, the
//! `workspace/configuration` section `dockerfileLsp`, and (later) the CLI.
//!
//! Settings come from editors that users configure by hand, so parsing is lenient: the
//! JSON is walked key by key, a missing key keeps its current value, a wrong value is
//! reported as a [`SettingsError`] naming its key path (e.g. `registry.timeoutMs`) while
//! every valid key still applies, and unknown keys are logged and ignored.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::rules::Severity;

/// The configuration section name (`workspace/configuration`, VS Code's prefix).
pub const SECTION: &str = "dockerfileLsp";

/// Every settings key, as a dotted path from the top of the section. Maps whose keys
/// the user chooses (`rules`, `labelSchema`, `registry.buildArgs`) are one key each.
pub const SCHEMA_KEYS: &[&str] = &[
    "rules",
    "ruleGroups.buildkit",
    "ruleGroups.hadolint",
    "ruleGroups.baseImage",
    "trustedRegistries",
    "labelSchema",
    "strictLabels",
    "registry.enabled",
    "registry.timeoutMs",
    "registry.cacheDir",
    "registry.insecureRegistries",
    "registry.hubUrl",
    "registry.buildArgs",
    "format.continuationIndent",
    "format.uppercaseKeywords",
    "buildContext",
    "inlayHints.variables",
    "inlayHints.imageSize",
    "hover.layers",
];

/// The largest `format.continuationIndent` accepted.
pub const MAX_CONTINUATION_INDENT: u64 = 32;

/// All settings with their values in effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Severity overrides by rule id or alias (`DL3007`, `JSONArgsRecommended`).
    pub rules: BTreeMap<String, RuleLevel>,
    pub rule_groups: RuleGroups,
    /// Registries whose images `FROM` may use without a warning; empty allows all.
    pub trusted_registries: Vec<String>,
    /// What format each label's value must have.
    pub label_schema: BTreeMap<String, LabelType>,
    /// Whether labels outside `labelSchema` are reported.
    pub strict_labels: bool,
    pub registry: RegistrySettings,
    pub format: FormatSettings,
    /// The build context directory, relative to the Dockerfile or absolute.
    pub build_context: Option<String>,
    pub inlay_hints: InlayHintSettings,
    pub hover: HoverSettings,
}

/// Which families of rules run at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleGroups {
    pub buildkit: bool,
    pub hadolint: bool,
    pub base_image: bool,
}

/// The live registry client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrySettings {
    /// `false` makes the server fully offline.
    pub enabled: bool,
    pub timeout_ms: u64,
    /// Where registry answers are cached; `None` picks the platform cache directory.
    pub cache_dir: Option<String>,
    /// Registries reached over plain HTTP.
    pub insecure_registries: Vec<String>,
    pub hub_url: String,
    /// Values for `ARG`s used in `FROM` lines, so their images can be looked up.
    pub build_args: BTreeMap<String, String>,
}

/// Formatting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatSettings {
    pub continuation_indent: ContinuationIndent,
    pub uppercase_keywords: bool,
}

/// Inlay hints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InlayHintSettings {
    pub variables: bool,
    pub image_size: bool,
}

/// Hover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoverSettings {
    pub layers: bool,
}

/// A severity override for one rule, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

impl RuleLevel {
    pub const WORDS: &'static [&'static str] = &["error", "warning", "info", "hint", "off"];

    /// Parses a level word, ignoring ASCII case.
    pub fn parse(word: &str) -> Option<RuleLevel> {
        Some(match word.to_ascii_lowercase().as_str() {
            "error" => RuleLevel::Error,
            "warning" => RuleLevel::Warning,
            "info" => RuleLevel::Info,
            "hint" => RuleLevel::Hint,
            "off" => RuleLevel::Off,
            _ => return None,
        })
    }

    /// The severity to report with, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Off => None,
        }
    }
}

/// The format a label value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    Text,
    Url,
    Hash,
    Spdx,
    Rfc3339,
    Semver,
    Email,
}

impl LabelType {
    pub const WORDS: &'static [&'static str] = &["text", "url", "hash", "spdx", "rfc3339", "semver", "email"];

    pub fn parse(word: &str) -> Option<LabelType> {
        Some(match word.to_ascii_lowercase().as_str() {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "hash" => LabelType::Hash,
            "spdx" => LabelType::Spdx,
            "rfc3339" => LabelType::Rfc3339,
            "semver" => LabelType::Semver,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// How continuation lines are indented by the formatter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContinuationIndent {
    /// Leave the user's indentation alone.
    #[default]
    Keep,
    /// Indent continuation lines by this many spaces.
    Spaces(u8),
}

impl Serialize for ContinuationIndent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ContinuationIndent::Keep => s.serialize_str("keep"),
            ContinuationIndent::Spaces(n) => s.serialize_u8(*n),
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: BTreeMap::new(),
            rule_groups: RuleGroups { buildkit: true, hadolint: true, base_image: true },
            trusted_registries: Vec::new(),
            label_schema: BTreeMap::new(),
            strict_labels: false,
            registry: RegistrySettings {
                enabled: true,
                timeout_ms: 2000,
                cache_dir: None,
                insecure_registries: Vec::new(),
                hub_url: "https://hub.docker.com".to_string(),
                build_args: BTreeMap::new(),
            },
            format: FormatSettings { continuation_indent: ContinuationIndent::Keep, uppercase_keywords: true },
            build_context: None,
            inlay_hints: InlayHintSettings { variables: true, image_size: true },
            hover: HoverSettings { layers: true },
        }
    }
}

/// A settings value that could not be used; the key keeps its previous value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// Dotted key path, e.g. `registry.timeoutMs` or `rules.DL3007`.
    pub path: String,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Settings {
    /// Defaults overridden by `value` (either the settings object itself or
    /// `{"dockerfileLsp": {...}}`), with the problems found.
    pub fn from_json(value: &Value) -> (Settings, Vec<SettingsError>) {
        let mut settings = Settings::default();
        let errors = settings.merge_json(value);
        (settings, errors)
    }

    /// Overrides the keys present in `value`; nested objects override only the keys
    /// they contain, and so do the maps (`rules`, `labelSchema`, `registry.buildArgs`,
    /// where `null` removes an entry). Invalid values are returned and leave their key
    /// unchanged; `null` elsewhere leaves the key unchanged.
    pub fn merge_json(&mut self, value: &Value) -> Vec<SettingsError> {
        let mut w = Walker::default();
        let value = section(value);
        match value {
            Value::Null => {}
            Value::Object(map) => self.merge_object(&mut w, map),
            other => w.error(SECTION, format!("expected an object with settings, got {}", describe(other))),
        }
        w.errors
    }

    /// Every settings key path (see [`SCHEMA_KEYS`]).
    pub fn schema_keys() -> &'static [&'static str] {
        SCHEMA_KEYS
    }

    fn merge_object(&mut self, w: &mut Walker, map: &Map<String, Value>) {
        for (key, v) in map {
            match key.as_str() {
                "rules" => {
                    w.map("rules", v, &mut self.rules, |w, path, v| w.word(path, v, RuleLevel::WORDS, RuleLevel::parse))
                }
                "ruleGroups" => w.object("ruleGroups", v, |w, key, path, v| {
                    let g = &mut self.rule_groups;
                    match key {
                        "buildkit" => w.bool(path, v, &mut g.buildkit),
                        "hadolint" => w.bool(path, v, &mut g.hadolint),
                        "baseImage" => w.bool(path, v, &mut g.base_image),
                        _ => return false,
                    }
                    true
                }),
                "trustedRegistries" => w.string_list("trustedRegistries", v, &mut self.trusted_registries),
                "labelSchema" => w.map("labelSchema", v, &mut self.label_schema, |w, path, v| {
                    w.word(path, v, LabelType::WORDS, LabelType::parse)
                }),
                "strictLabels" => w.bool("strictLabels", v, &mut self.strict_labels),
                "registry" => w.object("registry", v, |w, key, path, v| {
                    let r = &mut self.registry;
                    match key {
                        "enabled" => w.bool(path, v, &mut r.enabled),
                        "timeoutMs" => w.timeout(path, v, &mut r.timeout_ms),
                        "cacheDir" => w.optional_string(path, v, &mut r.cache_dir),
                        "insecureRegistries" => w.string_list(path, v, &mut r.insecure_registries),
                        "hubUrl" => w.url(path, v, &mut r.hub_url),
                        "buildArgs" => w.map(path, v, &mut r.build_args, |w, path, v| w.string(path, v)),
                        _ => return false,
                    }
                    true
                }),
                "format" => w.object("format", v, |w, key, path, v| {
                    let f = &mut self.format;
                    match key {
                        "continuationIndent" => w.continuation_indent(path, v, &mut f.continuation_indent),
                        "uppercaseKeywords" => w.bool(path, v, &mut f.uppercase_keywords),
                        _ => return false,
                    }
                    true
                }),
                "buildContext" => w.optional_string("buildContext", v, &mut self.build_context),
                "inlayHints" => w.object("inlayHints", v, |w, key, path, v| {
                    let h = &mut self.inlay_hints;
                    match key {
                        "variables" => w.bool(path, v, &mut h.variables),
                        "imageSize" => w.bool(path, v, &mut h.image_size),
                        _ => return false,
                    }
                    true
                }),
                "hover" => w.object("hover", v, |w, key, path, v| match key {
                    "layers" => {
                        w.bool(path, v, &mut self.hover.layers);
                        true
                    }
                    _ => false,
                }),
                _ => w.unknown(key),
            }
        }
    }
}

/// The settings object inside `value`: `value["dockerfileLsp"]` when present, else `value`.
pub fn section(value: &Value) -> &Value {
    match value {
        Value::Object(map) => map.get(SECTION).unwrap_or(value),
        _ => value,
    }
}

/// Collects errors while walking a settings value.
#[derive(Default)]
struct Walker {
    errors: Vec<SettingsError>,
}

impl Walker {
    fn error(&mut self, path: &str, message: String) {
        self.errors.push(SettingsError { path: path.to_string(), message });
    }

    fn unknown(&mut self, path: &str) {
        tracing::debug!("ignoring unknown setting `{path}`");
    }

    /// Walks a nested settings object; `field` handles one key and returns `false`
    /// for keys it does not know.
    fn object(&mut self, path: &str, v: &Value, mut field: impl FnMut(&mut Walker, &str, &str, &Value) -> bool) {
        match v {
            Value::Null => {}
            Value::Object(map) => {
                for (key, v) in map {
                    let sub = format!("{path}.{key}");
                    if !field(self, key, &sub, v) {
                        self.unknown(&sub);
                    }
                }
            }
            other => self.error(path, format!("expected an object, got {}", describe(other))),
        }
    }

    /// Merges a map with user-chosen keys; `null` as a value removes the entry.
    fn map<T>(
        &mut self,
        path: &str,
        v: &Value,
        target: &mut BTreeMap<String, T>,
        mut parse: impl FnMut(&mut Walker, &str, &Value) -> Option<T>,
    ) {
        match v {
            Value::Null => {}
            Value::Object(map) => {
                for (key, v) in map {
                    if v.is_null() {
                        target.remove(key);
                        continue;
                    }
                    let sub = format!("{path}.{key}");
                    if let Some(value) = parse(self, &sub, v) {
                        target.insert(key.clone(), value);
                    }
                }
            }
            other => self.error(path, format!("expected an object, got {}", describe(other))),
        }
    }

    fn bool(&mut self, path: &str, v: &Value, target: &mut bool) {
        match v {
            Value::Null => {}
            Value::Bool(b) => *target = *b,
            other => self.error(path, format!("expected true or false, got {}", describe(other))),
        }
    }

    fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(path, format!("expected a string, got {}", describe(other)));
                None
            }
        }
    }

    fn optional_string(&mut self, path: &str, v: &Value, target: &mut Option<String>) {
        match v {
            Value::Null => *target = None,
            Value::String(s) => *target = Some(s.clone()),
            other => self.error(path, format!("expected a string or null, got {}", describe(other))),
        }
    }

    /// A list of strings; elements that are not strings are reported and skipped.
    fn string_list(&mut self, path: &str, v: &Value, target: &mut Vec<String>) {
        match v {
            Value::Null => {}
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        other => {
                            self.error(&format!("{path}[{i}]"), format!("expected a string, got {}", describe(other)))
                        }
                    }
                }
                *target = out;
            }
            other => self.error(path, format!("expected a list of strings, got {}", describe(other))),
        }
    }

    /// One of a fixed set of words.
    fn word<T>(&mut self, path: &str, v: &Value, words: &[&str], parse: fn(&str) -> Option<T>) -> Option<T> {
        let found = match v {
            Value::String(s) => match parse(s) {
                Some(t) => return Some(t),
                None => format!("{s:?}"),
            },
            other => describe(other),
        };
        let expected = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ");
        self.error(path, format!("expected one of {expected}, got {found}"));
        None
    }

    fn timeout(&mut self, path: &str, v: &Value, target: &mut u64) {
        match v {
            Value::Null => {}
            Value::Number(n) if n.is_u64() => *target = n.as_u64().unwrap_or(*target),
            other => self
                .error(path, format!("expected a whole number of milliseconds (0 or more), got {}", describe(other))),
        }
    }

    fn url(&mut self, path: &str, v: &Value, target: &mut String) {
        match v {
            Value::Null => {}
            Value::String(s) if s.starts_with("https://") || s.starts_with("http://") => {
                *target = s.trim_end_matches('/').to_string()
            }
            other => self.error(path, format!("expected an http:// or https:// URL, got {}", describe(other))),
        }
    }

    fn continuation_indent(&mut self, path: &str, v: &Value, target: &mut ContinuationIndent) {
        match v {
            Value::Null => {}
            Value::String(s) if s.eq_ignore_ascii_case("keep") => *target = ContinuationIndent::Keep,
            Value::Number(n) if n.as_u64().is_some_and(|n| n <= MAX_CONTINUATION_INDENT) => {
                let spaces = n.as_u64().and_then(|n| u8::try_from(n).ok()).unwrap_or(0);
                *target = ContinuationIndent::Spaces(spaces);
            }
            other => self.error(
                path,
                format!(
                    "expected \"keep\" or a number of spaces from 0 to {MAX_CONTINUATION_INDENT}, got {}",
                    describe(other)
                ),
            ),
        }
    }
}

/// A short description of a JSON value for error messages.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() { format!("{short:?}…") } else { format!("{s:?}") }
        }
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The reported key paths, sorted.
    fn paths(errors: &[SettingsError]) -> Vec<&str> {
        let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        paths.sort_unstable();
        paths
    }

    #[test]
    fn nothing_given_means_the_documented_defaults() {
        for empty in [Value::Null, json!({}), json!({ "dockerfileLsp": {} })] {
            let (s, errors) = Settings::from_json(&empty);
            assert!(errors.is_empty(), "{errors:?}");
            assert!(s.rules.is_empty());
            assert!(s.rule_groups.buildkit && s.rule_groups.hadolint && s.rule_groups.base_image);
            assert!(s.trusted_registries.is_empty() && s.label_schema.is_empty() && !s.strict_labels);
            assert!(s.registry.enabled);
            assert_eq!(s.registry.timeout_ms, 2000);
            assert_eq!(s.registry.cache_dir, None);
            assert_eq!(s.registry.hub_url, "https://hub.docker.com");
            assert!(s.registry.insecure_registries.is_empty() && s.registry.build_args.is_empty());
            assert_eq!(s.format.continuation_indent, ContinuationIndent::Keep);
            assert!(s.format.uppercase_keywords);
            assert_eq!(s.build_context, None);
            assert!(s.inlay_hints.variables && s.inlay_hints.image_size && s.hover.layers);
        }
    }

    #[test]
    fn a_partial_nested_object_overrides_only_its_keys() {
        let (s, errors) = Settings::from_json(&json!({ "registry": { "timeoutMs": 500 } }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.registry.timeout_ms, 500);
        assert!(s.registry.enabled, "enabled was not given and keeps its default");
        assert_eq!(s.registry.hub_url, "https://hub.docker.com");
        assert!(s.format.uppercase_keywords);
    }

    #[test]
    fn both_shapes_of_initialization_options_are_accepted() {
        let inner = json!({ "strictLabels": true, "rules": { "DL3007": "off" } });
        let (bare, e1) = Settings::from_json(&inner);
        let (wrapped, e2) = Settings::from_json(&json!({ "dockerfileLsp": inner }));
        assert!(e1.is_empty() && e2.is_empty());
        assert!(bare.strict_labels);
        assert_eq!(bare.rules.get("DL3007"), Some(&RuleLevel::Off));
        assert_eq!(bare, wrapped);
    }

    #[test]
    fn wrong_values_are_reported_by_key_path_and_valid_keys_still_apply() {
        let (s, errors) = Settings::from_json(&json!({
            "registry": { "timeoutMs": -5, "enabled": false, "hubUrl": "hub.local" },
            "strictLabels": "yes",
            "rules": { "DL3007": "loud", "from-latest-tag": "off", "unknown-instruction": "Warning" },
            "labelSchema": { "org.opencontainers.image.source": "url", "version": 3 },
            "format": { "continuationIndent": 100, "uppercaseKeywords": false },
            "hover": false,
        }));
        assert_eq!(
            paths(&errors),
            [
                "format.continuationIndent",
                "hover",
                "labelSchema.version",
                "registry.hubUrl",
                "registry.timeoutMs",
                "rules.DL3007",
                "strictLabels",
            ]
        );
        let timeout = errors.iter().find(|e| e.path == "registry.timeoutMs").map(|e| e.message.as_str());
        assert_eq!(timeout, Some("expected a whole number of milliseconds (0 or more), got -5"));
        let level = errors.iter().find(|e| e.path == "rules.DL3007").map(|e| e.message.as_str());
        assert_eq!(level, Some(r#"expected one of "error", "warning", "info", "hint", "off", got "loud""#));
        // Bad keys keep their defaults ...
        assert_eq!(s.registry.timeout_ms, 2000);
        assert_eq!(s.registry.hub_url, "https://hub.docker.com");
        assert!(!s.strict_labels);
        assert!(s.hover.layers);
        assert_eq!(s.format.continuation_indent, ContinuationIndent::Keep);
        assert!(!s.rules.contains_key("DL3007"));
        // ... and the good ones next to them apply.
        assert!(!s.registry.enabled);
        assert!(!s.format.uppercase_keywords);
        assert_eq!(s.rules.get("from-latest-tag"), Some(&RuleLevel::Off));
        assert_eq!(s.rules.get("unknown-instruction"), Some(&RuleLevel::Warning));
        assert_eq!(s.label_schema.get("org.opencontainers.image.source"), Some(&LabelType::Url));
    }

    #[test]
    fn list_elements_of_the_wrong_type_are_dropped_and_reported() {
        let (s, errors) = Settings::from_json(&json!({ "trustedRegistries": ["ghcr.io", 3, "quay.io"] }));
        assert_eq!(paths(&errors), ["trustedRegistries[1]"]);
        assert_eq!(s.trusted_registries, ["ghcr.io", "quay.io"]);
        let (s, errors) = Settings::from_json(&json!({ "registry": { "insecureRegistries": "localhost:5000" } }));
        assert_eq!(paths(&errors), ["registry.insecureRegistries"]);
        assert!(s.registry.insecure_registries.is_empty());
    }

    #[test]
    fn continuation_indent_is_keep_or_a_small_count() {
        let indent = |v: Value| {
            let (s, errors) = Settings::from_json(&json!({ "format": { "continuationIndent": v } }));
            (s.format.continuation_indent, errors.len())
        };
        assert_eq!(indent(json!("keep")), (ContinuationIndent::Keep, 0));
        assert_eq!(indent(json!(4)), (ContinuationIndent::Spaces(4), 0));
        assert_eq!(indent(json!(0)), (ContinuationIndent::Spaces(0), 0));
        assert_eq!(indent(json!(-1)), (ContinuationIndent::Keep, 1));
        assert_eq!(indent(json!(2.5)), (ContinuationIndent::Keep, 1));
        assert_eq!(indent(json!("tab")), (ContinuationIndent::Keep, 1));
    }

    #[test]
    fn nullable_keys_accept_null_and_strings_only() {
        let (s, errors) = Settings::from_json(&json!({ "buildContext": "..", "registry": { "cacheDir": "/tmp/c" } }));
        assert!(errors.is_empty());
        assert_eq!(s.build_context.as_deref(), Some(".."));
        assert_eq!(s.registry.cache_dir.as_deref(), Some("/tmp/c"));
        let (s, errors) = Settings::from_json(&json!({ "buildContext": 7 }));
        assert_eq!(paths(&errors), ["buildContext"]);
        assert_eq!(s.build_context, None);
    }

    #[test]
    fn merging_keeps_what_is_not_mentioned_and_null_removes_map_entries() {
        let (mut s, _) = Settings::from_json(&json!({
            "rules": { "DL3007": "off", "from-latest-tag": "error" },
            "registry": { "enabled": false, "buildArgs": { "VERSION": "1.2" } },
        }));
        let errors = s.merge_json(&json!({
            "dockerfileLsp": {
                "rules": { "DL3007": null, "unknown-instruction": "hint" },
                "registry": { "timeoutMs": 100 },
            }
        }));
        assert!(errors.is_empty());
        assert!(!s.rules.contains_key("DL3007"));
        assert_eq!(s.rules.get("from-latest-tag"), Some(&RuleLevel::Error));
        assert_eq!(s.rules.get("unknown-instruction"), Some(&RuleLevel::Hint));
        assert!(!s.registry.enabled);
        assert_eq!(s.registry.timeout_ms, 100);
        assert_eq!(s.registry.build_args.get("VERSION").map(String::as_str), Some("1.2"));
    }

    #[test]
    fn unknown_keys_are_ignored_without_errors() {
        let (s, errors) = Settings::from_json(&json!({ "colour": "blue", "registry": { "retries": 3 }, "hover": {} }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn settings_that_are_not_an_object_are_reported() {
        let (s, errors) = Settings::from_json(&json!(["rules"]));
        assert_eq!(paths(&errors), [SECTION]);
        assert_eq!(s, Settings::default());
    }

    /// Leaf paths of the serialized defaults: the keys the parser must know.
    fn leaf_paths(prefix: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) if !map.is_empty() => {
                for (k, v) in map {
                    let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    leaf_paths(&p, v, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }

    #[test]
    fn schema_keys_list_every_serialized_setting() {
        let mut serialized = Vec::new();
        leaf_paths("", &serde_json::to_value(Settings::default()).unwrap_or_default(), &mut serialized);
        serialized.sort();
        let mut keys: Vec<String> = Settings::schema_keys().iter().map(|k| k.to_string()).collect();
        keys.sort();
        assert_eq!(keys, serialized);
    }

    #[test]
    fn every_schema_key_is_read() {
        let samples: &[(&str, Value)] = &[
            ("rules", json!({ "DL3007": "off" })),
            ("ruleGroups.buildkit", json!(false)),
            ("ruleGroups.hadolint", json!(false)),
            ("ruleGroups.baseImage", json!(false)),
            ("trustedRegistries", json!(["ghcr.io"])),
            ("labelSchema", json!({ "maintainer": "email" })),
            ("strictLabels", json!(true)),
            ("registry.enabled", json!(false)),
            ("registry.timeoutMs", json!(10)),
            ("registry.cacheDir", json!("/c")),
            ("registry.insecureRegistries", json!(["localhost:5000"])),
            ("registry.hubUrl", json!("http://127.0.0.1:9")),
            ("registry.buildArgs", json!({ "A": "b" })),
            ("format.continuationIndent", json!(2)),
            ("format.uppercaseKeywords", json!(false)),
            ("buildContext", json!("ctx")),
            ("inlayHints.variables", json!(false)),
            ("inlayHints.imageSize", json!(false)),
            ("hover.layers", json!(false)),
        ];
        let sampled: Vec<&str> = samples.iter().map(|(k, _)| *k).collect();
        assert_eq!(sampled, Settings::schema_keys());
        for (path, value) in samples {
            let mut v = value.clone();
            for part in path.rsplit('.') {
                v = json!({ part: v });
            }
            let (s, errors) = Settings::from_json(&v);
            assert!(errors.is_empty(), "{path}: {errors:?}");
            assert_ne!(s, Settings::default(), "{path} was not read");
        }
    }
}
