//! `undefined-var`: a variable the builder expands has no definition.

use foldhash::{HashMap, HashMapExt};

use crate::images::knowledge::base_image_env;
use crate::model::{Base, DefKind, Model, UseContext, VarUse};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{Keyword, suggest};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "undefined-var",
        aliases: &[Alias::all("UndefinedVar")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A variable expanded by the builder is not defined by ARG, ENV or the base image.",
        docs: "\
**Why**: an undefined variable expands to an empty string, so `COPY $SRC .` or \
`ENV PATH=$PAHT:/app` silently do something else than intended.\n\n\
**Example**: `FROM scratch` / `COPY $foo /app/`\n\n\
**Fix**: declare it (`ARG foo`) or fix the name (the quick fix applies the suggested \
name). Only instructions the builder expands are checked (COPY, ADD, ENV, LABEL, ARG \
values, WORKDIR, USER, VOLUME, STOPSIGNAL, RUN --mount options); shell-form RUN and CMD \
are expanded by the shell at run time. Names the base image may set are only reported \
when its complete environment is known (`scratch`, or a known official image); \
otherwise the check stays silent.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// BuildKit never reports these (they steer SBOM scanning, not the environment).
const NON_ENV_ARGS: [&str; 2] = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// The base image's variables: `Some` when the list is complete.
fn base_env(m: &Model, stage: usize) -> Option<&'static [&'static str]> {
    let root = m.root_image(stage)?;
    match root.base {
        Base::Scratch => Some(&[]),
        Base::Image => match base_image_env(root.image.as_deref()?) {
            Some((list, true)) => Some(list),
            _ => None,
        },
        _ => None,
    }
}

/// Per stage: each defined name with its first definition (index into `defs`).
fn stage_names(m: &Model) -> Vec<HashMap<&str, usize>> {
    m.stage_defs
        .iter()
        .map(|defs| {
            let mut names: HashMap<&str, usize> = HashMap::with_capacity(defs.len());
            for &d in defs {
                let def = &m.defs[d];
                names.entry(def.name.as_str()).or_insert(d);
            }
            names
        })
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let m = cx.model;
    if !m.uses.iter().any(|u| u.context == UseContext::Builder && u.stage.is_some()) {
        return;
    }
    let names = stage_names(m);
    let mut base_cache: HashMap<usize, Option<&'static [&'static str]>> = HashMap::new();
    for u in &m.uses {
        let Some(stage) = u.stage else { continue };
        if u.context != UseContext::Builder {
            continue;
        }
        match cx.kind_of(u.node) {
            // EXPOSE is expanded without the undefined-variable report.
            Keyword::Expose => continue,
            // Only ARG values are expanded, one ARG after the other.
            Keyword::Arg if !in_arg_value(cx, u) => continue,
            _ => {}
        }
        let name = u.name.as_str();
        if name == "PATH" || NON_ENV_ARGS.contains(&name) || defined(m, &names, u, stage) {
            continue;
        }
        let base = *base_cache.entry(stage).or_insert_with(|| base_env(m, stage));
        let Some(base) = base else { continue };
        if base.contains(&name) {
            continue;
        }
        let options = env_keys(cx, u, stage, base);
        let hint = suggest(name, options.iter().copied(), false);
        let msg = match hint {
            Some(h) => format!("Usage of undefined variable '${name}' (did you mean ${h}?)"),
            None => format!("Usage of undefined variable '${name}'"),
        };
        let report = out.report(u.range.clone(), msg);
        if let Some(h) = hint {
            let _ = report.replace(format!("Change to ${h}"), u.range.clone(), h, false);
        }
    }
}

/// Whether a use inside an ARG lies in a value that BuildKit expands (a value given
/// with `--build-arg` replaces the default unexpanded).
fn in_arg_value(cx: &Context<'_>, u: &VarUse) -> bool {
    let defs = &cx.model.defs;
    let first = defs.partition_point(|d| d.node < u.node);
    defs[first..].iter().take_while(|d| d.node == u.node).any(|d| {
        d.value_range.as_ref().is_some_and(|r| r.start <= u.range.start && u.range.end <= r.end)
            && !cx.inputs.build_args.contains_key(&d.name)
    })
}

/// Defined by an ARG or ENV earlier in the stage (an earlier ARG of the same
/// instruction counts), or anywhere in a stage it builds on.
fn defined(m: &Model, names: &[HashMap<&str, usize>], u: &VarUse, stage: usize) -> bool {
    let name = u.name.as_str();
    // The first definition is the earliest: if it is not before the use, none is.
    if let Some(&d) = names.get(stage).and_then(|n| n.get(name)) {
        let def = &m.defs[d];
        if def.node < u.node || (def.node == u.node && def.kind == DefKind::Arg && def.range.end <= u.range.start) {
            return true;
        }
    }
    m.stage_chain(stage).into_iter().skip(1).any(|s| names.get(s).is_some_and(|n| n.contains_key(name)))
}

/// The variables that have values at the use, for "did you mean".
fn env_keys<'a>(cx: &'a Context<'_>, u: &VarUse, stage: usize, base: &'static [&'static str]) -> Vec<&'a str> {
    let m = cx.model;
    let mut out: Vec<&str> = vec!["PATH"];
    out.extend(base.iter().copied());
    for (pos, s) in m.stage_chain(stage).into_iter().enumerate() {
        let Some(defs) = m.stage_defs.get(s) else { continue };
        for &i in defs {
            let d = &m.defs[i];
            if pos == 0 && d.node >= u.node {
                continue;
            }
            let has_value = d.kind == DefKind::Env
                || d.value.is_some()
                || d.global.is_some_and(|g| m.defs[g].value.is_some())
                || cx.inputs.build_args.contains_key(&d.name);
            if has_value && !out.contains(&d.name.as_str()) {
                out.push(d.name.as_str());
            }
        }
    }
    out
}
