//! The splitter: a byte lexer and a flat, mode-driven parser in one pass.
//!
//! The parser does not build a syntax tree. It keeps a small state per command list
//! (the command being collected, the pending operator, a stack for `( )` and `case`)
//! and emits every simple command it completes. Substitutions (`$(…)`, backticks,
//! `<(…)`) are parsed by a child parser over the same text that stops at the closing
//! parenthesis, so their extent is found with full quoting rules. `sh -c` strings are
//! unquoted, parsed on their own and mapped back.

use std::ops::Range;

use super::unquote::{self, OffsetMap, find_byte, scan_ansi, scan_backtick, scan_brace, scan_paren};
use super::{Command, MAX_DEPTH, Redirect, Separator, Word, wrap};

/// Parses `src` (all of it) and pushes the commands found into `out`, unsorted.
pub(super) fn parse_into(src: &str, depth: u8, via_shell_c: bool, emit_subst: bool, out: &mut Vec<Command>) {
    let mut p = Parser::new(src, 0, src.len(), depth, via_shell_c, true, out);
    p.emit_subst = emit_subst;
    p.parse_list(false);
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    AndIf,
    OrIf,
    Semi,
    /// `;;`, `;&`, `;;&` (end of a `case` branch).
    DSemi,
    Amp,
    Pipe,
    Newline,
    LParen,
    RParen,
}

enum Tok {
    /// A word; the flag says it is the delimiter of a heredoc (`<<EOF`).
    Word(Word, bool),
    Op(Op, Range<usize>),
    Redir {
        range: Range<usize>,
        op: Range<usize>,
        heredoc: bool,
    },
    Eof,
}

/// What the parser is doing with the next tokens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Collecting a simple command.
    Normal,
    /// After `fi`, `done`, `esac`, `}`, `)` or `((…))`: ignore words up to an operator.
    SkipToSep,
    /// After `for`/`select`: skip the header up to `;`, a newline or `do`.
    ForHeader,
    /// After `case`: skip up to `in`.
    CaseHeader,
    /// Skipping a `case` pattern up to its `)`.
    CasePattern,
    /// After `function` or `name()`: skip up to the body.
    FuncHeader,
    /// Inside `[[ … ]]`: operators are arguments.
    DoubleBracket,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    Subshell,
    Case,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Await {
    /// The next word is the target of the last redirection of the current command.
    Attach,
    /// The same, for a heredoc.
    Heredoc,
    /// The next word is a redirection target that belongs to no command (`done < f`).
    Discard,
}

/// Where a heredoc body must go once the lexer has read it.
#[derive(Clone, Copy, Debug)]
enum HdTarget {
    /// Redirect index in the command being collected.
    Current(usize),
    /// Command index in `out`, redirect index.
    Emitted(usize, usize),
    Dropped,
}

#[derive(Default)]
struct Builder {
    env: Vec<Word>,
    words: Vec<Word>,
    redirects: Vec<Redirect>,
    range: Option<Range<usize>>,
    /// Length of `out` before the first token of this command was lexed: commands
    /// nested in its words come after this index, and the command goes before them.
    first_out: usize,
}

impl Builder {
    fn is_empty(&self) -> bool {
        self.range.is_none()
    }
    fn extend(&mut self, r: &Range<usize>) {
        self.range = Some(match self.range.take() {
            None => r.clone(),
            Some(old) => old.start.min(r.start)..old.end.max(r.end),
        });
    }
    fn push_word(&mut self, w: Word) {
        self.extend(&w.range);
        if self.words.capacity() == 0 {
            self.words.reserve(8);
        }
        self.words.push(w);
    }
}

struct ListState {
    cur: Builder,
    sep: Option<Separator>,
    piped: bool,
    any: bool,
    mode: Mode,
    ctx: Vec<Ctx>,
    awaiting: Option<Await>,
    hd_targets: Vec<HdTarget>,
}

