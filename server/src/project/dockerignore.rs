//! `.dockerignore` patterns, for deciding which files reach the builder.
//!
//! Patterns are anchored at the context root (unlike `.gitignore`), `*` and `?` stay
//! within one path segment, `**` spans segments, a pattern that names a folder
//! excludes everything under it, and `!` re-includes. Each line is translated to an
//! anchored gitignore glob and matched with the `ignore` crate.

use std::path::Path;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// A parsed `.dockerignore`.
#[derive(Clone, Debug)]
pub struct IgnoreRules {
    set: Gitignore,
    /// Some line starts with `!`: an excluded folder may still hold included files.
    has_exceptions: bool,
}

impl IgnoreRules {
    /// Reads a `.dockerignore`; lines that are not valid patterns are skipped.
    pub fn parse(text: &str) -> IgnoreRules {
        let mut b = GitignoreBuilder::new("");
        let mut has_exceptions = false;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (negate, pattern) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let Some(pattern) = clean(pattern) else { continue };
            has_exceptions |= negate;
            let glob = format!("{}/{}", if negate { "!" } else { "" }, pattern);
            if let Err(e) = b.add_line(None, &glob) {
                tracing::debug!("skipping .dockerignore pattern {line:?}: {e}");
            }
        }
        let set = b.build().unwrap_or_else(|e| {
            tracing::debug!("unusable .dockerignore: {e}");
            Gitignore::empty()
        });
        IgnoreRules { set, has_exceptions }
    }

    /// Whether a context-relative path (`/`-separated, no leading `/`) is excluded,
    /// itself or through a folder above it.
    pub fn is_ignored(&self, rel: &str, is_dir: bool) -> bool {
        if rel.is_empty() || rel.starts_with('/') {
            return false;
        }
        matches!(self.set.matched_path_or_any_parents(Path::new(rel), is_dir), Match::Ignore(_))
    }

    /// Whether nothing under an excluded folder can be re-included, so a listing may
    /// skip the folder.
    pub fn can_prune(&self) -> bool {
        !self.has_exceptions
    }
}

/// A pattern as BuildKit cleans it: leading `/` and `./` removed, `.` segments and
/// repeated or trailing slashes dropped, `..` resolved. `None` for the root itself.
fn clean(pattern: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in pattern.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_anchored_at_the_root_and_cover_what_is_below() {
        let r = IgnoreRules::parse("# comment\nnode_modules\n/build/\n*.log\n**/*.tmp\n");
        assert!(r.is_ignored("node_modules", true));
        assert!(r.is_ignored("node_modules/x/index.js", false));
        assert!(r.is_ignored("build/out.bin", false));
        assert!(r.is_ignored("app.log", false));
        assert!(!r.is_ignored("logs/app.log", false), "`*` stays in the root folder");
        assert!(!r.is_ignored("src/node_modules", true), "anchored, unlike .gitignore");
        assert!(r.is_ignored("a/b/c.tmp", false));
        assert!(!r.is_ignored("src/main.rs", false));
        assert!(r.can_prune());
    }

    #[test]
    fn exceptions_re_include() {
        let r = IgnoreRules::parse("docs\n!docs/README.md\n*.md\n!keep.md\n");
        assert!(r.is_ignored("docs/guide.txt", false));
        assert!(!r.is_ignored("docs/README.md", false));
        assert!(r.is_ignored("CHANGES.md", false));
        assert!(!r.is_ignored("keep.md", false));
        assert!(!r.can_prune());
    }

    #[test]
    fn empty_and_odd_input_ignores_nothing() {
        for text in ["", "\n\n", "/\n", ".\n", "[\n"] {
            let r = IgnoreRules::parse(text);
            assert!(!r.is_ignored("a", false), "{text:?}");
        }
    }
}
