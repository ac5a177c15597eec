//! A readable dump of a tree, for tests and debugging.

use std::fmt::Write;

use super::{InstRef, SyntaxTree};

impl SyntaxTree {
    /// One line per instruction with its parts, then errors.
    pub fn dump(&self, text: &str) -> String {
        let mut out = String::new();
        for d in &self.header.directives {
            let _ = writeln!(out, "directive {}={:?}", d.kind.name(), &text[d.value.clone()]);
        }
        for inst in self.instructions(text) {
            dump_inst(&mut out, inst, 0);
        }
        for c in &self.trailing_comments {
            let _ = writeln!(out, "trailing-comment {:?}", &text[c.clone()]);
        }
        for e in self.errors() {
            let _ =
                writeln!(out, "error[{}] {:?}: {}", e.kind.id(), text.get(e.range.clone()).unwrap_or(""), e.message);
        }
        out
    }
}

fn dump_inst(out: &mut String, i: InstRef<'_>, indent: usize) {
    let pad = "  ".repeat(indent);
    let _ = write!(out, "{pad}{:?} {:?}", i.kind(), i.keyword_text());
    for f in &i.inst.flags {
        let _ = write!(out, " flag({:?}", i.text(f.name));
        if let Some(v) = f.value {
            let _ = write!(out, "={:?}", i.text(v));
        }
        out.push(')');
    }
    for w in &i.inst.words {
        let _ = write!(out, " {:?}", i.text(w.span));
    }
    if let Some(s) = i.inst.shell {
        let _ = write!(out, " shell({:?})", i.text(s));
    }
    if let Some(e) = &i.inst.exec {
        let _ = write!(
            out,
            " exec{:?}",
            e.elements.iter().map(|x| x.value.as_deref().unwrap_or("<non-string>")).collect::<Vec<_>>()
        );
    }
    for h in &i.inst.heredocs {
        let _ = write!(
            out,
            " heredoc(name={:?} strip={} quoted={} fd={} body={:?} term={})",
            h.name,
            h.strip_tabs,
            h.quoted,
            h.fd,
            i.src(h.body),
            h.terminator.is_some()
        );
    }
    if !i.inst.comments.is_empty() {
        let _ = write!(out, " comments={}", i.inst.comments.len());
    }
    if !i.inst.inner_comments.is_empty() {
        let _ = write!(out, " inner-comments={}", i.inst.inner_comments.len());
    }
    if !i.inst.empty_continuations.is_empty() {
        let _ = write!(out, " empty-continuations={}", i.inst.empty_continuations.len());
    }
    out.push('\n');
    if let Some(t) = i.trigger() {
        dump_inst(out, t, indent + 1);
    }
}
