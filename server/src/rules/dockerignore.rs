//! `.dockerignore` patterns with the semantics of moby's `patternmatcher` and
//! `ignorefile` packages, which BuildKit uses to decide what leaves the build context.
//!
//! Reading: a BOM is dropped; lines that start with `#` are comments; other lines
//! are trimmed, blank ones skipped; `!` marks an exclusion (a re-inclusion); each
//! pattern is cleaned like a path and loses a leading `/`.
//!
//! Matching: `*` is any run of characters but `/`, `?` one character but `/`, `**`
//! any number of directories, `[…]` a character class, `\` escapes the next character.
//! A pattern that matches a parent directory of a path matches the path too.
//! Patterns are translated to a small regular expression as patternmatcher does, and
//! matched by a backtracking matcher here (no regex crate).

/// A parsed `.dockerignore`.
#[derive(Clone, Debug)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
    exclusions: bool,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// The cleaned pattern, without `!`.
    text: String,
    exclusion: bool,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Exact,
    /// `foo/**`: a prefix (the pattern without the trailing `**`).
    Prefix,
    /// `**/foo`: a suffix (the pattern without the leading `**`).
    Suffix,
    Regex(Vec<Node>),
    /// The translated expression is not valid: matching it is an error.
    Bad,
}

/// Why a path could not be matched (BuildKit then skips the check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadPattern;

impl DockerIgnore {
    /// Reads a `.dockerignore`. `None` when BuildKit would reject it (a lone `!`, or a
    /// pattern that is not a valid glob), since the build then fails before any check.
    pub fn parse(text: &str) -> Option<DockerIgnore> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        let mut exclusions = false;
        for raw in text.lines() {
            if raw.starts_with('#') {
                continue;
            }
            let mut p = raw.trim();
            if p.is_empty() {
                continue;
            }
            let exclusion = p.starts_with('!');
            if exclusion {
                p = p[1..].trim();
            }
            let mut cleaned = if p.is_empty() { String::new() } else { clean(p) };
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            if exclusion {
                if cleaned.is_empty() {
                    return None;
                }
                exclusions = true;
            }
            // patternmatcher.New cleans again (a no-op for cleaned text).
            if !valid_glob(&cleaned) {
                return None;
            }
            let kind = compile(&cleaned);
            patterns.push(Pattern { text: cleaned, exclusion, kind });
        }
        Some(DockerIgnore { patterns, exclusions })
    }

    /// Whether any pattern is an exclusion (`!`); BuildKit's CopyIgnoredFile check is
    /// skipped then, as re-included files cannot be judged statically.
    pub fn has_exclusions(&self) -> bool {
        self.exclusions
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether the patterns exclude everything at the root of the context (`*`, `**`
    /// or `**/*`), which is the only way `.` or `/` counts as ignored.
    pub fn root_ignored(&self) -> bool {
        self.patterns.iter().any(|p| !p.exclusion && matches!(p.text.as_str(), "*" | "**" | "**/*"))
    }

    /// patternmatcher's `MatchesOrParentMatches` for a slash-separated path.
    pub fn matches_or_parent_matches(&self, file: &str) -> Result<bool, BadPattern> {
        let parent = dir(file);
        let parent_dirs: Vec<&str> = parent.split('/').collect();
        let mut matched = false;
        for p in &self.patterns {
            if p.exclusion != matched {
                continue;
            }
            let mut hit = p.matches(file)?;
            if !hit && parent != "." {
                let mut end = 0;
                for (i, d) in parent_dirs.iter().enumerate() {
                    end += d.len() + usize::from(i > 0);
                    if p.matches(&parent[..end]).unwrap_or(false) {
                        hit = true;
                        break;
                    }
                }
            }
            if hit {
                matched = !p.exclusion;
            }
        }
        Ok(matched)
    }
}

impl Pattern {
    fn matches(&self, path: &str) -> Result<bool, BadPattern> {
        Ok(match &self.kind {
            Kind::Exact => path == self.text,
            Kind::Prefix => path.starts_with(self.text.strip_suffix("**").unwrap_or(&self.text)),
            Kind::Suffix => {
                let suffix = self.text.strip_prefix("**").unwrap_or(&self.text);
                path.ends_with(suffix) || (suffix.starts_with('/') && path == &suffix[1..])
            }
            Kind::Regex(nodes) => {
                let chars: Vec<char> = path.chars().collect();
                match_at(nodes, &chars, 0)
            }
            Kind::Bad => return Err(BadPattern),
        })
    }
}

/// Go's `path.Clean`.
pub fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's `path.Dir`.
fn dir(p: &str) -> String {
    match p.rfind('/') {
        Some(i) => clean(&p[..=i]),
        None => ".".to_string(),
    }
}

/// Whether Go's `filepath.Match` accepts the pattern (it is checked against `.`, which
/// validates the whole pattern).
fn valid_glob(p: &str) -> bool {
    let c: Vec<char> = p.chars().collect();
    let mut i = 0;
    // getEsc: one class character, possibly escaped; something must follow it.
    let get_esc = |i: &mut usize| -> bool {
        match c.get(*i) {
            None | Some('-') | Some(']') => return false,
            Some('\\') => {
                *i += 1;
                if *i >= c.len() {
                    return false;
                }
            }
            _ => {}
        }
        *i += 1;
        *i < c.len()
    };
    while i < c.len() {
        match c[i] {
            '\\' => {
                i += 1;
                if i >= c.len() {
                    return false;
                }
                i += 1;
            }
            '[' => {
                i += 1;
                if c.get(i) == Some(&'^') {
                    i += 1;
                }
                let mut nrange = 0;
                loop {
                    if c.get(i) == Some(&']') && nrange > 0 {
                        i += 1;
                        break;
                    }
                    if !get_esc(&mut i) {
                        return false;
                    }
                    if c.get(i) == Some(&'-') {
                        i += 1;
                        if !get_esc(&mut i) {
                            return false;
                        }
                    }
                    nrange += 1;
                }
            }
            _ => i += 1,
        }
    }
    true
}

/// The expression patternmatcher builds, as a list of nodes.
#[derive(Clone, Debug)]
enum Node {
    Char(char),
    /// Any character (`.`).
    Any,
    Class(Class),
    /// `^`: matches only at the start.
    Start,
    /// `x*`.
    Star(Box<Node>),
    /// `(.*/)?`.
    OptDirs,
}

#[derive(Clone, Debug)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

#[derive(Clone, Debug)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl ClassItem {
    fn contains(&self, c: char) -> bool {
        match *self {
            ClassItem::Range(a, b) => a <= c && c <= b,
            ClassItem::Digit(neg) => c.is_ascii_digit() != neg,
            ClassItem::Word(neg) => (c.is_ascii_alphanumeric() || c == '_') != neg,
            ClassItem::Space(neg) => matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{b}') != neg,
        }
    }
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.items.iter().any(|i| i.contains(c)) != self.negated
    }
}

