//! The variable references in an instruction's text: which parts of it the builder
//! expands and which the shell sees at run time. A function of the instruction's own
//! text, so it is worked out once and kept in the instruction's view cache: a model
//! built for a later revision reads the untouched instructions' references from there.

use std::ops::Range;

use super::vars::{VarOp, scan};
use super::{InstRef, Keyword, Span};

/// Where a variable is used, which decides who expands it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseContext {
    /// FROM's image or `--platform`: only global ARGs.
    From,
    /// Expanded by the builder (COPY, ENV, WORKDIR, …).
    Builder,
    /// Seen by the shell at run time (RUN, CMD, ENTRYPOINT in shell form, heredocs).
    Shell,
}

/// One `$NAME` / `${NAME…}` in an instruction, with ranges relative to its node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub context: UseContext,
    pub name: Box<str>,
    /// The name.
    pub range: Range<u32>,
    /// From `$` to the end of the reference.
    pub whole: Range<u32>,
    pub op: VarOp,
}

impl<'a> InstRef<'a> {
    /// Every variable reference in this instruction's text, in document order (kept in
    /// the instruction after the first call).
    pub fn var_refs(self) -> &'a [VarRef] {
        self.inst.views.var_refs.get_or_init(|| self.compute_var_refs().into_boxed_slice())
    }

    fn compute_var_refs(self) -> Vec<VarRef> {
        let mut out = Vec::new();
        let mut span_refs = |span: Span, context: UseContext| scan_span(&mut out, self, span, context);
        let i = self.inst;
        match i.kind {
            Keyword::From => {
                if let Some(f) = i.flags.iter().find(|f| self.src(f.name) == "platform") {
                    if let Some(v) = f.value {
                        span_refs(v, UseContext::From);
                    }
                }
                if let Some(w) = i.words.first() {
                    span_refs(w.span, UseContext::From);
                }
            }
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {
                for f in &i.flags {
                    if let Some(v) = f.value {
                        if self.src(f.name) == "mount" {
                            span_refs(v, UseContext::Builder);
                        }
                    }
                }
                if let Some(s) = i.shell {
                    span_refs(s, UseContext::Shell);
                }
                heredoc_refs(&mut out, self, UseContext::Shell);
            }
            Keyword::Copy | Keyword::Add => {
                for f in &i.flags {
                    if let Some(v) = f.value {
                        if matches!(self.src(f.name), "chown" | "chmod" | "checksum") {
                            span_refs(v, UseContext::Builder);
                        }
                    }
                }
                if let Some(e) = &i.exec {
                    span_refs(e.span, UseContext::Builder);
                }
                for w in &i.words {
                    if !i.heredocs.iter().any(|h| h.word == w.span) {
                        span_refs(w.span, UseContext::Builder);
                    }
                }
                heredoc_refs(&mut out, self, UseContext::Builder);
            }
            Keyword::Env
            | Keyword::Label
            | Keyword::Arg
            | Keyword::Expose
            | Keyword::Stopsignal
            | Keyword::User
            | Keyword::Volume
            | Keyword::Workdir => {
                if !i.args.is_empty() {
                    span_refs(i.args, UseContext::Builder);
                }
            }
            Keyword::Maintainer | Keyword::Shell | Keyword::Onbuild | Keyword::Unknown => {}
        }
        out
    }
}

fn rel(r: Range<usize>) -> Range<u32> {
    let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    at(r.start)..at(r.end)
}

/// The references in a span's logical text.
fn scan_span(out: &mut Vec<VarRef>, inst: InstRef<'_>, span: Span, context: UseContext) {
    // The logical text is the source minus line breaks and comment lines: no `$`
    // in the source, none in it (and no text to join).
    if !inst.src(span).contains('$') {
        return;
    }
    let t = inst.text(span);
    let local = |r: Range<usize>| rel(r.start - inst.offset..r.end - inst.offset);
    for r in scan(&t, inst.inst.escape, true).refs {
        out.push(VarRef {
            context,
            name: t[r.name.clone()].into(),
            range: local(inst.map_logical(span, r.name.clone())),
            whole: local(inst.map_logical(span, r.range.clone())),
            op: r.op,
        });
    }
}

/// The references in a RUN/COPY/ADD's unquoted heredoc bodies.
fn heredoc_refs(out: &mut Vec<VarRef>, inst: InstRef<'_>, context: UseContext) {
    for h in &inst.inst.heredocs {
        if h.quoted {
            continue;
        }
        let body = inst.src(h.body);
        if !body.contains('$') {
            continue;
        }
        let base = h.body.start as usize;
        for r in scan(body, inst.inst.escape, false).refs {
            out.push(VarRef {
                context,
                name: body[r.name.clone()].into(),
                range: rel(base + r.name.start..base + r.name.end),
                whole: rel(base + r.range.start..base + r.range.end),
                op: r.op,
            });
        }
    }
}
