//! Lines → nodes: the directive header, comments, continuation lines, the logical line
//! of each instruction, its words and flags, and heredoc bodies (BuildKit's
//! `parser.Parse` and line parsers, without stopping at the first error).

use std::borrow::Cow;
use std::sync::Arc;

use smallvec::SmallVec;

use super::exec::parse_json_array;
use super::words::{
    self, extract_flags, heredoc_scan_words, is_split_space, parse_words, split_whitespace, trim_range,
};
use super::{
    Comment, Directive, DirectiveKind, ErrorKind, ExecElement, ExecForm, FileError, Flag, Header, Heredoc, Instruction,
    Keyword, MAX_LINE_LEN, Node, Piece, Span, SyntaxError, SyntaxTree, Word,
};

/// One physical line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub start: usize,
    /// End of the content: before `\n` and any `\r` right before it.
    pub end: usize,
    /// Start of the next line.
    pub next: usize,
}

pub(crate) fn line_at(text: &str, pos: usize) -> Line {
    let b = text.as_bytes();
    let nl = b.get(pos..).and_then(|t| memchr::memchr(b'\n', t)).map(|i| pos + i);
    let (mut end, next) = match nl {
        Some(i) => (i, i + 1),
        None => (text.len(), text.len()),
    };
    while end > pos && (b[end - 1] == b'\r' || b[end - 1] == b'\n') {
        end -= 1;
    }
    Line { start: pos, end, next }
}

/// First byte after leading Unicode whitespace in `text[start..end]`.
fn skip_ws(text: &str, start: usize, end: usize) -> usize {
    words::trim_start_at(text, start, end)
}

/// BuildKit's continuation regex: the escape character is the last non-blank
/// (space/tab) character, and it is either the first character or not preceded by
/// another escape. Returns where the content ends once the escape is removed.
fn continuation_end(text: &str, start: usize, end: usize, escape: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut e = end;
    while e > start && (b[e - 1] == b' ' || b[e - 1] == b'\t') {
        e -= 1;
    }
    if e == start || b[e - 1] != escape {
        return None;
    }
    let esc_at = e - 1;
    if esc_at == start || b[esc_at - 1] != escape { Some(esc_at) } else { None }
}

fn line_too_long(line: &Line, base: usize) -> Option<SyntaxError> {
    (line.end - line.start > MAX_LINE_LEN).then(|| {
        SyntaxError::new(
            ErrorKind::LineTooLong,
            Span::from_usize(line.start - base, line.end - base),
            format!("dockerfile line greater than max allowed size of {MAX_LINE_LEN}"),
        )
    })
}

/// Reads the escape character from the directive header only.
pub(crate) fn scan_header(text: &str) -> (Header, Vec<FileError>) {
    let mut header = Header::default();
    let mut errors = Vec::new();
    let mut pos = 0;
    if text.starts_with('\u{feff}') {
        header.bom = true;
        pos = 3;
    }
    let mut escape_set = false;
    while pos < text.len() {
        let line = line_at(text, pos);
        let Some(d) = directive_on_line(text, line) else {
            break;
        };
        if header.directives.iter().any(|x| x.kind == d.kind) {
            errors.push(FileError {
                range: d.range.clone(),
                kind: ErrorKind::DuplicateDirective,
                message: format!("only one {} parser directive can be used", d.kind.name()),
            });
        } else {
            let value = &text[d.value.clone()];
            match d.kind {
                DirectiveKind::Escape if !escape_set => {
                    if value == "\\" || value == "`" {
                        header.escape = value.as_bytes()[0];
                        escape_set = true;
                    } else {
                        errors.push(FileError {
                            range: d.value.clone(),
                            kind: ErrorKind::InvalidEscapeDirective,
                            message: format!("invalid escape token '{value}' does not match ` or \\"),
                        });
                    }
                }
                DirectiveKind::Check => {
                    if let Err(msg) = super::views::parse_check_options(value) {
                        errors.push(FileError {
                            range: d.value.clone(),
                            kind: ErrorKind::InvalidCheckDirective,
                            message: format!("failed to parse check options: {msg}"),
                        });
                    }
                }
                _ => {}
            }
            header.directives.push(d);
        }
        pos = line.next;
    }
    header.end = pos.min(text.len());
    (header, errors)
}