/// Translates a cleaned pattern as patternmatcher's `compile` does.
fn compile(pattern: &str) -> Kind {
    #[derive(PartialEq)]
    enum T {
        Exact,
        Prefix,
        Suffix,
        Regex,
    }
    let mut re = String::from("^");
    let mut t = T::Exact;
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut first = true;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        if ch == '*' {
            if chars.get(i) == Some(&'*') {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                if i >= chars.len() {
                    if t == T::Exact {
                        t = T::Prefix;
                    } else {
                        re.push_str(".*");
                        t = T::Regex;
                    }
                } else {
                    re.push_str("(.*/)?");
                    t = T::Regex;
                }
                if first {
                    t = T::Suffix;
                }
            } else {
                re.push_str("[^/]*");
                t = T::Regex;
            }
        } else if ch == '?' {
            re.push_str("[^/]");
            t = T::Regex;
        } else if ".+()|{}$".contains(ch) {
            re.push('\\');
            re.push(ch);
        } else if ch == '\\' {
            match chars.get(i) {
                Some(&n) => {
                    re.push('\\');
                    re.push(n);
                    i += 1;
                    t = T::Regex;
                }
                None => re.push('\\'),
            }
        } else if ch == '[' || ch == ']' {
            re.push(ch);
            t = T::Regex;
        } else {
            re.push(ch);
        }
        first = false;
    }
    match t {
        T::Exact => Kind::Exact,
        T::Prefix => Kind::Prefix,
        T::Suffix => Kind::Suffix,
        T::Regex => {
            re.push('$');
            parse_regex(&re).map_or(Kind::Bad, Kind::Regex)
        }
    }
}