struct Parser<'s, 'o> {
    src: &'s str,
    b: &'s [u8],
    pos: usize,
    end: usize,
    depth: u8,
    via_shell_c: bool,
    /// Push commands to `out` at all.
    emit: bool,
    /// Report commands found inside substitutions.
    emit_subst: bool,
    out: &'o mut Vec<Command>,
    /// `Some(strip_tabs)` right after a `<<`/`<<-` operator.
    delim_next: Option<bool>,
    /// Heredoc delimiters waiting for the end of the line.
    pending: Vec<(String, bool)>,
    /// Bodies read at the last newline, in order.
    bodies: Vec<Range<usize>>,
    /// Length of `out` when the current token started.
    tok_out: usize,
}

impl<'s, 'o> Parser<'s, 'o> {
    fn new(
        src: &'s str,
        pos: usize,
        end: usize,
        depth: u8,
        via_shell_c: bool,
        emit: bool,
        out: &'o mut Vec<Command>,
    ) -> Self {
        Parser {
            src,
            b: src.as_bytes(),
            pos,
            end: end.min(src.len()),
            depth,
            via_shell_c,
            emit,
            emit_subst: true,
            out,
            delim_next: None,
            pending: Vec::new(),
            bodies: Vec::new(),
            tok_out: 0,
        }
    }

    // ---------------------------------------------------------------- lexer

    fn at(&self, i: usize) -> Option<u8> {
        if i < self.end { Some(self.b[i]) } else { None }
    }

    fn next_token(&mut self) -> Tok {
        // Blanks, line continuations and comments.
        loop {
            let Some(c) = self.at(self.pos) else {
                return Tok::Eof;
            };
            match c {
                b' ' | b'\t' => self.pos += 1,
                b'\r' if self.at(self.pos + 1) == Some(b'\n') => self.pos += 1,
                b'\\' if self.at(self.pos + 1) == Some(b'\n') => self.pos += 2,
                b'\\' if self.at(self.pos + 1) == Some(b'\r') && self.at(self.pos + 2) == Some(b'\n') => self.pos += 3,
                b'#' => self.pos = find_byte(self.b, self.pos, self.end, b'\n').0,
                _ => break,
            }
        }
        let start = self.pos;
        self.tok_out = self.out.len();
        let c = self.b[start];
        let next = self.at(start + 1);
        let op = |p: &mut Self, op: Op, len: usize| {
            p.pos = start + len;
            p.delim_next = None;
            Tok::Op(op, start..start + len)
        };
        match c {
            b'\n' => {
                self.pos += 1;
                self.delim_next = None;
                self.read_heredocs();
                Tok::Op(Op::Newline, start..start + 1)
            }
            b';' => match (next, self.at(start + 2)) {
                (Some(b';'), Some(b'&')) => op(self, Op::DSemi, 3),
                (Some(b';'), _) | (Some(b'&'), _) => op(self, Op::DSemi, 2),
                _ => op(self, Op::Semi, 1),
            },
            b'&' => match next {
                Some(b'&') => op(self, Op::AndIf, 2),
                Some(b'>') => self.redirect(start, start),
                _ => op(self, Op::Amp, 1),
            },
            b'|' => match next {
                Some(b'|') => op(self, Op::OrIf, 2),
                Some(b'&') => op(self, Op::Pipe, 2),
                _ => op(self, Op::Pipe, 1),
            },
            b'(' => op(self, Op::LParen, 1),
            b')' => op(self, Op::RParen, 1),
            b'<' | b'>' if next != Some(b'(') => self.redirect(start, start),
            b'0'..=b'9' => {
                let mut j = start;
                while self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                match (self.at(j), self.at(j + 1)) {
                    (Some(b'<' | b'>'), n) if n != Some(b'(') => self.redirect(start, j),
                    _ => self.word(start),
                }
            }
            _ => self.word(start),
        }
    }