/// `# key = value` with a known key.
fn directive_on_line(text: &str, line: Line) -> Option<Directive> {
    let start = skip_ws(text, line.start, line.end);
    let b = text.as_bytes();
    if start >= line.end || b[start] != b'#' {
        return None;
    }
    let key_start = skip_ws(text, start + 1, line.end);
    let mut i = key_start;
    if i >= line.end || !b[i].is_ascii_alphabetic() {
        return None;
    }
    while i < line.end && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let key_end = i;
    i = skip_ws(text, i, line.end);
    if i >= line.end || b[i] != b'=' {
        return None;
    }
    let value_start = skip_ws(text, i + 1, line.end);
    let value_end = value_start + text[value_start..line.end].trim_end().len();
    if value_end <= value_start {
        return None;
    }
    let kind = match text[key_start..key_end].to_ascii_lowercase().as_str() {
        "syntax" => DirectiveKind::Syntax,
        "escape" => DirectiveKind::Escape,
        "check" => DirectiveKind::Check,
        _ => return None,
    };
    Some(Directive { kind, range: start..line.end, key: key_start..key_end, value: value_start..value_end })
}

pub(crate) fn parse_full(text: &str) -> SyntaxTree {
    let chunks = text.len() / MIN_CHUNK;
    // Small files never start the pool.
    let chunks = if chunks < 2 { 1 } else { chunks.min(rayon::current_num_threads()).min(MAX_CHUNKS) };
    parse_in_chunks(text, chunks)
}

/// Below this many bytes per chunk a file is parsed on one thread (a 64 KiB chunk
/// takes about half a millisecond; handing work to the pool costs tens of
/// microseconds).
const MIN_CHUNK: usize = 64 * 1024;
const MAX_CHUNKS: usize = 8;

/// The nodes parsed from a guessed boundary up to the next chunk's start.
struct Chunk {
    nodes: Vec<Node>,
    /// Where parsing stopped: the end of the last node, at or after the next chunk's
    /// start (or the start of the trailing trivia).
    end: usize,
    trailing: Option<Trailing>,
}

/// Parses nodes from `start` while they start before `stop`, into a list with room
/// for the nodes of `room` bytes.
fn parse_chunk(text: &str, start: usize, stop: usize, escape: u8, room: usize) -> Chunk {
    // Sized for a node every 48 bytes (typical files have one every 40 to 80), so a
    // big file's list is not copied over and over as it grows.
    let mut nodes = Vec::with_capacity(room / 48);
    let mut pos = start;
    while pos < stop {
        match parse_node(text, pos, escape) {
            NodeOrTrailing::Node(node) => {
                pos = node.end();
                nodes.push(node);
            }
            NodeOrTrailing::Trailing(t) => return Chunk { nodes, end: pos, trailing: Some(t) },
        }
    }
    Chunk { nodes, end: pos, trailing: None }
}

