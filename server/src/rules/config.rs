//! Rule configuration: severities by id or alias, groups, and rule options.
//!
//! Severities come in layers; the caller pushes them from lowest to highest
//! precedence (LSP settings, then the config file, then command-line flags) and the
//! last layer that mentions a rule wins. An alias that names one sub-case (DL4003 is
//! the CMD case of `multiple-instructions`) only applies to that case.

use std::collections::HashMap;

use super::{Group, RuleMeta, Severity};

/// On with a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl From<Option<Severity>> for Level {
    fn from(s: Option<Severity>) -> Level {
        s.map_or(Level::Off, Level::On)
    }
}

impl Level {
    /// `error`, `warning`, `info`, `hint` (hadolint's `style` maps to hint), `off`
    /// (also `ignore`/`none`).
    pub fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_lowercase().as_str() {
            "off" | "ignore" | "none" => Some(Level::Off),
            other => Severity::parse(other).map(Level::On),
        }
    }
}

/// Severity overrides by rule id or alias, in precedence order (later wins).
#[derive(Clone, Debug, Default)]
pub struct Severities {
    entries: Vec<(String, Level)>,
}

impl Severities {
    pub fn push(&mut self, name: impl Into<String>, level: Level) {
        self.entries.push((name.into(), level));
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The level configured for a diagnostic of `meta` with sub-case `case`.
    pub fn level_for(&self, meta: &RuleMeta, case: Option<&str>) -> Option<Level> {
        self.entries.iter().rev().find_map(|(name, level)| {
            let hit = meta.id.eq_ignore_ascii_case(name)
                || meta
                    .aliases
                    .iter()
                    .any(|a| a.name.eq_ignore_ascii_case(name) && (a.case.is_none() || a.case == case));
            hit.then_some(*level)
        })
    }

    /// Whether any entry names this rule (by id or any alias).
    pub fn mentions(&self, meta: &RuleMeta) -> bool {
        self.entries.iter().any(|(n, l)| *l != Level::Off && meta.answers_to(n))
    }
}

/// Everything that shapes which rules run and how they judge.
#[derive(Clone, Debug, Default)]
pub struct RuleConfig {
    pub severities: Severities,
    pub groups: HashMap<Group, bool>,
    /// Registries images may come from (`from-untrusted-registry`); empty: no check.
    pub trusted_registries: Vec<String>,
    /// Label name → expected type (`text`, `url`, `hash`, `spdx`, `rfc3339`, `semver`,
    /// `email`), for the label-schema rules.
    pub label_schema: HashMap<String, String>,
    /// Labels outside the schema are reported.
    pub strict_labels: bool,
}

impl RuleConfig {
    pub fn group_enabled(&self, g: Group) -> bool {
        g == Group::Build || self.groups.get(&g).copied().unwrap_or(true)
    }

    /// A rule in a disabled group still runs when the user named it.
    pub fn explicitly_enabled(&self, meta: &RuleMeta) -> bool {
        self.severities.mentions(meta)
    }

    /// The configured level for a diagnostic, if any layer sets one.
    pub fn level_for(&self, meta: &RuleMeta, case: Option<&str>) -> Option<Level> {
        self.severities.level_for(meta, case)
    }

    /// Whether no case of the rule can produce a diagnostic (so it need not run).
    pub fn rule_off_entirely(&self, meta: &RuleMeta) -> bool {
        let effective = |case: Option<&str>| self.level_for(meta, case).unwrap_or(Level::from(meta.default_severity));
        std::iter::once(None)
            .chain(meta.aliases.iter().filter_map(|a| a.case.map(Some)))
            .all(|c| effective(c) == Level::Off)
    }
}
