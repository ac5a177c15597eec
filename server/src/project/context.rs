//! The build context: which files and folders the builder receives.
//!
//! A context is listed once (bounded in entries and time) and kept briefly in a
//! [`ContextCache`], so that typing does not list the folder again and again. Folders
//! that `.dockerignore` excludes are skipped when no `!` exception could re-include
//! something inside them; `.git` is never listed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::IgnoreRules;
use crate::rules::ContextHit;

/// How much listing a context may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_entries: usize,
    pub max_time: Duration,
}

impl Limits {
    /// For an editor: small enough never to be noticed.
    pub const EDITOR: Limits = Limits { max_entries: 100_000, max_time: Duration::from_millis(400) };
    /// For the command line, which may take longer.
    pub const CLI: Limits = Limits { max_entries: 1_000_000, max_time: Duration::from_secs(10) };
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    /// Relative to the root, `/`-separated.
    path: String,
    is_dir: bool,
    ignored: bool,
    /// An excluded folder whose contents were not listed.
    pruned: bool,
}

/// A listed build context.
#[derive(Clone, Debug)]
pub struct BuildContext {
    root: PathBuf,
    /// Sorted by path.
    entries: Vec<Entry>,
}

impl BuildContext {
    /// Lists `root`; `None` when it is not a readable folder or is too big to list
    /// within `limits`.
    pub fn scan(root: &Path, ignore: Option<&IgnoreRules>, limits: Limits) -> Option<BuildContext> {
        let started = Instant::now();
        let mut entries = Vec::new();
        let mut stack: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
        let mut first = true;
        while let Some((dir, rel)) = stack.pop() {
            let reader = match std::fs::read_dir(&dir) {
                Ok(r) => r,
                Err(e) if first => {
                    tracing::debug!("build context {} cannot be listed: {e}", root.display());
                    return None;
                }
                Err(_) => continue,
            };
            first = false;
            for item in reader.flatten() {
                let Some(name) = item.file_name().to_str().map(str::to_string) else { continue };
                let path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
                let is_dir = item.file_type().is_ok_and(|t| t.is_dir());
                let ignored = ignore.is_some_and(|i| i.is_ignored(&path, is_dir));
                let pruned = is_dir && (name == ".git" || (ignored && ignore.is_some_and(IgnoreRules::can_prune)));
                if is_dir && !pruned {
                    stack.push((item.path(), path.clone()));
                }
                entries.push(Entry { path, is_dir, ignored, pruned });
                if entries.len() > limits.max_entries || started.elapsed() > limits.max_time {
                    tracing::info!(
                        "build context {} is too big to check ({} entries in {:?})",
                        root.display(),
                        entries.len(),
                        started.elapsed()
                    );
                    return None;
                }
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Some(BuildContext { root: root.to_path_buf(), entries })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What a source path (relative, cleaned, may contain `*`, `?`, `[…]`, `**`)
    /// matches. `None` when it cannot be told (a pattern inside a folder that was
    /// not listed).
    pub fn lookup(&self, pattern: &str) -> Option<ContextHit> {
        if !has_glob(pattern) {
            return self.lookup_exact(pattern);
        }
        let mut ignored_hit = false;
        for (i, e) in self.entries.iter().enumerate() {
            if !glob_match(pattern, &e.path) {
                continue;
            }
            if self.reaches_builder(i) {
                return Some(ContextHit::Found);
            }
            ignored_hit = true;
        }
        if ignored_hit {
            return Some(ContextHit::OnlyIgnored);
        }
        // Something inside a folder that was not listed might match.
        let pat: Vec<&str> = pattern.split('/').collect();
        for e in self.entries.iter().filter(|e| e.pruned) {
            let dir: Vec<&str> = e.path.split('/').collect();
            if could_match_below(&pat, &dir) {
                return if e.ignored { Some(ContextHit::OnlyIgnored) } else { None };
            }
        }
        Some(ContextHit::Missing)
    }

    fn lookup_exact(&self, path: &str) -> Option<ContextHit> {
        if let Ok(i) = self.entries.binary_search_by(|e| e.path.as_str().cmp(path)) {
            return Some(if self.reaches_builder(i) { ContextHit::Found } else { ContextHit::OnlyIgnored });
        }
        // Inside a folder that was not listed: the file system knows.
        if let Some(e) = self.entries.iter().find(|e| e.pruned && is_within(&e.path, path)) {
            if e.path == ".git" || !e.ignored {
                return None;
            }
            return Some(if self.root.join(path).exists() { ContextHit::OnlyIgnored } else { ContextHit::Missing });
        }
        Some(ContextHit::Missing)
    }

    /// Whether entry `i` (or, for a folder, something inside it) reaches the builder.
    fn reaches_builder(&self, i: usize) -> bool {
        let e = &self.entries[i];
        if !e.ignored {
            return true;
        }
        if !e.is_dir || e.pruned {
            return false;
        }
        self.entries[i + 1..].iter().take_while(|d| is_within(&e.path, &d.path)).any(|d| !d.ignored)
    }

    /// The entries directly inside folder `dir` (`""` for the root) that reach the
    /// builder: `(name, is_dir)`, sorted by name.
    pub fn children(&self, dir: &str) -> Vec<(String, bool)> {
        let start = if dir.is_empty() { 0 } else { self.entries.partition_point(|e| e.path.as_str() <= dir) };
        let mut out = Vec::new();
        for (i, e) in self.entries.iter().enumerate().skip(start) {
            let name = if dir.is_empty() {
                e.path.as_str()
            } else {
                match e.path.strip_prefix(dir).and_then(|r| r.strip_prefix('/')) {
                    Some(rest) => rest,
                    None => break,
                }
            };
            if !name.contains('/') && self.reaches_builder(i) {
                out.push((name.to_string(), e.is_dir));
            }
        }
        out
    }
}

/// Whether `path` is `dir` or inside it.
fn is_within(dir: &str, path: &str) -> bool {
    path.strip_prefix(dir).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether a pattern could match something inside folder `dir` (both as segments).
fn could_match_below(pat: &[&str], dir: &[&str]) -> bool {
    match (pat.split_first(), dir.split_first()) {
        (Some((&"**", _)), _) => true,
        (Some(_), None) => true,
        (None, _) => false,
        (Some((p, prest)), Some((d, drest))) => glob_match(p, d) && could_match_below(prest, drest),
    }
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Go `filepath.Match` per segment (`*`, `?`, `[…]` with `^` negation and ranges,
/// `\` escapes), plus `**` as a whole segment matching any number of segments.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    match_segments(&pat, &segs)
}

fn match_segments(pat: &[&str], segs: &[&str]) -> bool {
    match pat.split_first() {
        None => segs.is_empty(),
        Some((&"**", rest)) => (0..=segs.len()).any(|i| match_segments(rest, &segs[i..])),
        Some((p, rest)) => segs.split_first().is_some_and(|(s, srest)| {
            let (p, s): (Vec<char>, Vec<char>) = (p.chars().collect(), s.chars().collect());
            match_segment(&p, &s) && match_segments(rest, srest)
        }),
    }
}

fn match_segment(p: &[char], s: &[char]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some(('*', rest)) => (0..=s.len()).any(|i| match_segment(rest, &s[i..])),
        Some(('?', rest)) => s.split_first().is_some_and(|(_, srest)| match_segment(rest, srest)),
        Some(('[', body)) => s.split_first().is_some_and(
            |(&c, srest)| matches!(match_class(body, c), Some((true, rest)) if match_segment(rest, srest)),
        ),
        Some(_) => match take_char(p) {
            Some((x, rest)) => s.split_first().is_some_and(|(c, srest)| *c == x && match_segment(rest, srest)),
            None => false,
        },
    }
}

/// Matches `c` against a class body (after `[`): whether it matched and the pattern
/// after the closing `]`; `None` for an unclosed class.
fn match_class(body: &[char], c: char) -> Option<(bool, &[char])> {
    let (negate, mut b) = match body.first() {
        Some('^') => (true, &body[1..]),
        _ => (false, body),
    };
    let mut hit = false;
    let mut first = true;
    loop {
        if b.first() == Some(&']') && !first {
            return Some((hit != negate, &b[1..]));
        }
        first = false;
        let (lo, rest) = take_char(b)?;
        b = rest;
        let mut hi = lo;
        if b.first() == Some(&'-') && b.get(1).is_some_and(|&n| n != ']') {
            let (h, rest) = take_char(&b[1..])?;
            hi = h;
            b = rest;
        }
        hit |= lo <= c && c <= hi;
    }
}

/// One pattern character, `\` escapes resolved.
fn take_char(p: &[char]) -> Option<(char, &[char])> {
    match p {
        ['\\', x, rest @ ..] => Some((*x, rest)),
        [x, rest @ ..] => Some((*x, rest)),
        [] => None,
    }
}

/// One listing: what was found (`None`: too big or unreadable) and when.
struct Slot {
    listed_at: Option<Instant>,
    ctx: Option<Arc<BuildContext>>,
    /// A background listing is running.
    listing: bool,
}

impl Slot {
    fn fresh(&self) -> bool {
        let keep = if self.ctx.is_some() { FRESH_FOR } else { UNKNOWN_FOR };
        self.listed_at.is_some_and(|at| at.elapsed() < keep)
    }
}

/// Listings by root and `.dockerignore` text.
type Listings = HashMap<(PathBuf, String), Slot>;

/// Told the root of a listing that finished after its caller stopped waiting.
pub type OnListed = Arc<dyn Fn(PathBuf) + Send + Sync>;

/// Listed contexts, kept for a short time. An editor waits for a listing only
/// briefly ([`ContextCache::get_within`]); a slower one finishes in the background
/// and is announced through [`ContextCache::on_listed`].
#[derive(Default)]
pub struct ContextCache {
    entries: Arc<Mutex<Listings>>,
    on_listed: Arc<Mutex<Option<OnListed>>>,
}

/// How long a listing is reused.
const FRESH_FOR: Duration = Duration::from_secs(3);
/// How long a context that could not be listed stays unknown before the next try.
const UNKNOWN_FOR: Duration = Duration::from_secs(60);
/// Listings kept at most.
const KEEP: usize = 16;

/// Hands a background listing's result to the caller still waiting for it, or tells
/// the caller gave up (then the result is announced instead).
#[derive(Default)]
struct Handoff {
    result: Option<Option<Arc<BuildContext>>>,
    gave_up: bool,
}

impl ContextCache {
    /// Calls `f` with the root of every listing that finished after its caller had
    /// stopped waiting.
    pub fn on_listed(&self, f: OnListed) {
        *self.on_listed.lock().unwrap_or_else(PoisonError::into_inner) = Some(f);
    }

    /// The context at `root` with `dockerignore` applied, listed now (waiting as long
    /// as it takes) or recently.
    pub fn get(&self, root: &Path, dockerignore: Option<&str>, limits: Limits) -> Option<Arc<BuildContext>> {
        let key = (root.to_path_buf(), dockerignore.unwrap_or_default().to_string());
        if let Some(slot) = self.lock().get(&key).filter(|s| s.fresh()) {
            return slot.ctx.clone();
        }
        let rules = dockerignore.map(IgnoreRules::parse);
        let ctx = BuildContext::scan(root, rules.as_ref(), limits).map(Arc::new);
        store(&self.entries, key, ctx.clone());
        ctx
    }

    /// Like [`Self::get`], but waits at most `wait` for a listing: after that it
    /// answers with the previous listing (or `None`) and the listing goes on in the
    /// background.
    pub fn get_within(
        &self,
        root: &Path,
        dockerignore: Option<&str>,
        limits: Limits,
        wait: Duration,
    ) -> Option<Arc<BuildContext>> {
        let key = (root.to_path_buf(), dockerignore.unwrap_or_default().to_string());
        let previous = {
            let mut map = self.lock();
            if let Some(slot) = map.get(&key) {
                if slot.fresh() || slot.listing {
                    return slot.ctx.clone();
                }
            } else if map.len() >= KEEP {
                let oldest = map.iter().min_by_key(|(_, s)| s.listed_at).map(|(k, _)| k.clone());
                if let Some(k) = oldest {
                    map.remove(&k);
                }
            }
            let slot = map.entry(key.clone()).or_insert(Slot { listed_at: None, ctx: None, listing: false });
            slot.listing = true;
            slot.ctx.clone()
        };
        let handoff = Arc::new((Mutex::new(Handoff::default()), Condvar::new()));
        let (entries, on_listed, theirs) = (self.entries.clone(), self.on_listed.clone(), handoff.clone());
        let (root, ignore_text) = (key.0.clone(), dockerignore.map(str::to_string));
        let started = std::thread::Builder::new().name("build-context".into()).spawn(move || {
            let rules = ignore_text.as_deref().map(IgnoreRules::parse);
            let ctx = BuildContext::scan(&root, rules.as_ref(), limits).map(Arc::new);
            store(&entries, key, ctx.clone());
            let (lock, ready) = &*theirs;
            let mut h = lock.lock().unwrap_or_else(PoisonError::into_inner);
            if h.gave_up {
                drop(h);
                let f = on_listed.lock().unwrap_or_else(PoisonError::into_inner).clone();
                if let Some(f) = f {
                    f(root);
                }
            } else {
                h.result = Some(ctx);
                ready.notify_one();
            }
        });
        if let Err(e) = started {
            tracing::warn!("cannot start listing the build context: {e}");
            return previous;
        }
        let (lock, ready) = &*handoff;
        let h = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut h, _) =
            ready.wait_timeout_while(h, wait, |h| h.result.is_none()).unwrap_or_else(PoisonError::into_inner);
        match h.result.take() {
            Some(ctx) => ctx,
            None => {
                h.gave_up = true;
                previous
            }
        }
    }

    /// Forgets every listing (files changed).
    pub fn clear(&self) {
        self.lock().retain(|_, s| s.listing);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Listings> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Keeps a finished listing.
fn store(entries: &Mutex<Listings>, key: (PathBuf, String), ctx: Option<Arc<BuildContext>>) {
    let mut map = entries.lock().unwrap_or_else(PoisonError::into_inner);
    if map.len() >= KEEP && !map.contains_key(&key) {
        let oldest = map.iter().min_by_key(|(_, s)| s.listed_at).map(|(k, _)| k.clone());
        if let Some(k) = oldest {
            map.remove(&k);
        }
    }
    map.insert(key, Slot { listed_at: Some(Instant::now()), ctx, listing: false });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for f in files {
            let p = tmp.path().join(f);
            if f.ends_with('/') {
                std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("{e}"));
                continue;
            }
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(&p, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        tmp
    }

    fn scan(tmp: &tempfile::TempDir, ignore: &str) -> BuildContext {
        let rules = IgnoreRules::parse(ignore);
        BuildContext::scan(tmp.path(), Some(&rules), Limits::EDITOR).unwrap_or_else(|| panic!("listable"))
    }

    #[test]
    fn lookups_tell_found_missing_and_ignored() {
        let tmp =
            tree(&["app.py", "src/main.py", "src/lib/util.py", "node_modules/a/index.js", "secret.env", "empty/"]);
        let ctx = scan(&tmp, "node_modules\n*.env\n");
        use ContextHit::*;
        assert_eq!(ctx.lookup("app.py"), Some(Found));
        assert_eq!(ctx.lookup("src"), Some(Found));
        assert_eq!(ctx.lookup("src/lib/util.py"), Some(Found));
        assert_eq!(ctx.lookup("empty"), Some(Found));
        assert_eq!(ctx.lookup("requirements.txt"), Some(Missing));
        assert_eq!(ctx.lookup("secret.env"), Some(OnlyIgnored));
        assert_eq!(ctx.lookup("node_modules"), Some(OnlyIgnored));
        assert_eq!(ctx.lookup("node_modules/a/index.js"), Some(OnlyIgnored), "inside a pruned folder: asked the disk");
        assert_eq!(ctx.lookup("node_modules/b.js"), Some(Missing));
        assert_eq!(ctx.lookup("src/*.py"), Some(Found));
        assert_eq!(ctx.lookup("*.go"), Some(Missing));
        assert_eq!(ctx.lookup("*.env"), Some(OnlyIgnored));
        assert_eq!(ctx.lookup("node_modules/*/index.js"), Some(OnlyIgnored), "could be inside the pruned folder");
        assert_eq!(ctx.lookup("lib/*.js"), Some(Missing));
        assert_eq!(ctx.lookup("src/**/*.py"), Some(Found));
        assert_eq!(ctx.lookup("s[a-q]c"), Some(Missing));
        assert_eq!(ctx.lookup("[rs]rc/main.p?"), Some(Found));
    }

    #[test]
    fn a_folder_with_a_re_included_file_reaches_the_builder() {
        let tmp = tree(&["docs/guide.txt", "docs/README.md"]);
        let ctx = scan(&tmp, "docs\n!docs/README.md\n");
        assert_eq!(ctx.lookup("docs"), Some(ContextHit::Found));
        assert_eq!(ctx.lookup("docs/guide.txt"), Some(ContextHit::OnlyIgnored));
        assert_eq!(ctx.children("docs"), [("README.md".to_string(), false)]);
    }

    #[test]
    fn children_list_one_level_without_ignored_entries() {
        let tmp = tree(&["a.txt", "src/x.rs", "src/y/z.rs", "src2/q", "tmp.log"]);
        let ctx = scan(&tmp, "*.log\n");
        assert_eq!(ctx.children(""), [("a.txt".into(), false), ("src".into(), true), ("src2".into(), true)]);
        assert_eq!(ctx.children("src"), [("x.rs".into(), false), ("y".into(), true)]);
    }

    #[test]
    fn a_context_over_the_limits_is_unknown() {
        let tmp = tree(&["a", "b", "c", "d/e"]);
        let limits = Limits { max_entries: 2, max_time: Duration::from_secs(5) };
        assert!(BuildContext::scan(tmp.path(), None, limits).is_none());
        assert!(BuildContext::scan(&tmp.path().join("nope"), None, Limits::EDITOR).is_none());
    }

    #[test]
    fn glob_matching_follows_go() {
        assert!(glob_match("*.py", "a.py") && !glob_match("*.py", "d/a.py"));
        assert!(glob_match("a?c", "abc") && !glob_match("a?c", "a/c"));
        assert!(glob_match("[!a]", "!") && glob_match("[^a]x", "bx") && !glob_match("[^a]x", "ax"));
        assert!(glob_match("**/x", "x") && glob_match("**/x", "a/b/x") && glob_match("a/**", "a/b/c"));
        assert!(glob_match(r"\*", "*") && !glob_match(r"\*", "a"));
        assert!(!glob_match("[", "["), "an unclosed class matches nothing");
    }

    #[test]
    fn a_slow_listing_finishes_in_the_background_and_is_announced() {
        // Enough files that listing them takes a while, so the background path is the
        // one nearly always taken; the assertions hold for either outcome.
        let mut files: Vec<String> = (0..400).map(|i| format!("d/f{i}")).collect();
        files.extend(["a".to_string(), "d/b".to_string()]);
        let tmp = tree(&files.iter().map(String::as_str).collect::<Vec<_>>());
        let cache = ContextCache::default();
        let (tx, rx) = std::sync::mpsc::channel();
        let tx = Mutex::new(tx);
        cache.on_listed(Arc::new(move |root| {
            let _ = tx.lock().map(|t| t.send(root));
        }));
        // Not waiting at all: the answer if the listing already finished (and then no
        // announcement), else nothing now and an announcement when it is done. Never
        // both, never neither.
        match cache.get_within(tmp.path(), None, Limits::EDITOR, Duration::ZERO) {
            None => {
                let announced = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(announced, tmp.path());
            }
            Some(ctx) => {
                assert_eq!(ctx.lookup("d/b"), Some(ContextHit::Found));
                assert!(rx.recv_timeout(Duration::from_millis(200)).is_err(), "answered and announced");
            }
        }
        let now = cache.get_within(tmp.path(), None, Limits::EDITOR, Duration::ZERO);
        assert_eq!(now.and_then(|c| c.lookup("d/b")), Some(ContextHit::Found), "then the listing is there");
        // Waiting long enough: the answer comes directly, and nothing is announced.
        cache.clear();
        let direct = cache.get_within(tmp.path(), None, Limits::EDITOR, Duration::from_secs(5));
        assert_eq!(direct.and_then(|c| c.lookup("a")), Some(ContextHit::Found));
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }

    #[test]
    fn the_cache_reuses_a_recent_listing() {
        let tmp = tree(&["a"]);
        let cache = ContextCache::default();
        let first = cache.get(tmp.path(), None, Limits::EDITOR);
        std::fs::write(tmp.path().join("b"), "x").unwrap_or_else(|e| panic!("{e}"));
        let second = cache.get(tmp.path(), None, Limits::EDITOR);
        assert!(first.is_some() && second.as_ref().is_some_and(|c| c.lookup("b") == Some(ContextHit::Missing)));
        cache.clear();
        let third = cache.get(tmp.path(), None, Limits::EDITOR);
        assert_eq!(third.and_then(|c| c.lookup("b")), Some(ContextHit::Found));
    }
}