/// Parses the file in up to `chunks` pieces on rayon's pool (whose threads stay, so
/// their allocator caches are warm), with the same result as one thread.
///
/// A node depends only on the text from its first byte on (`parse_node` is a function
/// of the position), so each chunk after the first starts parsing at a line start
/// near its share of the file as if a node began there. That guess can be wrong (the
/// line may be inside a continued instruction, a comment block or a heredoc body),
/// so the chunks are joined in order from the first, whose start is known: when the
/// exact parse reaches a position where chunk `k` has a node, every node of chunk `k`
/// from there on is what the exact parse would produce, and is taken over. Until it
/// does, the exact parse goes on by itself over the chunk's region.
fn parse_in_chunks(text: &str, chunks: usize) -> SyntaxTree {
    let (header, header_errors) = scan_header(text);
    let escape = header.escape;
    let from = header.end;
    // Chunk starts: line starts near equal shares of the text after the header, the
    // first share a little larger: this thread starts on it at once, while a pool
    // thread takes tens of microseconds to wake up for the next.
    let mut starts = vec![from];
    let share = (text.len() - from) / chunks.max(1);
    let head_start = if chunks > 1 { share / 32 } else { 0 };
    for k in 1..chunks {
        let guess = from + k * share + head_start;
        let Some(nl) = memchr::memchr(b'\n', &text.as_bytes()[guess..]) else { break };
        let s = guess + nl + 1;
        if s < text.len() && s > *starts.last().unwrap_or(&from) {
            starts.push(s);
        }
    }
    let stop = |k: usize| starts.get(k + 1).copied().unwrap_or(usize::MAX);
    let mut rest: Vec<Option<Chunk>> = (1..starts.len()).map(|_| None).collect();
    let first = if rest.is_empty() {
        parse_chunk(text, from, usize::MAX, escape, text.len() - from)
    } else {
        // This thread parses the first chunk (into a list with room for the whole file,
        // which the others' nodes join) while the pool parses the rest.
        rayon::in_place_scope(|s| {
            for (slot, k) in rest.iter_mut().zip(1..) {
                let (start, stop) = (starts[k], stop(k));
                let room = stop.min(text.len()).saturating_sub(start);
                s.spawn(move |_| *slot = Some(parse_chunk(text, start, stop, escape, room)));
            }
            parse_chunk(text, from, stop(0), escape, text.len() - from)
        })
    };

    let Chunk { mut nodes, end: mut pos, mut trailing } = first;
    for (k, chunk) in rest.into_iter().enumerate().map(|(i, c)| (i + 1, c)) {
        // (A chunk the scope did not fill is parsed below as if its guess never met.)
        let chunk = chunk.unwrap_or(Chunk { nodes: Vec::new(), end: usize::MAX, trailing: None });
        let chunk_stop = stop(k);
        while trailing.is_none() && pos < chunk_stop {
            if let Ok(i) = chunk.nodes.binary_search_by_key(&pos, |n| n.offset) {
                let Chunk { nodes: rest, end, trailing: t } = chunk;
                nodes.extend(rest.into_iter().skip(i));
                pos = end;
                trailing = t;
                break;
            }
            if pos == chunk.end && chunk.trailing.is_some() {
                trailing = chunk.trailing;
                break;
            }
            match parse_node(text, pos, escape) {
                NodeOrTrailing::Node(node) => {
                    pos = node.end();
                    nodes.push(node);
                }
                NodeOrTrailing::Trailing(t) => trailing = Some(t),
            }
        }
    }
    // The last chunk runs to the end of the text, so the loop above always ends with
    // its trailing trivia; should that ever change, the rest is parsed here.
    let trailing = trailing.unwrap_or_else(|| {
        let rest = parse_chunk(text, pos, usize::MAX, escape, 0);
        nodes.extend(rest.nodes);
        rest.trailing.unwrap_or_default()
    });
    SyntaxTree {
        header,
        nodes,
        trailing_comments: trailing.comments,
        header_errors,
        trailing_errors: trailing.errors,
        len: text.len(),
    }
}

/// Comment lines (and their errors) after the last instruction.
#[derive(Default)]
pub(crate) struct Trailing {
    pub comments: Vec<std::ops::Range<usize>>,
    pub errors: Vec<FileError>,
}

pub(crate) enum NodeOrTrailing {
    Node(Node),
    Trailing(Trailing),
}

