//! One instruction with every part's range.

use std::borrow::Cow;

use smallvec::SmallVec;

use super::{ExecForm, Span, SyntaxError, TextRange};

/// The 18 instructions BuildKit knows, plus anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// A word that is no instruction (reported as `unknown-instruction`).
    Unknown,
}

/// A keyword name as [`Keyword::parse`] reads a word: its bytes, zero-padded, and its
/// length in the top byte (so that `ADD\0` is not `ADD`). For the names and the mask,
/// at compile time (`parse` copies the word with `copy_from_slice`, which a `const fn`
/// cannot call before Rust 1.87, above the project's minimum).
const fn keyword_key(b: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < b.len() && i < 15 {
        buf[i] = b[i];
        i += 1;
    }
    buf[15] = b.len() as u8;
    u128::from_le_bytes(buf)
}

impl Keyword {
    /// FROM, ARG, ENV, SHELL and ONBUILD: the instructions that decide what the others
    /// mean (stages, base images, variable values, the shell). An edit that touches
    /// none of them leaves the meaning of every other instruction as it was.
    pub fn is_structural(self) -> bool {
        matches!(self, Keyword::From | Keyword::Arg | Keyword::Env | Keyword::Shell | Keyword::Onbuild)
    }

    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// Case-insensitive lookup, as BuildKit dispatches in lower case.
    pub fn parse(word: &str) -> Keyword {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > 11 {
            return Keyword::Unknown;
        }
        // The word laid out as `keyword_key` lays out the names, with bit 5 cleared in
        // every byte (which upper-cases a letter and makes a letter of no other byte)
        // and the length byte kept. A match on the number compiles to a few compares.
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        let folded = u128::from_le_bytes(buf) & const { keyword_key(&[0xDF; 11]) | 0xFF << 120 };
        const ADD: u128 = keyword_key(b"ADD");
        const ARG: u128 = keyword_key(b"ARG");
        const CMD: u128 = keyword_key(b"CMD");
        const COPY: u128 = keyword_key(b"COPY");
        const ENTRYPOINT: u128 = keyword_key(b"ENTRYPOINT");
        const ENV: u128 = keyword_key(b"ENV");
        const EXPOSE: u128 = keyword_key(b"EXPOSE");
        const FROM: u128 = keyword_key(b"FROM");
        const HEALTHCHECK: u128 = keyword_key(b"HEALTHCHECK");
        const LABEL: u128 = keyword_key(b"LABEL");
        const MAINTAINER: u128 = keyword_key(b"MAINTAINER");
        const ONBUILD: u128 = keyword_key(b"ONBUILD");
        const RUN: u128 = keyword_key(b"RUN");
        const SHELL: u128 = keyword_key(b"SHELL");
        const STOPSIGNAL: u128 = keyword_key(b"STOPSIGNAL");
        const USER: u128 = keyword_key(b"USER");
        const VOLUME: u128 = keyword_key(b"VOLUME");
        const WORKDIR: u128 = keyword_key(b"WORKDIR");
        match folded {
            ADD => Keyword::Add,
            ARG => Keyword::Arg,
            CMD => Keyword::Cmd,
            COPY => Keyword::Copy,
            ENTRYPOINT => Keyword::Entrypoint,
            ENV => Keyword::Env,
            EXPOSE => Keyword::Expose,
            FROM => Keyword::From,
            HEALTHCHECK => Keyword::Healthcheck,
            LABEL => Keyword::Label,
            MAINTAINER => Keyword::Maintainer,
            ONBUILD => Keyword::Onbuild,
            RUN => Keyword::Run,
            SHELL => Keyword::Shell,
            STOPSIGNAL => Keyword::Stopsignal,
            USER => Keyword::User,
            VOLUME => Keyword::Volume,
            WORKDIR => Keyword::Workdir,
            _ => Keyword::Unknown,
        }
    }

    /// The canonical (upper-case) name.
    pub const fn name(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "",
        }
    }

    /// Whether the instruction adds a filesystem layer (the others change metadata).
    pub const fn adds_layer(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }

    /// Whether BuildKit reads heredocs for this instruction.
    pub const fn takes_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }

    /// Whether BuildKit expands `$VAR` in this instruction's arguments.
    pub const fn expands_variables(self) -> bool {
        matches!(
            self,
            Keyword::Add
                | Keyword::Copy
                | Keyword::Env
                | Keyword::Expose
                | Keyword::From
                | Keyword::Label
                | Keyword::Stopsignal
                | Keyword::User
                | Keyword::Volume
                | Keyword::Workdir
                | Keyword::Arg
        )
    }
}

/// A comment line (`#` first non-blank character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line (without the line break).
    pub span: Span,
    /// Part of BuildKit's `PrevComment` list for the instruction below (non-empty and
    /// not reset by an empty `#` line).
    pub attached: bool,
}

