//! `editors/settings.json` (the settings schema editors show) and the server's
//! settings agree: the same keys, the same defaults.

use std::collections::BTreeMap;
use std::path::Path;

use dockerfile_lsp::config::{SCHEMA_KEYS, Settings};
use serde_json::Value;

fn schema() -> BTreeMap<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/settings.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The default of a dotted key in the serialized defaults (`registry.timeoutMs`).
fn default_of(defaults: &Value, key: &str) -> Option<Value> {
    key.split('.').try_fold(defaults, |v, part| v.get(part)).cloned()
}

#[test]
fn the_schema_lists_exactly_the_settings_keys() {
    let schema: Vec<String> = schema().into_keys().collect();
    let mut keys: Vec<String> = SCHEMA_KEYS.iter().map(|k| k.to_string()).collect();
    keys.sort();
    let missing: Vec<&String> = keys.iter().filter(|k| !schema.contains(k)).collect();
    let unknown: Vec<&String> = schema.iter().filter(|k| !keys.contains(k)).collect();
    assert!(missing.is_empty(), "keys the server reads but editors/settings.json lacks: {missing:?}");
    assert!(unknown.is_empty(), "keys in editors/settings.json the server does not read: {unknown:?}");
}

#[test]
fn schema_defaults_are_the_servers_defaults() {
    let defaults = serde_json::to_value(Settings::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut wrong = Vec::new();
    for (key, spec) in schema() {
        let documented = spec.get("default").cloned().unwrap_or_else(|| panic!("{key} has no default"));
        let actual = default_of(&defaults, &key).unwrap_or_else(|| panic!("{key} is not a setting"));
        if documented != actual {
            wrong.push(format!("{key}: schema says {documented}, server uses {actual}"));
        }
        assert!(spec["description"].as_str().is_some_and(|d| !d.trim().is_empty()), "{key} has no description");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn schema_defaults_parse_as_valid_settings() {
    // Feeding every documented default back in is accepted without a single error.
    let mut nested = serde_json::Map::new();
    for (key, spec) in schema() {
        let mut parts: Vec<&str> = key.split('.').collect();
        let Some(last) = parts.pop() else { continue };
        let mut obj = &mut nested;
        for p in parts {
            obj = obj
                .entry(p.to_string())
                .or_insert_with(|| Value::Object(serde_json::Map::new()))
                .as_object_mut()
                .unwrap_or_else(|| panic!("{key}: {p} is not an object"));
        }
        obj.insert(last.to_string(), spec["default"].clone());
    }
    let (settings, errors) = Settings::from_json(&Value::Object(nested));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(settings, Settings::default());
}