/// Parses the node whose region starts at `start` (leading trivia, the instruction and
/// its heredocs), or the trailing trivia when no instruction follows.
pub(crate) fn parse_node(text: &str, start: usize, escape: u8) -> NodeOrTrailing {
    let b = text.as_bytes();
    let mut comments: SmallVec<[Comment; 1]> = SmallVec::new();
    let mut blank_lines = 0u32;
    let mut errors = Vec::new();
    let mut pos = start;
    // Leading trivia.
    let first = loop {
        if pos >= text.len() {
            let trailing = Trailing {
                comments: comments.iter().map(|c| c.span.abs(start)).collect(),
                errors: errors
                    .into_iter()
                    .map(|e: SyntaxError| FileError { range: e.span.abs(start), kind: e.kind, message: e.message })
                    .collect(),
            };
            return NodeOrTrailing::Trailing(trailing);
        }
        let line = line_at(text, pos);
        errors.extend(line_too_long(&line, start));
        let content = skip_ws(text, line.start, line.end);
        if content == line.end {
            blank_lines += 1;
            pos = line.next;
            continue;
        }
        if b[content] == b'#' {
            let attached = !text[content + 1..line.end].trim().is_empty();
            if !attached {
                comments.iter_mut().for_each(|c| c.attached = false);
            }
            comments.push(Comment { span: Span::from_usize(content - start, line.end - start), attached });
            pos = line.next;
            continue;
        }
        break (line, content);
    };

    // The instruction's physical lines.
    let (line, content) = first;
    // Gathered on the stack, then stored with the exact size (growing the
    // instruction's one-inline-piece list line by line reallocates it each time).
    let mut pieces: SmallVec<[Piece; 16]> = SmallVec::new();
    let mut inner_comments = Vec::new();
    let mut empty_continuations = Vec::new();
    let cont = continuation_end(text, content, line.end, escape);
    pieces.push(Piece { logical: 0, source: Span::from_usize(content - start, cont.unwrap_or(line.end) - start) });
    let mut logical_len = cont.unwrap_or(line.end) - content;
    let mut last_end = line.end;
    pos = line.next;
    let mut continued = cont.is_some();
    while continued && pos < text.len() {
        let line = line_at(text, pos);
        errors.extend(line_too_long(&line, start));
        pos = line.next;
        let c = skip_ws(text, line.start, line.end);
        if c < line.end && b[c] == b'#' {
            inner_comments.push(Span::from_usize(c - start, line.end - start));
            continue;
        }
        if c == line.end {
            empty_continuations.push(Span::from_usize(line.start - start, line.end - start));
            continue;
        }
        let cont = continuation_end(text, line.start, line.end, escape);
        let piece_end = cont.unwrap_or(line.end);
        pieces.push(Piece {
            logical: u32::try_from(logical_len).unwrap_or(u32::MAX),
            source: Span::from_usize(line.start - start, piece_end - start),
        });
        logical_len += piece_end - line.start;
        last_end = line.end;
        continued = cont.is_some();
    }

    let logical = Logical::new(text, start, &pieces);
    // Built where it will live (see `parse_logical`).
    let mut node = Arc::new(empty_instruction(escape));
    let inst = Arc::get_mut(&mut node).unwrap_or_else(|| unreachable!("a new Arc has one owner"));
    parse_logical(&logical, 0, logical.text.len(), escape, 0, inst);
    inst.span = Span::from_usize(content - start, last_end - start);
    if inst.keyword.is_empty() {
        // A lone escape character continued into nothing: point at the line itself.
        for e in inst.errors.iter_mut().filter(|e| e.span.is_empty()) {
            e.span = inst.span;
        }
    }

    // Heredoc bodies follow the instruction's last line.
    let heredoc_owner = match inst.kind {
        Keyword::Onbuild => inst.trigger.as_deref_mut(),
        _ => Some(&mut *inst),
    };
    if let Some(owner) = heredoc_owner {
        for h in owner.heredocs.iter_mut() {
            let body_start = pos;
            loop {
                if pos >= text.len() {
                    h.body = Span::from_usize(body_start - start, text.len() - start);
                    owner.errors.push(SyntaxError::new(ErrorKind::UnterminatedHeredoc, h.word, "unterminated heredoc"));
                    break;
                }
                let line = line_at(text, pos);
                errors.extend(line_too_long(&line, start));
                let mut cand = &text[line.start..line.end];
                if h.strip_tabs {
                    cand = cand.trim_start_matches('\t');
                }
                if cand == h.name {
                    h.body = Span::from_usize(body_start - start, line.start - start);
                    h.terminator = Some(Span::from_usize(line.start - start, line.end - start));
                    pos = line.next;
                    break;
                }
                pos = line.next;
            }
        }
    }

    inst.errors.extend(errors);
    inst.comments = comments;
    inst.blank_lines = blank_lines;
    if let Some(t) = inst.trigger.as_deref_mut() {
        // The trigger's spans live in the same logical line.
        t.pieces = SmallVec::from_slice(&pieces);
    }
    inst.pieces = SmallVec::from_slice(&pieces);
    inst.inner_comments = inner_comments;
    inst.empty_continuations = empty_continuations;
    inst.len = u32::try_from(pos - start).unwrap_or(u32::MAX);
    inst.errors.sort_by_key(|e| (e.span.start, e.span.end));
    let kind = inst.kind;
    NodeOrTrailing::Node(Node { offset: start, kind, inst: node })
}