/// A piece of the logical line: continuation lines are joined with no separator after
/// removing the escape character, the line break and comment lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Offset of this piece in the logical line.
    pub logical: u32,
    /// Where the piece is in the source.
    pub source: Span,
}

/// A `--name[=value]` flag after the instruction keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The whole word, `--` included.
    pub span: Span,
    /// The name without `--`.
    pub name: Span,
    /// The value after `=` (raw, quotes included); `None` when there is no `=`.
    pub value: Option<Span>,
}

/// An argument word (raw text: quotes and escapes as written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
}

/// A heredoc attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The word in the instruction, e.g. `<<-"EOF"` or `3<<EOF`.
    pub word: Span,
    /// The delimiter as written after `<<`/`<<-` (quotes included).
    pub delimiter: Span,
    /// The delimiter's name with quotes removed.
    pub name: String,
    /// File descriptor prefix (`3<<EOF`), 0 when absent.
    pub fd: u32,
    /// `<<-`: leading tabs are removed from the body and the terminator.
    pub strip_tabs: bool,
    /// Part of the delimiter is quoted: the body is not expanded.
    pub quoted: bool,
    /// The body, from the line after the instruction (or the previous terminator) to
    /// the start of the terminator line.
    pub body: Span,
    /// The terminator line's content; `None` when the heredoc is unterminated.
    pub terminator: Option<Span>,
}

/// One instruction. All spans are relative to the owning [`Node`](super::Node)'s offset.
///
/// The fields every pass reads (length, ranges, kind) come first and are laid out in
/// order (`repr(C)`), 46 bytes side by side: visiting an instruction loads one or two
/// cache lines for them where the compiler's order spread them over three (on a big
/// file the passes over all instructions are bound by these loads; callgrind's cache
/// simulation of a keystroke's check counts 3 % fewer first-level misses).
#[derive(Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Instruction {
    /// Length of the node's region: leading trivia, the instruction's lines, heredoc
    /// bodies and the final line break.
    pub len: u32,
    /// Blank lines above the instruction.
    pub blank_lines: u32,
    /// From the keyword to the end of the last line of the logical line (heredoc
    /// bodies excluded).
    pub span: Span,
    pub keyword: Span,
    /// Everything after the flags (trimmed); empty when there are no arguments.
    pub args: Span,
    /// The command text in shell form (RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD).
    pub shell: Option<Span>,
    pub kind: Keyword,
    /// The escape character in effect (`\\` or `` ` ``).
    pub escape: u8,
    pub flags: SmallVec<[Flag; 2]>,
    /// Argument words as BuildKit splits them for this instruction (whitespace for
    /// FROM/EXPOSE/COPY/ADD/VOLUME, quote-aware for ENV/LABEL/ARG, the type word for
    /// HEALTHCHECK); empty for instructions that take one string.
    pub words: SmallVec<[Word; 4]>,
    /// Pieces of the logical line; one piece for a single-line instruction.
    pub pieces: SmallVec<[Piece; 1]>,
    /// Comment lines above the instruction (inside the node's region).
    pub comments: SmallVec<[Comment; 1]>,
    /// The JSON array in exec form.
    pub exec: Option<ExecForm>,
    pub heredocs: Vec<Heredoc>,
    /// The instruction an ONBUILD triggers.
    pub trigger: Option<Box<Instruction>>,
    /// Comment lines inside the continued instruction.
    pub inner_comments: Vec<Span>,
    /// Blank lines inside the continued instruction (BuildKit's NoEmptyContinuation).
    pub empty_continuations: Vec<Span>,
    pub errors: Vec<SyntaxError>,
    /// Views worked out from this instruction's own text, kept for as long as the
    /// instruction lives (see [`ViewCache`]).
    pub(crate) views: super::views::ViewCache,
}

impl Instruction {
    /// Calls `f` for this instruction's errors and its trigger's.
    pub fn for_each_error(&self, f: &mut dyn FnMut(&SyntaxError)) {
        self.errors.iter().for_each(&mut *f);
        if let Some(t) = &self.trigger {
            t.for_each_error(f);
        }
    }

    /// Whether arguments are in exec (JSON) form.
    pub fn is_exec_form(&self) -> bool {
        self.exec.is_some()
    }

    /// The instruction that runs: the trigger for ONBUILD, else itself.
    pub fn effective(&self) -> &Instruction {
        self.trigger.as_deref().unwrap_or(self)
    }
}

/// An instruction together with the document text and its node's offset.
#[derive(Clone, Copy, Debug)]
pub struct InstRef<'a> {
    pub text: &'a str,
    pub offset: usize,
    pub inst: &'a Instruction,
}