/// Parses the subset of RE2 syntax that [`compile`] produces (anchors at both ends
/// are implied by the caller).
fn parse_regex(re: &str) -> Option<Vec<Node>> {
    let c: Vec<char> = re.chars().collect();
    // Strip the `^…$` that compile adds.
    let body = &c[1..c.len() - 1];
    let mut out: Vec<Node> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let node = match body[i] {
            '(' => {
                // Only `(.*/)?` is produced with a group.
                let group: String = body.get(i..i + 6)?.iter().collect();
                if group != "(.*/)?" {
                    return None;
                }
                i += 6;
                out.push(Node::OptDirs);
                continue;
            }
            '[' => {
                let (class, next) = parse_class(body, i + 1)?;
                i = next;
                Node::Class(class)
            }
            '\\' => {
                let n = *body.get(i + 1)?;
                i += 2;
                escape_node(n)?
            }
            '.' => {
                i += 1;
                Node::Any
            }
            '^' => {
                i += 1;
                Node::Start
            }
            '*' | '+' | '?' => return None,
            ch => {
                i += 1;
                Node::Char(ch)
            }
        };
        if body.get(i) == Some(&'*') {
            i += 1;
            out.push(Node::Star(Box::new(node)));
        } else {
            out.push(node);
        }
    }
    Some(out)
}

fn escape_node(n: char) -> Option<Node> {
    let class = |item| Node::Class(Class { negated: false, items: vec![item] });
    Some(match n {
        'd' => class(ClassItem::Digit(false)),
        'D' => class(ClassItem::Digit(true)),
        'w' => class(ClassItem::Word(false)),
        'W' => class(ClassItem::Word(true)),
        's' => class(ClassItem::Space(false)),
        'S' => class(ClassItem::Space(true)),
        'n' => Node::Char('\n'),
        't' => Node::Char('\t'),
        c if c.is_ascii_punctuation() => Node::Char(c),
        _ => return None,
    })
}

/// A class after its `[`; returns the class and the index after its `]`.
fn parse_class(c: &[char], mut i: usize) -> Option<(Class, usize)> {
    let mut class = Class { negated: false, items: Vec::new() };
    if c.get(i) == Some(&'^') {
        class.negated = true;
        i += 1;
    }
    let mut first = true;
    loop {
        let ch = *c.get(i)?;
        if ch == ']' && !first {
            return Some((class, i + 1));
        }
        first = false;
        if ch == '[' && c.get(i + 1) == Some(&':') {
            let end = (i + 2..c.len().saturating_sub(1)).find(|&j| c[j] == ':' && c[j + 1] == ']')?;
            let name: String = c[i + 2..end].iter().collect();
            class.items.extend(posix_class(&name)?);
            i = end + 2;
            continue;
        }
        let lo = if ch == '\\' {
            let n = *c.get(i + 1)?;
            i += 2;
            match escape_node(n)? {
                Node::Char(x) => x,
                Node::Class(k) => {
                    class.items.extend(k.items);
                    continue;
                }
                _ => return None,
            }
        } else {
            i += 1;
            ch
        };
        if c.get(i) == Some(&'-') && c.get(i + 1).is_some_and(|&n| n != ']') {
            let hi_ch = *c.get(i + 1)?;
            let hi = if hi_ch == '\\' {
                let n = *c.get(i + 2)?;
                i += 3;
                n
            } else {
                i += 2;
                hi_ch
            };
            if hi < lo {
                return None;
            }
            class.items.push(ClassItem::Range(lo, hi));
        } else {
            class.items.push(ClassItem::Range(lo, lo));
        }
    }
}

fn posix_class(name: &str) -> Option<Vec<ClassItem>> {
    use ClassItem::Range as R;
    Some(match name {
        "alpha" => vec![R('a', 'z'), R('A', 'Z')],
        "digit" => vec![R('0', '9')],
        "alnum" => vec![R('a', 'z'), R('A', 'Z'), R('0', '9')],
        "upper" => vec![R('A', 'Z')],
        "lower" => vec![R('a', 'z')],
        "space" => vec![ClassItem::Space(false)],
        "xdigit" => vec![R('0', '9'), R('a', 'f'), R('A', 'F')],
        "word" => vec![ClassItem::Word(false)],
        "punct" => vec![R('!', '/'), R(':', '@'), R('[', '`'), R('{', '~')],
        _ => return None,
    })
}