    /// A redirection operator at `op_start`, with an fd number from `start`.
    fn redirect(&mut self, start: usize, op_start: usize) -> Tok {
        let b = |k: usize| self.at(op_start + k);
        let (len, heredoc) = match (b(0), b(1), b(2)) {
            (Some(b'<'), Some(b'<'), Some(b'<')) => (3, None),
            (Some(b'<'), Some(b'<'), Some(b'-')) => (3, Some(true)),
            (Some(b'<'), Some(b'<'), _) => (2, Some(false)),
            (Some(b'<'), Some(b'>' | b'&'), _) => (2, None),
            (Some(b'>'), Some(b'>' | b'|' | b'&'), _) => (2, None),
            (Some(b'&'), Some(b'>'), Some(b'>')) => (3, None),
            (Some(b'&'), Some(b'>'), _) => (2, None),
            _ => (1, None),
        };
        let end = op_start + len;
        self.pos = end;
        self.delim_next = heredoc;
        Tok::Redir { range: start..end, op: op_start..end, heredoc: heredoc.is_some() }
    }

    /// Lexes a word starting at `start`.
    fn word(&mut self, start: usize) -> Tok {
        let mut w = Word::new(start..start);
        let mut i = start;
        // Process substitution `<(…)` / `>(…)`.
        if matches!(self.at(i), Some(b'<' | b'>')) && self.at(i + 1) == Some(b'(') {
            w.expansion = true;
            i = self.subst(i + 2, &mut w);
        }
        while let Some(c) = self.at(i) {
            if PLAIN[c as usize] {
                i += 1;
                continue;
            }
            match c {
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b')' => break,
                b'\r' if self.at(i + 1) == Some(b'\n') => break,
                b'(' => {
                    if is_array_prefix(&self.b[start..i]) {
                        let (e, closed) = scan_paren(self.b, i + 1, self.end);
                        w.unterminated |= !closed;
                        i = e;
                    } else {
                        break;
                    }
                }
                b'\\' => {
                    i += 1;
                    if let Some(c) = self.at(i) {
                        // `\<newline>` is a line continuation, not quoting.
                        w.quoted |= c != b'\n' && c != b'\r';
                        i = (i + unquote::char_len(c)).min(self.end);
                    } else {
                        w.quoted = true;
                    }
                }
                b'\'' => {
                    w.quoted = true;
                    let (j, closed) = find_byte(self.b, i + 1, self.end, b'\'');
                    w.unterminated |= !closed;
                    i = if closed { j + 1 } else { j };
                }
                b'"' => {
                    w.quoted = true;
                    i = self.dquote(i + 1, &mut w);
                }
                b'`' => i = self.backtick(i, &mut w),
                b'$' => i = self.dollar(i, &mut w),
                _ => i += 1,
            }
        }
        w.range = start..i;
        self.pos = i;
        let is_delim = self.delim_next.take();
        if let Some(strip) = is_delim {
            let delim = unquote::unquote(w.text(self.src)).into_owned();
            self.pending.push((delim, strip));
        }
        Tok::Word(w, is_delim.is_some())
    }

    /// Inside double quotes from `i`; returns the position after the closing quote.
    fn dquote(&mut self, mut i: usize, w: &mut Word) -> usize {
        while let Some(c) = self.at(i) {
            match c {
                b'"' => return i + 1,
                b'\\' => {
                    i += 1;
                    if let Some(c) = self.at(i) {
                        i = (i + unquote::char_len(c)).min(self.end);
                    }
                }
                b'`' => i = self.backtick(i, w),
                b'$' => i = self.dollar(i, w),
                _ => i += 1,
            }
        }
        w.unterminated = true;
        self.end
    }

    /// A `$` at `i`.
    fn dollar(&mut self, i: usize, w: &mut Word) -> usize {
        match self.at(i + 1) {
            Some(b'(') if self.at(i + 2) == Some(b'(') => {
                w.expansion = true;
                let (e, closed) = scan_paren(self.b, i + 2, self.end);
                w.unterminated |= !closed;
                e
            }
            Some(b'(') => {
                w.expansion = true;
                self.subst(i + 2, w)
            }
            Some(b'{') => {
                w.expansion = true;
                let (e, closed) = scan_brace(self.b, i + 2, self.end);
                w.unterminated |= !closed;
                e
            }
            Some(b'\'') => {
                w.quoted = true;
                let (e, closed) = scan_ansi(self.b, i + 2, self.end);
                w.unterminated |= !closed;
                e
            }
            Some(b'"') => {
                w.quoted = true;
                self.dquote(i + 2, w)
            }
            Some(c) if c.is_ascii_alphanumeric() || b"_@*#?$!-".contains(&c) => {
                w.expansion = true;
                i + 1
            }
            _ => i + 1,
        }
    }