impl<'a> InstRef<'a> {
    /// The same view onto the ONBUILD trigger.
    pub fn trigger(self) -> Option<InstRef<'a>> {
        self.inst.trigger.as_deref().map(|inst| InstRef { inst, ..self })
    }

    pub fn kind(self) -> Keyword {
        self.inst.kind
    }

    /// Absolute range of a span of this instruction.
    pub fn range(self, span: Span) -> TextRange {
        span.abs(self.offset)
    }

    /// The source text of a span, as written (continuations included).
    pub fn src(self, span: Span) -> &'a str {
        let r = self.range(span);
        self.text.get(r).unwrap_or("")
    }

    /// The logical text of a span: continuation breaks and comment lines inside it
    /// removed, as BuildKit sees it.
    pub fn text(self, span: Span) -> Cow<'a, str> {
        logical_text(self.text, self.offset, &self.inst.pieces, span)
    }

    /// [`InstRef::text`] in parts, without joining them: the source text of each line
    /// the span covers (whoever reads only the start of a long RUN saves copying it).
    pub fn text_parts(self, span: Span) -> impl Iterator<Item = &'a str> + 'a {
        let get = move |s: Span| self.text.get(s.abs(self.offset)).unwrap_or("");
        let pieces = &self.inst.pieces;
        let inside = move |p: &&Piece| p.source.end > span.start && p.source.start < span.end;
        // As `logical_text`: a span outside every piece is read from the source.
        let outside = (!pieces.iter().any(|p| inside(&p))).then(|| get(span));
        outside.into_iter().chain(
            pieces
                .iter()
                .filter(inside)
                .map(move |p| get(Span::new(p.source.start.max(span.start), p.source.end.min(span.end)))),
        )
    }

    /// The keyword as written.
    pub fn keyword_text(self) -> &'a str {
        self.src(self.inst.keyword)
    }

    /// The whole instruction (keyword to end of its last line) as written.
    pub fn full_range(self) -> TextRange {
        self.range(self.inst.span)
    }

    pub fn flag(self, name: &str) -> Option<&'a Flag> {
        self.inst.flags.iter().find(|f| self.src(f.name) == name)
    }

    /// A flag's value with quotes and escapes resolved as BuildKit does for flags.
    pub fn flag_value(self, flag: &Flag) -> Option<Cow<'a, str>> {
        let v = flag.value?;
        Some(super::words::unquote_flag(self.text(v), self.inst.escape))
    }

    /// The argument words' text.
    pub fn word_texts(self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        self.inst.words.iter().map(move |w| self.text(w.span))
    }

    /// Maps a range of the logical text of `span` (as [`InstRef::text`] returns it) back
    /// to an absolute source range.
    pub fn map_logical(self, span: Span, logical: std::ops::Range<usize>) -> TextRange {
        let clipped = self
            .inst
            .pieces
            .iter()
            .filter(|p| p.source.end > span.start && p.source.start < span.end)
            .map(|p| Span::new(p.source.start.max(span.start), p.source.end.min(span.end)));
        let mut start = None;
        let mut seen = 0usize;
        let mut last_end = span.start;
        for clip in clipped {
            let len = clip.len() as usize;
            if start.is_none() && logical.start < seen + len {
                start = Some(clip.start as usize + (logical.start - seen));
            }
            if logical.end <= seen + len {
                let s = start.unwrap_or(clip.start as usize);
                let e = clip.start as usize + (logical.end - seen);
                return self.offset + s..self.offset + e.max(s);
            }
            seen += len;
            last_end = clip.end;
        }
        let s = start.unwrap_or(last_end as usize);
        self.offset + s..self.offset + (last_end as usize).max(s)
    }

    /// Absolute range of the node's first byte of instruction text (the keyword).
    pub fn start(self) -> usize {
        self.offset + self.inst.keyword.start as usize
    }
}

/// Joins the logical text covered by `span` from the pieces.
pub(crate) fn logical_text<'a>(text: &'a str, offset: usize, pieces: &[Piece], span: Span) -> Cow<'a, str> {
    let get = |s: Span| text.get(s.abs(offset)).unwrap_or("");
    let mut inside = pieces.iter().filter(|p| p.source.end > span.start && p.source.start < span.end);
    let Some(first) = inside.next() else {
        return Cow::Borrowed(get(span));
    };
    let clip = |p: &Piece| Span::new(p.source.start.max(span.start), p.source.end.min(span.end));
    let first_clip = clip(first);
    match inside.next() {
        None => Cow::Borrowed(get(first_clip)),
        Some(second) => {
            let mut s = String::with_capacity(span.len() as usize);
            s.push_str(get(first_clip));
            s.push_str(get(clip(second)));
            for p in inside {
                s.push_str(get(clip(p)));
            }
            Cow::Owned(s)
        }
    }
}