/// Backtracking match of `nodes` against the whole of `s[pos..]`.
fn match_at(nodes: &[Node], s: &[char], pos: usize) -> bool {
    let Some((node, rest)) = nodes.split_first() else {
        return pos == s.len();
    };
    match node {
        Node::Start => pos == 0 && match_at(rest, s, pos),
        Node::OptDirs => {
            if match_at(rest, s, pos) {
                return true;
            }
            // `.*/`: any text up to and including a later `/`.
            (pos..s.len()).any(|j| s[j] == '/' && match_at(rest, s, j + 1))
        }
        Node::Star(inner) => {
            let mut end = pos;
            while end < s.len() && single(inner, s[end]) {
                end += 1;
            }
            (pos..=end).rev().any(|j| match_at(rest, s, j))
        }
        single_node => pos < s.len() && single(single_node, s[pos]) && match_at(rest, s, pos + 1),
    }
}

fn single(node: &Node, c: char) -> bool {
    match node {
        Node::Char(x) => *x == c,
        Node::Any => c != '\n',
        Node::Class(k) => k.contains(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignored(ignore: &str, path: &str) -> bool {
        let d = DockerIgnore::parse(ignore).unwrap_or_else(|| panic!("invalid: {ignore}"));
        d.matches_or_parent_matches(path).unwrap_or(false)
    }

    #[test]
    fn reading_follows_ignorefile() {
        let d = DockerIgnore::parse("\u{feff}# comment\n  node_modules  \n\n/dist/\n!keep\n").unwrap_or_else(|| {
            panic!("should parse");
        });
        let texts: Vec<&str> = d.patterns.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["node_modules", "dist", "keep"]);
        assert!(d.has_exclusions());
        // A `#` after leading blanks is not a comment.
        assert!(ignored("  #x", "#x"));
        assert!(DockerIgnore::parse("!\n").is_none(), "a lone ! is an error");
        assert!(DockerIgnore::parse("a[\n").is_none(), "unterminated class");
        assert!(DockerIgnore::parse("a\\\n").is_none(), "trailing escape");
    }

    #[test]
    fn exact_and_parent_directories() {
        assert!(ignored("node_modules", "node_modules"));
        assert!(ignored("node_modules", "node_modules/left-pad/index.js"));
        assert!(!ignored("node_modules", "src/node_modules"));
        assert!(ignored("/secret.txt", "secret.txt"));
        assert!(ignored("./build/", "build/out.o"));
        assert!(!ignored("build", "builder"));
    }

    #[test]
    fn stars_and_questions() {
        assert!(ignored("*.log", "debug.log"));
        assert!(!ignored("*.log", "logs/debug.log"), "* does not cross directories");
        assert!(ignored("*/tmp/*", "app/tmp/x"));
        assert!(!ignored("*/tmp/*", "tmp/x"));
        assert!(ignored("file?.txt", "file1.txt"));
        assert!(!ignored("file?.txt", "file10.txt"));
        assert!(ignored("a.b", "a.b"));
        assert!(!ignored("a.b*", "axb"), "dots are literal");
    }

    #[test]
    fn double_stars() {
        assert!(ignored("**/*.go", "main.go"));
        assert!(ignored("**/*.go", "cmd/tool/main.go"));
        assert!(ignored("**/foo", "foo"));
        assert!(ignored("**/foo", "a/b/foo"));
        assert!(ignored("**foo", "barfoo"), "suffix match as patternmatcher does");
        assert!(ignored("docs/**", "docs/a/b.md"));
        assert!(ignored("a/**/b", "a/b"));
        assert!(ignored("a/**/b", "a/x/y/b"));
        assert!(!ignored("a/**/b", "ab"));
        assert!(ignored("**", "anything/at/all"));
    }

    #[test]
    fn classes_and_escapes() {
        assert!(ignored("[abc].txt", "b.txt"));
        assert!(!ignored("[abc].txt", "d.txt"));
        assert!(ignored("[a-c]x", "bx"));
        assert!(ignored("[^a]x", "bx"));
        assert!(!ignored("[^a]x", "ax"));
        assert!(ignored("\\*.txt", "*.txt"));
        assert!(!ignored("\\*.txt", "a.txt"));
    }

    #[test]
    fn root_patterns() {
        let d = DockerIgnore::parse("*\n").unwrap_or_else(|| panic!("parse"));
        assert!(d.root_ignored());
        let d = DockerIgnore::parse("*.md\n").unwrap_or_else(|| panic!("parse"));
        assert!(!d.root_ignored());
    }

    #[test]
    fn path_clean() {
        assert_eq!(clean("./a//b/../c/"), "a/c");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("../x"), "../x");
        assert_eq!(dir("a/b/c"), "a/b");
        assert_eq!(dir("c"), ".");
    }
}
