//! Semantic tokens: what each part of an instruction is, in one linear pass.
//!
//! Tokens come out sorted and never overlapping; variables inside strings split the
//! string token around them.

use crate::syntax::image_ref::ImageRef;
use crate::syntax::{InstRef, Keyword, TextRange};

use super::Doc;

/// Token types, in legend order (the protocol layer sends this legend).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenType {
    Keyword,
    Macro,
    Parameter,
    Property,
    Variable,
    Class,
    Namespace,
    Type,
    EnumMember,
    String,
    Number,
    Operator,
    Comment,
}

impl TokenType {
    pub const ALL: [TokenType; 13] = [
        TokenType::Keyword,
        TokenType::Macro,
        TokenType::Parameter,
        TokenType::Property,
        TokenType::Variable,
        TokenType::Class,
        TokenType::Namespace,
        TokenType::Type,
        TokenType::EnumMember,
        TokenType::String,
        TokenType::Number,
        TokenType::Operator,
        TokenType::Comment,
    ];

    /// The LSP name of the type.
    pub fn lsp_name(self) -> &'static str {
        match self {
            TokenType::Keyword => "keyword",
            TokenType::Macro => "macro",
            TokenType::Parameter => "parameter",
            TokenType::Property => "property",
            TokenType::Variable => "variable",
            TokenType::Class => "class",
            TokenType::Namespace => "namespace",
            TokenType::Type => "type",
            TokenType::EnumMember => "enumMember",
            TokenType::String => "string",
            TokenType::Number => "number",
            TokenType::Operator => "operator",
            TokenType::Comment => "comment",
        }
    }
}

/// Modifier bits, in legend order.
pub mod modifiers {
    pub const DECLARATION: u32 = 1;
    pub const READONLY: u32 = 2;
    pub const DEPRECATED: u32 = 4;
    pub const DEFAULT_LIBRARY: u32 = 8;
    /// LSP names, bit 0 first.
    pub const NAMES: [&str; 4] = ["declaration", "readonly", "deprecated", "defaultLibrary"];
}

/// One token (absolute byte range; may span lines — the protocol layer splits it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub ty: TokenType,
    pub modifiers: u32,
}

struct Collector<'a> {
    text: &'a str,
    buf: Vec<Token>,
}

impl Collector<'_> {
    fn push(&mut self, range: TextRange, ty: TokenType, modifiers: u32) {
        if range.start < range.end && range.end <= self.text.len() {
            self.buf.push(Token { range, ty, modifiers });
        }
    }
}

/// Tokens for the whole document, or only for instructions touching `within`.
pub fn semantic_tokens(doc: &Doc<'_>, within: Option<TextRange>) -> Vec<Token> {
    let text = doc.text;
    let mut out: Vec<Token> = Vec::with_capacity(doc.tree.nodes.len() * 8);
    let mut c = Collector { text, buf: Vec::new() };
    for d in &doc.tree.header.directives {
        if within.as_ref().is_some_and(|w| d.range.end < w.start || d.range.start > w.end) {
            continue;
        }
        c.push(d.range.start..d.key.start, TokenType::Comment, 0);
        c.push(d.key.clone(), TokenType::Macro, 0);
        c.push(d.value.clone(), TokenType::String, 0);
    }
    flush(&mut c, &mut out, &[]);
    let (first, last) = match &within {
        Some(w) => {
            let a = doc.tree.nodes.partition_point(|n| n.end() <= w.start);
            let b = doc.tree.nodes.partition_point(|n| n.offset < w.end);
            (a, b.max(a))
        }
        None => (0, doc.tree.nodes.len()),
    };
    // Variable uses and definitions are in document order: walk them alongside.
    let uses = &doc.model.uses;
    let mut ui = uses.partition_point(|u| first < doc.tree.nodes.len() && u.node < first);
    for idx in first..last {
        let node = &doc.tree.nodes[idx];
        let inst = node.view(text);
        for cm in &node.inst.comments {
            c.push(inst.range(cm.span), TokenType::Comment, 0);
        }
        instruction_tokens(doc, &mut c, inst, idx);
        for cm in &node.inst.inner_comments {
            c.push(inst.range(*cm), TokenType::Comment, 0);
        }
        let mut vars: Vec<Token> = Vec::new();
        while ui < uses.len() && uses[ui].node == idx {
            let u = &uses[ui];
            let m = if u.automatic { modifiers::DEFAULT_LIBRARY | modifiers::READONLY } else { 0 };
            // `$NAME` and `${NAME}` whole; for `${NAME:-word}` the `$` through the name,
            // so the word keeps its own colour.
            let range =
                if u.op == crate::syntax::vars::VarOp::Plain { u.whole.clone() } else { u.whole.start..u.range.end };
            vars.push(Token { range, ty: TokenType::Variable, modifiers: m });
            ui += 1;
        }
        flush(&mut c, &mut out, &vars);
    }
    if within.is_none() || last == doc.tree.nodes.len() {
        for r in &doc.tree.trailing_comments {
            c.push(r.clone(), TokenType::Comment, 0);
        }
        flush(&mut c, &mut out, &[]);
    }
    out
}