/// The logical line of an instruction and the map back to the source.
pub(crate) struct Logical<'a> {
    pub text: Cow<'a, str>,
    pieces: &'a [Piece],
}

impl<'a> Logical<'a> {
    fn new(src: &'a str, base: usize, pieces: &'a [Piece]) -> Logical<'a> {
        let get = |p: &Piece| src.get(p.source.abs(base)).unwrap_or("");
        let text = if pieces.len() == 1 {
            Cow::Borrowed(get(&pieces[0]))
        } else {
            let len = pieces.iter().map(|p| p.source.len() as usize).sum();
            let mut joined = String::with_capacity(len);
            pieces.iter().for_each(|p| joined.push_str(get(p)));
            Cow::Owned(joined)
        };
        Logical { text, pieces }
    }

    /// Source offset (node-relative) of a logical offset, as the start of a range.
    fn start(&self, l: usize) -> u32 {
        let l32 = u32::try_from(l).unwrap_or(u32::MAX);
        if self.pieces.len() == 1 {
            return self.pieces[0].source.start + l32;
        }
        let i = self.pieces.partition_point(|p| p.logical <= l32).saturating_sub(1);
        let p = self.pieces[i];
        p.source.start + (l32 - p.logical)
    }

    /// Source offset of a logical offset, as the end of a range.
    fn end(&self, l: usize) -> u32 {
        let l32 = u32::try_from(l).unwrap_or(u32::MAX);
        if self.pieces.len() == 1 {
            return self.pieces[0].source.start + l32;
        }
        let i = self.pieces.partition_point(|p| p.logical < l32).saturating_sub(1);
        let p = self.pieces[i];
        p.source.start + (l32 - p.logical)
    }

    /// The node-relative source span of a logical range.
    #[inline]
    pub fn span(&self, start: usize, end: usize) -> Span {
        if let [p] = self.pieces {
            // One line: the logical text is the source from the piece's start on.
            let at = |l: usize| p.source.start.saturating_add(u32::try_from(l).unwrap_or(u32::MAX));
            let a = at(start);
            return Span::new(a, at(end).max(a));
        }
        self.span_across(start, end)
    }

    #[inline(never)]
    fn span_across(&self, start: usize, end: usize) -> Span {
        // Most ranges asked for (the keyword, the flags, the first words) lie in the
        // first line.
        if let [first, second, ..] = self.pieces {
            if end < second.logical as usize {
                let a = first.source.start + start as u32;
                return Span::new(a, (first.source.start + end as u32).max(a));
            }
        }
        let a = self.start(start);
        Span::new(a, self.end(end).max(a))
    }
}

