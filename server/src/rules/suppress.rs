//! Suppression comments: BuildKit's `# check=skip=…` (file-wide in the directive
//! header, or in a comment directly above one instruction, or above FROM for the whole
//! stage) and hadolint's `# hadolint ignore=…` above an instruction and
//! `# hadolint global ignore=…`. Rule ids and all aliases are accepted in both.

use super::{Diagnostic, Group, RuleMeta};
use crate::syntax::views::parse_check_options;
use crate::syntax::{DirectiveKind, Keyword, SyntaxTree};

#[derive(Default)]
struct Names {
    all: bool,
    names: Vec<String>,
}

/// The suppressions in effect in one document.
pub(crate) struct Suppressions {
    file_check: Names,
    hadolint_global: Names,
    /// The nodes with a BuildKit skip list or a hadolint ignore list from the comments
    /// above (or, for BuildKit, above their stage's FROM), in node order. Most nodes
    /// have neither, and a big file has tens of thousands of nodes.
    per_node: Vec<(usize, Names, Names)>,
    /// `# check=error=true`: BuildKit checks fail the build.
    pub buildkit_error: bool,
}

fn hadolint_list(comment: &str, global: bool) -> Option<Vec<String>> {
    let body = comment.trim_start_matches('#').trim();
    let rest = body.strip_prefix("hadolint")?.trim_start();
    let rest = if global { rest.strip_prefix("global")?.trim_start() } else { rest };
    let list = rest.strip_prefix("ignore")?.trim_start().strip_prefix('=')?;
    // hadolint allows blanks around the commas (`ignore=DL3008, DL3015`); the list ends
    // at a `#` comment or at a word that does not follow a comma.
    let list = list.split('#').next().unwrap_or("");
    let mut names = Vec::new();
    let mut expect_more = true;
    for part in list.split(',') {
        if !expect_more {
            break;
        }
        let mut words = part.split_whitespace();
        let Some(name) = words.next() else { continue };
        names.push(name.to_string());
        expect_more = words.next().is_none();
    }
    Some(names)
}

fn check_comment(comment: &str) -> Option<Names> {
    let body = comment.trim_start_matches('#').trim();
    let (key, value) = body.split_once('=')?;
    if !key.trim().eq_ignore_ascii_case("check") {
        return None;
    }
    let value = value.trim().split(' ').next().unwrap_or("");
    let opts = parse_check_options(value).ok()?;
    Some(Names { all: opts.skip_all, names: opts.skip })
}

impl Suppressions {
    pub(crate) fn new(text: &str, tree: &SyntaxTree) -> Suppressions {
        let mut s = Suppressions {
            file_check: Names::default(),
            hadolint_global: Names::default(),
            per_node: Vec::new(),
            buildkit_error: false,
        };
        if let Some(d) = tree.directive(DirectiveKind::Check) {
            if let Ok(opts) = parse_check_options(&text[d.value.clone()]) {
                s.file_check = Names { all: opts.skip_all, names: opts.skip };
                s.buildkit_error = opts.error;
            }
        }
        let mut stage_check = Names::default();
        for (idx, node) in tree.nodes.iter().enumerate() {
            let inst = node.view(text);
            let mut check = Names::default();
            let mut hadolint = Names::default();
            for c in &node.inst.comments {
                let ct = inst.src(c.span);
                if let Some(list) = hadolint_list(ct, true) {
                    s.hadolint_global.names.extend(list);
                } else if let Some(list) = hadolint_list(ct, false) {
                    hadolint.names.extend(list);
                }
                if c.attached {
                    if let Some(n) = check_comment(ct) {
                        check.all |= n.all;
                        check.names.extend(n.names);
                    }
                }
            }
            if node.inst.kind == Keyword::From {
                stage_check = Names { all: check.all, names: check.names.clone() };
            } else {
                check.all |= stage_check.all;
                check.names.extend(stage_check.names.iter().cloned());
            }
            if check.all || !check.names.is_empty() || !hadolint.names.is_empty() {
                s.per_node.push((idx, check, hadolint));
            }
        }
        // Global hadolint pragmas may also sit after the last instruction.
        for c in &tree.trailing_comments {
            if let Some(list) = hadolint_list(&text[c.clone()], true) {
                s.hadolint_global.names.extend(list);
            }
        }
        s
    }

    pub(crate) fn suppressed(&self, d: &Diagnostic, meta: &RuleMeta, tree: &SyntaxTree) -> bool {
        let case_covers = |names: &Names| {
            names.names.iter().any(|n| {
                meta.id.eq_ignore_ascii_case(n)
                    || meta
                        .aliases
                        .iter()
                        .any(|a| a.name.eq_ignore_ascii_case(n) && (a.case.is_none() || a.case == d.case))
            })
        };
        if (self.file_check.all && meta.group == Group::Buildkit) || case_covers(&self.file_check) {
            return true;
        }
        if case_covers(&self.hadolint_global) {
            return true;
        }
        if self.per_node.is_empty() {
            return false;
        }
        let Some(idx) = tree.node_index_at(d.range.start) else { return false };
        let Ok(at) = self.per_node.binary_search_by_key(&idx, |(node, ..)| *node) else { return false };
        let (_, check, hadolint) = &self.per_node[at];
        (check.all && meta.group == Group::Buildkit) || case_covers(check) || case_covers(hadolint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas() {
        assert_eq!(
            hadolint_list("# hadolint ignore=DL3008,DL3015", false),
            Some(vec!["DL3008".into(), "DL3015".into()])
        );
        assert_eq!(hadolint_list("# hadolint global ignore=DL3059", true), Some(vec!["DL3059".into()]));
        assert_eq!(hadolint_list("# hadolint global ignore=DL3059", false), None);
        assert_eq!(hadolint_list("# something else", false), None);
        assert_eq!(
            hadolint_list("# hadolint ignore = DL3008, add-instead-of-copy ,DL3015 # because", false),
            Some(vec!["DL3008".into(), "add-instead-of-copy".into(), "DL3015".into()])
        );
        assert_eq!(
            hadolint_list("# hadolint ignore=DL3008 and some words, DL3015", false),
            Some(vec!["DL3008".into()])
        );
        assert!(
            check_comment("# check=skip=JSONArgsRecommended trailing words")
                .is_some_and(|n| n.names == ["JSONArgsRecommended"])
        );
        assert!(check_comment("# check=skip=all").is_some_and(|n| n.all));
    }
}