    /// A command substitution whose content starts at `start`; returns the position
    /// after its closing parenthesis.
    fn subst(&mut self, start: usize, w: &mut Word) -> usize {
        if self.depth >= MAX_DEPTH {
            let (e, closed) = scan_paren(self.b, start, self.end);
            w.unterminated |= !closed;
            return e;
        }
        let emit = self.emit && self.emit_subst;
        let mut child = Parser::new(self.src, start, self.end, self.depth + 1, self.via_shell_c, emit, self.out);
        let closed = child.parse_list(true);
        w.unterminated |= !closed;
        child.pos
    }

    /// A backtick at `i`; returns the position after the closing one.
    fn backtick(&mut self, i: usize, w: &mut Word) -> usize {
        w.expansion = true;
        let (e, closed) = scan_backtick(self.b, i + 1, self.end);
        w.unterminated |= !closed;
        if self.emit && self.emit_subst && self.depth < MAX_DEPTH {
            let inner_end = if closed { e - 1 } else { e };
            let mut child = Parser::new(self.src, i + 1, inner_end, self.depth + 1, self.via_shell_c, true, self.out);
            child.parse_list(false);
        }
        e
    }

    /// After a newline: skip the bodies of the heredocs started on that line.
    fn read_heredocs(&mut self) {
        self.bodies.clear();
        for (delim, strip) in std::mem::take(&mut self.pending) {
            let body_start = self.pos;
            loop {
                if self.pos >= self.end {
                    self.bodies.push(body_start..self.end);
                    break;
                }
                let (le, _) = find_byte(self.b, self.pos, self.end, b'\n');
                let line = self.src.get(self.pos..le).unwrap_or("");
                let line = line.strip_suffix('\r').unwrap_or(line);
                let line = if strip { line.trim_start_matches('\t') } else { line };
                let line_start = self.pos;
                self.pos = (le + 1).min(self.end);
                if line == delim {
                    self.bodies.push(body_start..line_start);
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- parser

    /// Parses commands until the end (or, with `stop_paren`, an unmatched `)`).
    /// Returns whether it stopped at such a `)`.
    fn parse_list(&mut self, stop_paren: bool) -> bool {
        let mut st = ListState {
            cur: Builder::default(),
            sep: None,
            piped: false,
            any: false,
            mode: Mode::Normal,
            ctx: Vec::new(),
            awaiting: None,
            hd_targets: Vec::new(),
        };
        loop {
            let tok = self.next_token();
            if st.cur.is_empty() {
                st.cur.first_out = self.tok_out;
            }
            match tok {
                Tok::Eof => {
                    self.finish(&mut st, None);
                    return false;
                }
                Tok::Word(w, is_delim) => self.on_word(&mut st, w, is_delim),
                Tok::Redir { range, op, heredoc } => self.on_redir(&mut st, range, op, heredoc),
                Tok::Op(op, r) => {
                    if self.on_op(&mut st, op, r, stop_paren) {
                        return true;
                    }
                }
            }
        }
    }

    fn on_word(&mut self, st: &mut ListState, w: Word, is_delim: bool) {
        let awaiting = st.awaiting.take();
        if is_delim {
            let t = match (awaiting, st.cur.redirects.len()) {
                (Some(Await::Heredoc), n) if n > 0 => HdTarget::Current(n - 1),
                _ => HdTarget::Dropped,
            };
            st.hd_targets.push(t);
        }
        match awaiting {
            Some(Await::Attach | Await::Heredoc) => {
                st.cur.extend(&w.range);
                if let Some(r) = st.cur.redirects.last_mut() {
                    r.range.end = w.range.end;
                    r.target = Some(w);
                }
                return;
            }
            Some(Await::Discard) => return,
            None => {}
        }
        // Reserved words only count unquoted; compare values so that line
        // continuations inside them do not matter.
        // Plain arguments (the common case) need no key.
        let keyword_position = st.mode != Mode::Normal || st.cur.is_empty();
        let value = if w.quoted || !keyword_position {
            std::borrow::Cow::Borrowed("")
        } else {
            unquote::unquote(w.text(self.src))
        };
        let raw: &str = &value;
        match st.mode {
            Mode::Normal => {}
            Mode::SkipToSep => return,
            Mode::CaseHeader => {
                if raw == "in" {
                    st.mode = Mode::CasePattern;
                }
                return;
            }
            Mode::ForHeader => {
                if raw == "do" {
                    st.mode = Mode::Normal;
                }
                return;
            }
            Mode::CasePattern => {
                if raw == "esac" {
                    pop_if(&mut st.ctx, Ctx::Case);
                    st.mode = Mode::SkipToSep;
                }
                return;
            }
            Mode::FuncHeader => {
                if raw == "{" {
                    st.mode = Mode::Normal;
                }
                return;
            }
            Mode::DoubleBracket => {
                if raw == "]]" {
                    st.mode = Mode::Normal;
                }
                st.cur.push_word(w);
                return;
            }
        }
        if st.cur.is_empty() && !w.quoted {
            match raw {
                "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "!" | "{" => return,
                "fi" | "done" | "}" => {
                    st.mode = Mode::SkipToSep;
                    return;
                }
                "esac" => {
                    pop_if(&mut st.ctx, Ctx::Case);
                    st.mode = Mode::SkipToSep;
                    return;
                }
                "for" | "select" => {
                    st.mode = Mode::ForHeader;
                    self.skip_arith_header();
                    return;
                }
                "case" => {
                    st.ctx.push(Ctx::Case);
                    st.mode = Mode::CaseHeader;
                    return;
                }
                "function" => {
                    st.mode = Mode::FuncHeader;
                    return;
                }
                "[[" => {
                    st.mode = Mode::DoubleBracket;
                    st.cur.push_word(w);
                    return;
                }
                _ => {}
            }
        }
        if st.cur.words.is_empty() && is_assignment(w.text(self.src)) {
            st.cur.extend(&w.range);
            st.cur.env.push(w);
        } else {
            st.cur.push_word(w);
        }
    }

    /// `for ((i=0; i<3; i++))`: skip the arithmetic header in one go.
    fn skip_arith_header(&mut self) {
        let mut p = self.pos;
        while matches!(self.at(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        if self.at(p) == Some(b'(') && self.at(p + 1) == Some(b'(') {
            self.pos = scan_paren(self.b, p + 1, self.end).0;
        }
    }

    fn on_redir(&mut self, st: &mut ListState, range: Range<usize>, op: Range<usize>, heredoc: bool) {
        st.awaiting = None;
        match st.mode {
            Mode::DoubleBracket => st.cur.push_word(Word::new(range)),
            Mode::Normal => {
                st.cur.extend(&range);
                st.cur.redirects.push(Redirect { range, op, target: None, heredoc_body: None });
                st.awaiting = Some(if heredoc { Await::Heredoc } else { Await::Attach });
            }
            _ => st.awaiting = Some(Await::Discard),
        }
    }

    /// Returns true when the list ends at this `)`.
    fn on_op(&mut self, st: &mut ListState, op: Op, r: Range<usize>, stop_paren: bool) -> bool {
        st.awaiting = None;
        if op == Op::Newline {
            self.assign_heredoc_bodies(st);
        }
        match st.mode {
            Mode::DoubleBracket => match op {
                Op::AndIf | Op::OrIf | Op::LParen | Op::RParen => {
                    st.cur.push_word(Word::new(r));
                    return false;
                }
                _ => st.mode = Mode::Normal,
            },
            Mode::ForHeader => {
                if matches!(op, Op::Semi | Op::Newline) {
                    st.mode = Mode::Normal;
                }
                return false;
            }
            Mode::CaseHeader => return false,
            Mode::CasePattern => {
                if op == Op::RParen {
                    st.mode = Mode::Normal;
                }
                return false;
            }
            Mode::FuncHeader => {
                if matches!(op, Op::LParen | Op::RParen | Op::Newline) {
                    return false;
                }
                st.mode = Mode::Normal;
            }
            Mode::Normal | Mode::SkipToSep => {}
        }
        let sep = match op {
            Op::LParen => {
                if st.cur.is_empty() {
                    if self.at(self.pos) == Some(b'(') {
                        // Arithmetic command `(( … ))`.
                        self.pos = scan_paren(self.b, self.pos, self.end).0;
                        st.mode = Mode::SkipToSep;
                    } else {
                        st.ctx.push(Ctx::Subshell);
                        st.mode = Mode::Normal;
                    }
                } else if st.mode == Mode::Normal
                    && st.cur.env.is_empty()
                    && st.cur.redirects.is_empty()
                    && st.cur.words.len() == 1
                {
                    // `name() { … }`: a function definition, not a command.
                    st.cur = Builder::default();
                    st.mode = Mode::FuncHeader;
                }
                return false;
            }
            Op::RParen => {
                self.finish(st, None);
                if st.ctx.last() == Some(&Ctx::Subshell) {
                    st.ctx.pop();
                    st.mode = Mode::SkipToSep;
                    return false;
                }
                if stop_paren {
                    return true;
                }
                st.mode = Mode::Normal;
                return false;
            }
            Op::AndIf => Separator::And,
            Op::OrIf => Separator::Or,
            Op::Semi | Op::DSemi => Separator::Semi,
            Op::Amp => Separator::Background,
            Op::Pipe => Separator::Pipe,
            Op::Newline => Separator::Newline,
        };
        let emitted = self.finish(st, Some(op));
        if emitted {
            st.sep = Some(sep);
            st.piped = op == Op::Pipe;
        } else {
            match sep {
                Separator::And | Separator::Or | Separator::Pipe | Separator::Background => {
                    st.sep = Some(sep);
                    st.piped = op == Op::Pipe;
                }
                Separator::Semi | Separator::Newline => {
                    // After `fi`, `done` …: keep an operator already seen, else note
                    // this one unless nothing came before it.
                    if st.sep.is_none() && st.any {
                        st.sep = Some(sep);
                    }
                    if op != Op::Newline {
                        st.piped = false;
                    }
                }
            }
        }
        st.mode = if op == Op::DSemi && st.ctx.last() == Some(&Ctx::Case) { Mode::CasePattern } else { Mode::Normal };
        false
    }

    fn assign_heredoc_bodies(&mut self, st: &mut ListState) {
        let bodies = std::mem::take(&mut self.bodies);
        let targets = std::mem::take(&mut st.hd_targets);
        for (t, body) in targets.into_iter().zip(bodies) {
            let redirect = match t {
                HdTarget::Current(i) => st.cur.redirects.get_mut(i),
                HdTarget::Emitted(c, i) => self.out.get_mut(c).and_then(|c| c.redirects.get_mut(i)),
                HdTarget::Dropped => None,
            };
            if let Some(r) = redirect {
                r.heredoc_body = Some(body);
            }
        }
    }

    /// Emits the command being collected, if any. Returns whether there was one.
    fn finish(&mut self, st: &mut ListState, next: Option<Op>) -> bool {
        let mut b = std::mem::take(&mut st.cur);
        let Some(range) = b.range.clone() else {
            return false;
        };
        st.any = true;
        let has_next = next == Some(Op::Pipe);
        let mut cmd = Command {
            name: None,
            args: Vec::new(),
            env: std::mem::take(&mut b.env),
            range,
            separator_before: st.sep.take(),
            in_pipeline: st.piped || has_next,
            pipeline_has_next: has_next,
            sudo: None,
            via_shell_c: self.via_shell_c,
            depth: self.depth,
            redirects: std::mem::take(&mut b.redirects),
            wrappers: Vec::new(),
        };
        wrap::assign_words(&mut cmd, std::mem::take(&mut b.words), self.src);
        if !self.emit {
            for t in st.hd_targets.iter_mut() {
                if let HdTarget::Current(_) = t {
                    *t = HdTarget::Dropped;
                }
            }
            return true;
        }
        let shell_c = if self.depth < MAX_DEPTH { wrap::shell_c_arg(&cmd, self.src) } else { None };
        if let Some(w) = shell_c.as_ref().filter(|w| w.expansion) {
            // Substitutions inside the string were parsed while lexing it; the
            // re-parse of the string reports them again, consistently nested, so drop
            // the first copies. (They were pushed after every command that a heredoc
            // target can point at.)
            let (r, d) = (w.range.clone(), self.depth);
            self.out.retain(|c| !(c.depth > d && c.range.start >= r.start && c.range.end <= r.end));
        }
        // Pre-order: the command goes before the commands nested in its words.
        let idx = b.first_out.min(self.out.len());
        for t in st.hd_targets.iter_mut() {
            if let HdTarget::Current(r) = *t {
                *t = HdTarget::Emitted(idx, r);
            }
        }
        self.out.insert(idx, cmd);
        if let Some(w) = shell_c {
            self.parse_shell_c(&w);
        }
        true
    }

    /// Parses the string of `sh -c STRING` and reports its commands with ranges in
    /// this parser's text.
    fn parse_shell_c(&mut self, w: &Word) {
        let map = OffsetMap::new(w.text(self.src), w.range.start);
        let mut inner = Vec::new();
        parse_into(&map.text, self.depth + 1, true, self.emit_subst, &mut inner);
        for mut c in inner {
            map_command(&mut c, &map, &map.text, self.src);
            self.out.push(c);
        }
    }
}

/// Bytes that are always a literal part of a word (everything but blanks, operators,
/// quotes, `\\`, `$`, `` ` `` and `\r`).
static PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = b" \t\n\r;&|<>()\\'\"`$";
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = false;
        k += 1;
    }
    t
};

fn pop_if(ctx: &mut Vec<Ctx>, c: Ctx) {
    if ctx.last() == Some(&c) {
        ctx.pop();
    }
}

/// `NAME=`, `NAME+=` or `NAME[…]=` at the start of a word.
pub(super) fn assignment_name_len(s: &[u8]) -> Option<usize> {
    let first = *s.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut i = 1;
    while s.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        i += 1;
    }
    let name_end = i;
    if s.get(i) == Some(&b'[') {
        while s.get(i).is_some_and(|c| *c != b']') {
            i += 1;
        }
        i += 1;
    }
    if s.get(i) == Some(&b'+') {
        i += 1;
    }
    (s.get(i) == Some(&b'=')).then_some(name_end)
}

/// Whether a raw word is a shell assignment (`FOO=1`, `PATH+=:/x`).
pub(super) fn is_assignment(raw: &str) -> bool {
    assignment_name_len(raw.as_bytes()).is_some()
}

/// `a=(` / `a+=(`: the start of an array assignment.
fn is_array_prefix(s: &[u8]) -> bool {
    s.last() == Some(&b'=') && assignment_name_len(s).is_some()
}

/// Moves every range of a command parsed from `inner_src` (the unquoted `sh -c` string)
/// into the outer source.
fn map_command(c: &mut Command, map: &OffsetMap, inner_src: &str, outer_src: &str) {
    let words = c
        .name
        .iter_mut()
        .chain(c.args.iter_mut())
        .chain(c.env.iter_mut())
        .chain(c.wrappers.iter_mut())
        .chain(c.redirects.iter_mut().filter_map(|r| r.target.as_mut()));
    for w in words {
        if w.inner.is_none() {
            let inner_raw = inner_src.get(w.range.clone()).unwrap_or("");
            let mapped = map.map_range(w.range.clone());
            if outer_src.get(mapped.clone()) != Some(inner_raw) {
                w.inner = Some(inner_raw.into());
            }
            w.range = mapped;
        } else {
            w.range = map.map_range(w.range.clone());
        }
    }
    c.range = map.map_range(c.range.clone());
    if let Some(s) = &mut c.sudo {
        *s = map.map_range(s.clone());
    }
    for r in &mut c.redirects {
        r.range = map.map_range(r.range.clone());
        r.op = map.map_range(r.op.clone());
        if let Some(b) = &mut r.heredoc_body {
            *b = map.map_range(b.clone());
        }
    }
}