fn empty_instruction(escape: u8) -> Instruction {
    Instruction {
        len: 0,
        comments: SmallVec::new(),
        blank_lines: 0,
        span: Span::default(),
        keyword: Span::default(),
        kind: Keyword::Unknown,
        flags: SmallVec::new(),
        args: Span::default(),
        words: SmallVec::new(),
        shell: None,
        exec: None,
        heredocs: Vec::new(),
        trigger: None,
        pieces: SmallVec::new(),
        inner_comments: Vec::new(),
        empty_continuations: Vec::new(),
        errors: Vec::new(),
        escape,
        views: Default::default(),
    }
}

/// Parses `logical.text[from..to]` as one instruction (recursively for ONBUILD) into
/// `inst`, an [`empty_instruction`] (filled in place: an instruction is a few hundred
/// bytes, and returning one by value copies it on each level).
fn parse_logical(lg: &Logical<'_>, from: usize, to: usize, escape: u8, depth: u32, inst: &mut Instruction) {
    let s: &str = &lg.text;
    let (a, z) = trim_range(s, from, to);
    let bytes = s.as_bytes();
    let mut k = a;
    while k < z && !is_split_space(bytes[k]) {
        k += 1;
    }
    inst.keyword = lg.span(a, k);
    inst.span = lg.span(a, z);
    let kw_text = &s[a..k];
    inst.kind = Keyword::parse(kw_text);
    let mut r = k;
    while r < z && is_split_space(bytes[r]) {
        r += 1;
    }
    let args_from = if r < z {
        let flags = &mut inst.flags;
        extract_flags(s, r, z, escape, |f| {
            flags.push(Flag {
                span: lg.span(f.start, f.end),
                name: lg.span(f.start + 2, f.eq.unwrap_or(f.end)),
                value: f.eq.map(|e| lg.span(e + 1, f.end)),
            });
        })
    } else {
        z
    };
    let (as_, az) = trim_range(s, args_from, z);
    inst.args = lg.span(as_, az);
    let word = |x: usize, y: usize| Word { span: lg.span(x, y) };

    match inst.kind {
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
            maybe_json(lg, inst, as_, az);
        }
        Keyword::Add | Keyword::Copy | Keyword::Volume => {
            if !maybe_json(lg, inst, as_, az) {
                inst.shell = None;
                split_whitespace(s, as_, az, |x, y| inst.words.push(word(x, y)));
            }
        }
        Keyword::Env | Keyword::Label | Keyword::Arg => {
            parse_words(s, as_, az, escape, |x, y| inst.words.push(word(x, y)));
        }
        Keyword::Expose | Keyword::From => {
            split_whitespace(s, as_, az, |x, y| inst.words.push(word(x, y)));
        }
        Keyword::Healthcheck => {
            let mut sep = as_;
            while sep < az && !(bytes[sep] as char).is_ascii_whitespace() {
                sep += 1;
            }
            if sep > as_ {
                inst.words = smallvec::smallvec![Word { span: lg.span(as_, sep) }];
                let mut next = sep;
                while next < az && (bytes[next] as char).is_ascii_whitespace() {
                    next += 1;
                }
                maybe_json(lg, inst, next, az);
            }
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if az > as_ {
                inst.words = smallvec::smallvec![Word { span: lg.span(as_, az) }];
            }
        }
        Keyword::Onbuild => {
            if az > as_ && depth < 4 {
                let mut trigger = Box::new(empty_instruction(escape));
                parse_logical(lg, as_, az, escape, depth + 1, &mut trigger);
                inst.trigger = Some(trigger);
            }
        }
        Keyword::Unknown => {
            split_whitespace(s, as_, az, |x, y| inst.words.push(word(x, y)));
        }
    }

    // Heredocs: RUN/COPY/ADD in shell form whose line contains `<<`.
    if inst.kind.takes_heredocs() && inst.exec.is_none() && has_double_lt(&s.as_bytes()[a..z]) {
        find_heredocs(lg, inst, a, z, escape);
    }

    super::validate::validate(lg, s, kw_text, inst, depth);
}

/// Whether `<<` occurs in `b`.
fn has_double_lt(b: &[u8]) -> bool {
    memchr::memchr_iter(b'<', b).any(|i| b.get(i + 1) == Some(&b'<'))
}

