//! Views of the shell code a RUN executes: the RUN, one piece of its code (shell-form
//! text or heredoc body) with the mapping of its ranges to the document, and edits that
//! insert into it.

use std::ops::Range;

use crate::model::Base;
use crate::model::shell::Script;
use crate::rules::{Context, Edit};
use crate::syntax::{InstRef, Span, TextRange};

/// A RUN whose code a POSIX shell executes.
pub(crate) struct Run<'a> {
    pub node: usize,
    /// The RUN (for `ONBUILD RUN`, the trigger).
    pub inst: InstRef<'a>,
    pub stage: Option<usize>,
    /// Inside `ONBUILD`.
    pub onbuild: bool,
}

impl Run<'_> {
    /// Whether a `--mount=type=cache` or `type=tmpfs` of this RUN has a target that
    /// contains `path` (so whatever is written there never reaches the image).
    pub fn caches(&self, path: &str) -> bool {
        if !self.inst.inst.flags.iter().any(|f| self.inst.src(f.name) == "mount") {
            return false;
        }
        self.inst.mounts().iter().filter_map(|m| m.spec.as_ref()).any(|spec| {
            matches!(spec.kind.as_str(), "cache" | "tmpfs")
                && ["target", "dst", "destination"].iter().any(|k| spec.get(k).is_some_and(|t| t.contains(path)))
        })
    }
}

/// Where a piece of code is in the document.
#[derive(Clone, Copy)]
pub(crate) enum Origin {
    /// The shell-form text of the instruction (logical text of this span).
    Shell(Span),
    /// Text that is the source as written, from this absolute offset: the shell text of
    /// an ONBUILD trigger (which has no pieces of its own).
    Raw(usize),
    /// A heredoc body starting at this absolute offset.
    Heredoc(usize),
}

/// One piece of shell code a RUN executes: its shell-form text or a heredoc body.
pub(crate) struct Code<'a> {
    /// The text the script's ranges point into.
    pub src: &'a str,
    pub script: &'a Script,
    /// The shell that runs it has `pipefail` on (SHELL, or `bash -o pipefail <<EOF`).
    pub pipefail: bool,
    pub(crate) inst: InstRef<'a>,
    pub(crate) origin: Origin,
}

impl<'a> Code<'a> {
    /// The document range of a range of [`Code::src`].
    pub fn range(&self, r: Range<usize>) -> TextRange {
        match self.origin {
            Origin::Shell(span) => self.inst.map_logical(span, r),
            Origin::Raw(start) | Origin::Heredoc(start) => start + r.start..start + r.end,
        }
    }

    /// The document offset right after byte `p` of [`Code::src`] (for insertions after
    /// a word: stays on the word's line when a continuation follows).
    pub fn after(&self, p: usize) -> usize {
        match self.origin {
            Origin::Shell(span) if p > 0 => self.inst.map_logical(span, p - 1..p).end,
            Origin::Shell(span) => self.inst.map_logical(span, 0..0).start,
            Origin::Raw(start) | Origin::Heredoc(start) => start + p,
        }
    }

    /// An edit inserting `text` right after byte `p` of the code.
    pub fn insert_after(&self, p: usize, text: impl Into<String>) -> Edit {
        let at = self.after(p);
        Edit { range: at..at, text: text.into() }
    }

    /// An edit that runs `command` after everything else in the code: ` && command` at
    /// the end of the command chain (on a new continuation line when the RUN is laid out
    /// one command per line), or a new last line of a heredoc body. `None` when the end
    /// of the code is not a plain command chain (a trailing comment, `&`, a shell heredoc).
    pub fn append(&self, command: &str) -> Option<Edit> {
        let cmds = &self.script.commands;
        if cmds.iter().any(|c| c.redirects.iter().any(|r| r.heredoc_body.is_some())) {
            return None;
        }
        if let Origin::Heredoc(start) = self.origin {
            let body = self.src;
            let last_line = body.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
            if last_line.trim_end().ends_with('\\') {
                return None;
            }
            let indent: String = last_line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            let at = start + body.len();
            let text = if body.is_empty() || body.ends_with('\n') {
                format!("{indent}{command}\n")
            } else {
                format!("\n{indent}{command}")
            };
            return Some(Edit { range: at..at, text });
        }
        let src = self.src;
        let last_end = cmds.iter().filter(|c| c.depth == 0).map(|c| c.range.end).max()?;
        let end = src.trim_end_matches(|c: char| c.is_whitespace() || c == ';').len();
        let gap = src.get(last_end..end.max(last_end))?;
        let closing_only = gap
            .split(|c: char| c.is_whitespace() || c == ';')
            .all(|t| t.is_empty() || matches!(t, "fi" | "done" | "esac" | "}" | ")" | "))"));
        if !closing_only || end == 0 {
            return None;
        }
        let at = self.after(end);
        let text = self.inst.text;
        let before = text.get(..at)?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[line_start..];
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let esc = self.inst.inst.escape as char;
        let multi_line = line_start > self.inst.start();
        let insert = if multi_line && line.trim_start().starts_with("&&") {
            format!(" {esc}\n{indent}&& {command}")
        } else if multi_line && previous_line_ends_with_and(text, line_start, esc) {
            format!(" && {esc}\n{indent}{command}")
        } else {
            format!(" && {command}")
        };
        Some(Edit { range: at..at, text: insert })
    }
}

/// Whether the line before the one starting at `line_start` ends with `&& \`.
fn previous_line_ends_with_and(text: &str, line_start: usize, esc: char) -> bool {
    let Some(prev) = text.get(..line_start.saturating_sub(1)) else {
        return false;
    };
    let prev = prev.rsplit('\n').next().unwrap_or("").trim_end();
    prev.strip_suffix(esc).is_some_and(|p| p.trim_end().ends_with("&&"))
}

/// Stages whose layers end up in the image `docker build` builds by default: the
/// final stage and every stage it builds on (`FROM <stage>`), and any stage another
/// stage builds on (its target may be built).
pub(crate) fn shipped_stages(cx: &Context<'_>) -> Vec<bool> {
    let n = cx.model.stages.len();
    let mut out = vec![false; n];
    if let Some(last) = n.checked_sub(1) {
        out[last] = true;
    }
    for s in &cx.model.stages {
        if let Base::Stage(p) = s.base {
            if let Some(o) = out.get_mut(p) {
                *o = true;
            }
        }
    }
    out
}