/// Sorts one instruction's tokens, splits those that contain variables, drops overlaps.
fn flush(c: &mut Collector<'_>, out: &mut Vec<Token>, vars: &[Token]) {
    let mut buf = std::mem::take(&mut c.buf);
    buf.sort_by_key(|t| (t.range.start, std::cmp::Reverse(t.range.end)));
    let mut vi = 0;
    for t in buf {
        let mut start = t.range.start;
        if out.last().is_some_and(|l| l.range.end > start) {
            // Overlaps an earlier token: keep only the part after it.
            start = out.last().map_or(start, |l| l.range.end);
            if start >= t.range.end {
                continue;
            }
        }
        while vi < vars.len() && vars[vi].range.end <= start {
            if out.last().is_none_or(|l| l.range.end <= vars[vi].range.start) {
                out.push(vars[vi].clone());
            }
            vi += 1;
        }
        while vi < vars.len() && vars[vi].range.start < t.range.end {
            let v = &vars[vi];
            if v.range.start > start {
                out.push(Token { range: start..v.range.start, ty: t.ty, modifiers: t.modifiers });
            }
            if out.last().is_none_or(|l| l.range.end <= v.range.start) {
                out.push(v.clone());
            }
            start = start.max(v.range.end);
            vi += 1;
        }
        if start < t.range.end && out.last().is_none_or(|l| l.range.end <= start) {
            out.push(Token { range: start..t.range.end, ty: t.ty, modifiers: t.modifiers });
        }
    }
    for v in &vars[vi..] {
        if out.last().is_none_or(|l| l.range.end <= v.range.start) {
            out.push(v.clone());
        }
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn instruction_tokens(doc: &Doc<'_>, c: &mut Collector<'_>, inst: InstRef<'_>, idx: usize) {
    let i = inst.inst;
    c.push(inst.range(i.keyword), TokenType::Keyword, 0);
    let Some(trigger) = inst.trigger() else {
        body_tokens(doc, c, inst, idx);
        return;
    };
    c.push(trigger.range(trigger.inst.keyword), TokenType::Keyword, 0);
    body_tokens(doc, c, trigger, idx);
}

fn flag_tokens(c: &mut Collector<'_>, inst: InstRef<'_>) {
    for f in &inst.inst.flags {
        let whole = inst.range(f.span);
        let name = inst.range(f.name);
        c.push(whole.start..name.end, TokenType::Parameter, 0);
        let Some(v) = f.value else { continue };
        let vr = inst.range(v);
        c.push(name.end..vr.start, TokenType::Operator, 0);
        let value = inst.src(v);
        let name_text = inst.src(f.name);
        if name_text == "mount" && !value.contains('\n') {
            // key=value,key=value
            let mut at = vr.start;
            for field in value.split(',') {
                match field.split_once('=') {
                    Some((k, val)) => {
                        c.push(at..at + k.len(), TokenType::Property, 0);
                        c.push(at + k.len()..at + k.len() + 1, TokenType::Operator, 0);
                        c.push(at + k.len() + 1..at + k.len() + 1 + val.len(), TokenType::String, 0);
                    }
                    None => c.push(at..at + field.len(), TokenType::Property, 0),
                }
                at += field.len() + 1;
            }
        } else if name_text == "from" && matches!(inst.kind(), Keyword::Copy) {
            c.push(vr, TokenType::Class, 0);
        } else if matches!(name_text, "interval" | "timeout" | "start-period" | "start-interval" | "retries" | "chmod")
        {
            c.push(vr, TokenType::Number, 0);
        } else {
            c.push(vr, TokenType::String, 0);
        }
    }
}

/// Tokens for quoted parts of a raw word (strings) and the rest as `ty`.
fn word_tokens(c: &mut Collector<'_>, start: usize, raw: &str, ty: Option<TokenType>) {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < b.len() {
        if b[i] == b'"' || b[i] == b'\'' {
            if let Some(t) = ty.filter(|_| i > plain_start) {
                c.push(start + plain_start..start + i, t, 0);
            }
            let q = b[i];
            let qs = i;
            i += 1;
            while i < b.len() && b[i] != q {
                if q == b'"' && b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            c.push(start + qs..start + i, TokenType::String, 0);
            plain_start = i;
        } else {
            i += 1;
        }
    }
    if let Some(t) = ty.filter(|_| b.len() > plain_start) {
        c.push(start + plain_start..start + b.len(), t, 0);
    }
}

fn body_tokens(doc: &Doc<'_>, c: &mut Collector<'_>, inst: InstRef<'_>, idx: usize) {
    flag_tokens(c, inst);
    let i = inst.inst;
    match i.kind {
        Keyword::From => from_tokens(doc, c, inst, idx),
        Keyword::Arg | Keyword::Env | Keyword::Label => {
            let key_ty = if i.kind == Keyword::Label { TokenType::Property } else { TokenType::Variable };
            let key_mod = if i.kind == Keyword::Label { 0 } else { modifiers::DECLARATION };
            for kv in inst.key_values() {
                c.push(kv.key_range.clone(), key_ty, key_mod);
                if let Some(vr) = kv.value_range.clone() {
                    if !kv.legacy && vr.start > 0 {
                        c.push(vr.start - 1..vr.start, TokenType::Operator, 0);
                    }
                    let raw = doc.text.get(vr.clone()).unwrap_or("");
                    if raw.contains('\n') {
                        c.push(vr, TokenType::String, 0);
                    } else {
                        word_tokens(c, vr.start, raw, Some(TokenType::String));
                    }
                }
            }
        }
        Keyword::Expose => {
            for w in &i.words {
                let r = inst.range(w.span);
                let t = inst.src(w.span);
                let (port, proto) = t.split_once('/').unwrap_or((t, ""));
                let port_ty = if port.split('-').all(is_number) { TokenType::Number } else { TokenType::String };
                c.push(r.start..r.start + port.len(), port_ty, 0);
                if !proto.is_empty() {
                    c.push(r.start + port.len()..r.start + port.len() + 1, TokenType::Operator, 0);
                    c.push(r.start + port.len() + 1..r.end, TokenType::EnumMember, 0);
                }
            }
        }
        Keyword::Healthcheck => {
            if let Some(w) = i.words.first() {
                c.push(inst.range(w.span), TokenType::Keyword, 0);
            }
        }
        Keyword::Stopsignal | Keyword::User | Keyword::Workdir | Keyword::Volume | Keyword::Maintainer
            if i.exec.is_none() =>
        {
            for w in &i.words {
                let r = inst.range(w.span);
                if inst.src(w.span).contains('\n') {
                    continue;
                }
                word_tokens(c, r.start, inst.src(w.span), Some(TokenType::String));
            }
        }
        Keyword::Copy | Keyword::Add => {
            for w in &i.words {
                if i.heredocs.iter().any(|h| h.word == w.span) {
                    continue;
                }
                let r = inst.range(w.span);
                word_tokens(c, r.start, inst.src(w.span), Some(TokenType::String));
            }
        }
        _ => {}
    }
    if let Some(e) = &i.exec {
        let r = inst.range(e.span);
        c.push(r.start..r.start + 1, TokenType::Operator, 0);
        for el in &e.elements {
            let ty = if el.value.is_some() { TokenType::String } else { TokenType::Number };
            c.push(inst.range(el.span), ty, 0);
        }
        c.push(r.end - 1..r.end, TokenType::Operator, 0);
    }
    if let Some(s) = i.shell {
        // Quoted strings inside shell text (single-line only, to stay cheap and simple).
        let r = inst.range(s);
        let src = inst.src(s);
        if !src.contains('\n') && src.contains(['"', '\'']) {
            word_tokens(c, r.start, src, None);
        }
    }
    for h in &i.heredocs {
        let wr = inst.range(h.word);
        let dr = inst.range(h.delimiter);
        c.push(wr.start..dr.start, TokenType::Operator, 0);
        c.push(dr, TokenType::Macro, 0);
        if let Some(t) = h.terminator {
            c.push(inst.range(t), TokenType::Macro, 0);
        }
    }
}

fn from_tokens(doc: &Doc<'_>, c: &mut Collector<'_>, inst: InstRef<'_>, idx: usize) {
    let Some(f) = inst.as_from() else { return };
    if let Some(r) = &f.as_keyword {
        c.push(r.clone(), TokenType::Keyword, 0);
    }
    if let Some((r, _)) = &f.stage {
        c.push(r.clone(), TokenType::Class, modifiers::DECLARATION);
    }
    let stage = doc.model.node_stage[idx].and_then(|s| doc.model.stages.get(s));
    if let Some(crate::model::Base::Stage(_)) = stage.map(|s| &s.base) {
        c.push(f.image_range.clone(), TokenType::Class, 0);
        return;
    }
    if f.image_text.contains('\n') || f.is_scratch() {
        c.push(f.image_range.clone(), TokenType::Type, if f.is_scratch() { modifiers::DEFAULT_LIBRARY } else { 0 });
        return;
    }
    let r: &ImageRef = &f.image;
    if let Some(reg) = &r.registry {
        c.push(f.part(reg), TokenType::Namespace, 0);
    }
    if let Some(ns) = &r.namespace {
        c.push(f.part(ns), TokenType::Namespace, 0);
    }
    c.push(f.part(&r.name), TokenType::Type, 0);
    if let Some(t) = &r.tag {
        c.push(f.part(t), TokenType::EnumMember, 0);
    }
    if let Some(d) = &r.digest {
        c.push(f.part(d), TokenType::Number, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    fn show(text: &str) -> Vec<String> {
        with_doc(text, |d| semantic_tokens(d, None))
            .into_iter()
            .map(|t| {
                format!(
                    "{}:{:?}{}",
                    &text[t.range.clone()],
                    t.ty,
                    if t.modifiers != 0 { format!("+{}", t.modifiers) } else { String::new() }
                )
            })
            .collect()
    }

    #[test]
    fn kinds() {
        let text = "# syntax=docker/dockerfile:1\nARG TAG=3.12\nFROM --platform=$BUILDPLATFORM ghcr.io/org/py:${TAG}-slim AS build\n# note\nENV A=\"x $TAG\" B=2\nRUN --mount=type=cache,target=/c echo \"$A\" \\\n  && ls\nCOPY --from=build <<EOF /dst\nbody\nEOF\nEXPOSE 80/tcp\nCMD [\"a\", \"b\"]\nHEALTHCHECK --interval=5s CMD true\n";
        expect_test::expect![[r##"
            [
                "# :Comment",
                "syntax:Macro",
                "docker/dockerfile:1:String",
                "ARG:Keyword",
                "TAG:Variable+1",
                "=:Operator",
                "3.12:String",
                "FROM:Keyword",
                "--platform:Parameter",
                "=:Operator",
                "$BUILDPLATFORM:Variable+10",
                "ghcr.io:Namespace",
                "org:Namespace",
                "py:Type",
                "${TAG}:Variable",
                "-slim:EnumMember",
                "AS:Keyword",
                "build:Class+1",
                "# note:Comment",
                "ENV:Keyword",
                "A:Variable+1",
                "=:Operator",
                "\"x :String",
                "$TAG:Variable",
                "\":String",
                "B:Variable+1",
                "=:Operator",
                "2:String",
                "RUN:Keyword",
                "--mount:Parameter",
                "=:Operator",
                "type:Property",
                "=:Operator",
                "cache:String",
                "target:Property",
                "=:Operator",
                "/c:String",
                "$A:Variable",
                "COPY:Keyword",
                "--from:Parameter",
                "=:Operator",
                "build:Class",
                "<<:Operator",
                "EOF:Macro",
                "/dst:String",
                "EOF:Macro",
                "EXPOSE:Keyword",
                "80:Number",
                "/:Operator",
                "tcp:EnumMember",
                "CMD:Keyword",
                "[:Operator",
                "\"a\":String",
                "\"b\":String",
                "]:Operator",
                "HEALTHCHECK:Keyword",
                "--interval:Parameter",
                "=:Operator",
                "5s:Number",
                "CMD:Keyword",
            ]
        "##]]
        .assert_debug_eq(&show(text));
    }

    #[test]
    fn sorted_and_non_overlapping_on_any_input() {
        for text in [
            "FROM a\nENV A=$B$C${D:-$E}\n",
            "ONBUILD COPY --from=x $A /b\n",
            "LABEL \"a b\"=\"c $D\" e='f'\n",
            "RUN <<A <<B\nx\nA\ny\nB\n",
        ] {
            let toks = with_doc(text, |d| semantic_tokens(d, None));
            for w in toks.windows(2) {
                assert!(w[0].range.end <= w[1].range.start, "{text:?}: {:?} overlaps {:?}", w[0], w[1]);
            }
        }
    }
}