/// Tries exec form on `s[start..end]`; falls back to shell form. Returns whether the
/// arguments were JSON.
fn maybe_json(lg: &Logical<'_>, inst: &mut Instruction, start: usize, end: usize) -> bool {
    if start >= end {
        return false;
    }
    let s: &str = &lg.text;
    if s.as_bytes()[start] == b'[' {
        if let Some(elems) = parse_json_array(s, start, end) {
            let elements = elems
                .into_iter()
                .map(|e| ExecElement { span: lg.span(e.start, e.end), value: e.value })
                .collect::<Vec<_>>();
            let form = ExecForm { span: lg.span(start, end), elements };
            if !form.all_strings() {
                inst.errors.push(SyntaxError::new(
                    ErrorKind::ExecFormNotStrings,
                    form.span,
                    "when using JSON array syntax, arrays must be comprised of strings only",
                ));
            }
            inst.exec = Some(form);
            return true;
        }
    }
    inst.shell = Some(lg.span(start, end));
    false
}

/// BuildKit's `heredocsFromLine` + `ParseHeredoc` over the whole logical line.
fn find_heredocs(lg: &Logical<'_>, inst: &mut Instruction, a: usize, z: usize, escape: u8) {
    let s: &str = &lg.text;
    let Some(words) = heredoc_scan_words(s, a, z, escape) else {
        return;
    };
    for (ws, we) in words {
        let w = &s[ws..we];
        // ^(\d*)<<(-?)\s*([^<]*)$
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        let Some(after) = w[digits..].strip_prefix("<<") else {
            continue;
        };
        let (strip_tabs, after) = match after.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let rest = after.trim_start();
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let rest_at = we - rest.len();
        let cooked = words::unquote(rest, b'\\');
        // "a quick sanity check that rest is a single word"
        if rest_has_several_words(rest) {
            continue;
        }
        let raw_quotes = rest.bytes().filter(|&c| c == b'"' || c == b'\'').count();
        let cooked_quotes = cooked.bytes().filter(|&c| c == b'"' || c == b'\'').count();
        inst.heredocs.push(Heredoc {
            word: lg.span(ws, we),
            delimiter: lg.span(rest_at, we),
            name: cooked.into_owned(),
            fd: w[..digits].parse().unwrap_or(0),
            strip_tabs,
            quoted: raw_quotes != cooked_quotes,
            body: Span::default(),
            terminator: None,
        });
    }
}

/// Whether an unquoted blank separates words in a heredoc delimiter.
fn rest_has_several_words(rest: &str) -> bool {
    let mut quote = 0u8;
    let mut prev_escape = false;
    for c in rest.bytes() {
        if prev_escape {
            prev_escape = false;
            continue;
        }
        match c {
            b'\\' if quote != b'\'' => prev_escape = true,
            b'"' | b'\'' if quote == 0 => quote = c,
            q if q == quote => quote = 0,
            b' ' | b'\t' if quote == 0 => return true,
            _ => {}
        }
    }
    false
}

