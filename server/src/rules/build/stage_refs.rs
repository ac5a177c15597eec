//! How BuildKit resolves `COPY --from` and `RUN --mount from=`, and what goes wrong:
//! a numeric index is looked up among all stages, anything else by name (the last
//! stage with that name wins) and otherwise taken as an image. A stage must be
//! built before the instruction that uses it, and the references must not form a
//! cycle.

use foldhash::{HashMap, HashMapExt};

use crate::model::{Model, StageRefKind};
use crate::rules::Context;
use crate::syntax::TextRange;
use crate::syntax::vars::has_vars;

/// What is wrong with one reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `--from=<n>` with no stage `n`.
    BadIndex(i64),
    /// The stage names itself.
    SelfRef,
    /// A later stage; `cycle` when that stage (through its own references) needs this one.
    Later { cycle: bool },
    /// `COPY --from=<name>` that is no stage and will be pulled as an image.
    NotAStage,
}

/// One problematic reference.
pub struct Finding {
    pub range: TextRange,
    /// The value as written (flag value, quotes removed).
    pub text: String,
    /// The stage that contains the reference.
    pub stage: usize,
    /// `None` for COPY; the mount target for RUN --mount.
    pub mount_target: Option<String>,
    pub problem: Problem,
}

/// Go's `strconv.Atoi`.
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

struct Ref {
    range: TextRange,
    text: String,
    node: usize,
    stage: usize,
    mount: bool,
    /// Resolved target stage, or an index problem, or an image.
    target: Result<usize, Option<i64>>,
}

fn collect(cx: &Context<'_>, by_name: &HashMap<&str, usize>) -> Vec<Ref> {
    let n = cx.model.stages.len();
    let esc = cx.tree.escape();
    let lookup = |text: &str| -> Option<usize> {
        if text.bytes().any(|c| c.is_ascii_uppercase()) {
            by_name.get(text.to_ascii_lowercase().as_str()).copied()
        } else {
            by_name.get(text).copied()
        }
    };
    let mut refs = Vec::new();
    for r in &cx.model.stage_refs {
        let Some(stage) = r.stage else { continue };
        let (mount, target) = match r.kind {
            StageRefKind::FromBase => continue,
            StageRefKind::CopyFrom => {
                if r.text.is_empty() || has_vars(&r.text, esc) {
                    continue;
                }
                let target = match atoi(&r.text) {
                    Some(i) if i >= 0 && (i as u64) < n as u64 => Ok(i as usize),
                    Some(i) => Err(Some(i)),
                    None => lookup(&r.text).ok_or(None),
                };
                (false, target)
            }
            StageRefKind::MountFrom => {
                // Mounts only name stages; anything else is an image.
                match lookup(&r.text) {
                    Some(t) if !r.text.contains('$') => (true, Ok(t)),
                    _ => continue,
                }
            }
        };
        refs.push(Ref { range: r.range.clone(), text: r.text.clone(), node: r.node, stage, mount, target });
    }
    refs
}

/// The `target=` of the mount whose `from=` is at `range`.
fn mount_target(cx: &Context<'_>, node: usize, range: &TextRange) -> String {
    cx.inst(node)
        .mounts()
        .into_iter()
        .find(|m| m.from.as_ref().is_some_and(|(r, _)| r == range))
        .and_then(|m| m.spec)
        .and_then(|spec| ["target", "dst", "destination"].iter().find_map(|k| spec.get(k).map(str::to_string)))
        .unwrap_or_default()
}

/// Whether `to` can be reached from `from` along the references.
fn reaches(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(s) = stack.pop() {
        if s == to {
            return true;
        }
        if std::mem::replace(&mut seen[s], true) {
            continue;
        }
        stack.extend(edges[s].iter().copied());
    }
    false
}

/// The stage a name refers to once all stages are known: the last one with it.
pub fn names(m: &Model) -> HashMap<&str, usize> {
    let mut by_name = HashMap::with_capacity(m.stages.len());
    for (i, s) in m.stages.iter().enumerate() {
        if let Some(n) = &s.name {
            by_name.insert(n.as_str(), i);
        }
    }
    by_name
}

/// Every problematic stage reference in the document.
/// The problematic stage references of the document, worked out once per check.
pub fn findings<'c>(cx: &'c Context<'_>) -> &'c [Finding] {
    cx.stage_ref_findings.get_or_init(|| collect_findings(cx))
}

fn collect_findings(cx: &Context<'_>) -> Vec<Finding> {
    let m = cx.model;
    let by_name = names(m);
    let refs = collect(cx, &by_name);
    let mut edges = vec![Vec::new(); m.stages.len()];
    for r in &refs {
        if let Ok(t) = r.target {
            edges[r.stage].push(t);
        }
    }
    let mut out = Vec::new();
    for r in refs {
        let problem = match r.target {
            Err(Some(i)) => Problem::BadIndex(i),
            Err(None) => Problem::NotAStage,
            Ok(t) if t == r.stage => Problem::SelfRef,
            Ok(t) if t > r.stage => Problem::Later { cycle: reaches(&edges, t, r.stage) },
            Ok(_) => continue,
        };
        let mount_target = r.mount.then(|| mount_target(cx, r.node, &r.range));
        out.push(Finding { range: r.range, text: r.text, stage: r.stage, mount_target, problem });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::atoi;

    #[test]
    fn go_atoi() {
        assert_eq!(atoi("1"), Some(1));
        assert_eq!(atoi("+2"), Some(2));
        assert_eq!(atoi("-1"), Some(-1));
        assert_eq!(atoi("01"), Some(1));
        assert_eq!(atoi("1a"), None);
        assert_eq!(atoi("-"), None);
        assert_eq!(atoi("99999999999999999999"), None);
    }
}
