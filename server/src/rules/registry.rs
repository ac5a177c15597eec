//! The list of every rule, and the metadata of syntax errors.

use std::sync::OnceLock;

use super::{Alias, Group, Rule, RuleMeta, Severity};
use crate::syntax::ErrorKind;

/// Every lint rule, family by family, in the order of the README's rule table.
pub fn all_rules() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            super::build::RULES,
            super::buildkit::RULES,
            super::hadolint::RULES,
            super::run::RULES,
            super::base_image::RULES,
            super::build_context::RULES,
        ]
        .concat()
    })
}

/// A lint rule by its exact id (what diagnostics carry), in constant time.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    static BY_ID: OnceLock<foldhash::HashMap<&'static str, &'static Rule>> = OnceLock::new();
    BY_ID.get_or_init(|| all_rules().iter().map(|r| (r.meta.id, *r)).collect()).get(id).copied()
}

/// A lint rule by id or alias (case-insensitive).
pub fn find_rule(name: &str) -> Option<&'static Rule> {
    all_rules().iter().copied().find(|r| r.meta.answers_to(name))
}

const DL1000: &[Alias] = &[Alias::all("DL1000")];
const ONBUILD_ALIASES: &[Alias] = &[Alias::all("DL1000"), Alias::all("DL3043")];

/// Metadata of a syntax error kind: group Build, error, alias DL1000 (and DL3043 for
/// ONBUILD triggers, which hadolint checks as a rule).
pub fn syntax_metas() -> &'static [RuleMeta] {
    static METAS: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    METAS.get_or_init(|| {
        ErrorKind::ALL
            .iter()
            .map(|k| RuleMeta {
                id: k.id(),
                aliases: match k {
                    ErrorKind::OnbuildInvalidTrigger => ONBUILD_ALIASES,
                    _ => DL1000,
                },
                group: Group::Build,
                default_severity: Some(Severity::Error),
                summary: k.summary(),
                docs: "`docker build` rejects this Dockerfile; the message is BuildKit's.",
            })
            .collect()
    })
}

pub(crate) static SYNTAX_FALLBACK: RuleMeta = RuleMeta {
    id: "parse-error",
    aliases: &[Alias::all("DL1000")],
    group: Group::Build,
    default_severity: Some(Severity::Error),
    summary: "A syntax error.",
    docs: "",
};

/// Every rule's and syntax error's metadata, for docs and configuration checks.
pub fn all_metas() -> impl Iterator<Item = &'static RuleMeta> {
    syntax_metas().iter().chain(all_rules().iter().map(|r| &r.meta))
}

/// Metadata by id or alias, rules and syntax errors alike.
pub fn find_meta(name: &str) -> Option<&'static RuleMeta> {
    all_metas().find(|m| m.answers_to(name))
}