impl Logical<'_> {
    /// Logical offset of a node-relative source offset.
    #[inline]
    pub(crate) fn to_logical(&self, src: u32) -> usize {
        if let [p] = self.pieces {
            return (src.saturating_sub(p.source.start).min(p.source.len())) as usize;
        }
        let i = self.pieces.partition_point(|p| p.source.start <= src).saturating_sub(1);
        let p = self.pieces[i];
        let within = src.saturating_sub(p.source.start).min(p.source.len());
        (p.logical + within) as usize
    }

    /// The logical text of a source span.
    #[inline]
    pub(crate) fn slice(&self, span: Span) -> &str {
        let a = self.to_logical(span.start);
        let z = self.to_logical(span.end).max(a);
        self.text.get(a..z).unwrap_or("")
    }

    /// Logical range of a source span.
    #[inline]
    pub(crate) fn range_of(&self, span: Span) -> (usize, usize) {
        let a = self.to_logical(span.start);
        (a, self.to_logical(span.end).max(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn in_chunks_equals_one_thread(text: &str, chunks: usize) {
        let one = parse_in_chunks(text, 1);
        let many = parse_in_chunks(text, chunks);
        assert_eq!(many, one, "{chunks} chunks");
    }

    #[test]
    fn chunk_guesses_inside_heredocs_continuations_and_comments_are_corrected() {
        // Each chunk start falls inside a heredoc body full of lines that look like
        // instructions, inside one long continued RUN, or inside a comment block.
        let heredoc = format!("FROM a\nRUN <<EOF\n{}EOF\nRUN after\n", "FROM inside:heredoc\n".repeat(500));
        let continued = format!("FROM a\nRUN x \\\n{}  y\nCMD z\n", "  && step \\\n# note \\\n\n".repeat(500));
        let comments = format!("FROM a\n{}RUN x\n", "# a comment line\n".repeat(1000));
        for text in [&heredoc, &continued, &comments] {
            for chunks in 2..=8 {
                in_chunks_equals_one_thread(text, chunks);
            }
        }
        let tree = parse_in_chunks(&heredoc, 4);
        assert_eq!(tree.nodes.len(), 3, "the heredoc's lines are its body, not instructions");
        assert_eq!(parse_in_chunks(&continued, 4).nodes.len(), 3);
        let tree = parse_in_chunks(&comments, 4);
        assert_eq!(tree.nodes[1].inst.comments.len(), 1000, "the comment block stays above its RUN");
    }

    #[test]
    fn unterminated_heredoc_and_trailing_comments_across_chunks() {
        let open = format!("FROM a\nRUN <<EOF\n{}", "RUN no\n".repeat(800));
        let trailing = format!("FROM a\nRUN x\n{}", "# end\n".repeat(800));
        for text in [&open, &trailing] {
            for chunks in 2..=8 {
                in_chunks_equals_one_thread(text, chunks);
            }
        }
        assert_eq!(parse_in_chunks(&trailing, 3).trailing_comments.len(), 800);
        assert_eq!(parse_in_chunks(&open, 3).nodes.len(), 2);
    }

    #[test]
    fn big_files_take_the_threaded_path_with_the_same_tree() {
        let text = "FROM a AS b\nRUN x \\\n  && y\nCOPY <<E /f\nbody\nE\n".repeat(20_000);
        assert!(text.len() / MIN_CHUNK >= 2);
        assert_eq!(super::super::parse(&text), parse_in_chunks(&text, 1));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn any_split_gives_the_one_thread_tree(
            doc in prop::collection::vec(prop::sample::select(crate::syntax::incremental::tests::SNIPPETS), 0..40),
            chunks in 2usize..9,
        ) {
            let text = doc.concat();
            prop_assert_eq!(parse_in_chunks(&text, chunks), parse_in_chunks(&text, 1), "text: {:?}", text);
        }
    }

    #[test]
    fn continuation_follows_buildkit_regex() {
        let t = "RUN a \\  ";
        assert_eq!(continuation_end(t, 0, t.len(), b'\\'), Some(6));
        let t = "RUN a \\\\";
        assert_eq!(continuation_end(t, 0, t.len(), b'\\'), None, "escaped escape is not a continuation");
        let t = "\\";
        assert_eq!(continuation_end(t, 0, 1, b'\\'), Some(0));
        let t = "RUN a `";
        assert_eq!(continuation_end(t, 0, t.len(), b'`'), Some(6));
        assert_eq!(continuation_end(t, 0, t.len(), b'\\'), None);
    }

    #[test]
    fn lines_strip_crlf_only_at_end() {
        let t = "a\r\nb\rc\n";
        let l = line_at(t, 0);
        assert_eq!((l.start, l.end, l.next), (0, 1, 3));
        let l = line_at(t, 3);
        assert_eq!(&t[l.start..l.end], "b\rc");
    }
}
