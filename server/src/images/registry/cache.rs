//! Caches: a small in-memory LRU and one JSON file per image on disk.

use std::collections::HashMap;
use std::hash::Hash;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{ImageName, LiveTag, TagList};

/// Least-recently-used map with a fixed capacity. Eviction scans for the oldest entry;
/// with a few hundred images that is cheaper than keeping a linked list in step.
pub(crate) struct Lru<K, V> {
    map: HashMap<K, (V, u64)>,
    clock: u64,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> Lru<K, V> {
    pub fn new(capacity: usize) -> Self {
        Lru { map: HashMap::new(), clock: 0, capacity: capacity.max(1) }
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.clock += 1;
        let clock = self.clock;
        self.map.get_mut(key).map(|(value, used)| {
            *used = clock;
            value
        })
    }

    /// The entry for `key`, created with `make` (evicting the least recently used
    /// entry when full).
    pub fn get_or_insert_with(&mut self, key: &K, make: impl FnOnce() -> V) -> &mut V {
        if !self.map.contains_key(key) && self.map.len() >= self.capacity {
            let oldest = self.map.iter().min_by_key(|(_, (_, used))| *used).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                self.map.remove(&oldest);
            }
        }
        self.clock += 1;
        let clock = self.clock;
        let slot = self.map.entry(key.clone()).or_insert_with(|| (make(), clock));
        slot.1 = clock;
        &mut slot.0
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map.values_mut().map(|(value, _)| value)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }
}

/// Bumped when the file layout changes; other versions are ignored and rewritten.
const FORMAT: u32 = 1;
/// Largest cache file we read back.
const FILE_LIMIT: u64 = 16 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    registry: String,
    repository: String,
    /// Seconds since the Unix epoch.
    fetched_at: u64,
    truncated: bool,
    tags: Vec<LiveTag>,
}

/// Directory holding the per-image files.
pub(crate) fn tags_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("registry-tags")
}

/// `<registry>+<repository>.json` with every byte outside `[a-z0-9.-]` written as
/// `_xx` (hex), so distinct names never share a file and no name escapes the directory.
pub(crate) fn file_name(image: &ImageName) -> String {
    fn escape(out: &mut String, text: &str) {
        for byte in text.bytes() {
            if byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'.' || byte == b'-' {
                out.push(byte as char);
            } else {
                out.push_str(&format!("_{byte:02x}"));
            }
        }
    }
    let mut name = String::new();
    escape(&mut name, &image.registry);
    name.push('+');
    escape(&mut name, &image.repository);
    name.push_str(".json");
    name
}

/// The cached list for `image`, or None when there is none or it is unreadable,
/// corrupt, of another format or about another image (such a file is rewritten by the
/// next successful fetch).
pub(crate) fn load(cache_dir: &Path, image: &ImageName) -> Option<TagList> {
    let path = tags_dir(cache_dir).join(file_name(image));
    let meta = std::fs::metadata(&path).ok()?;
    if meta.len() > FILE_LIMIT {
        tracing::debug!(path = %path.display(), "ignoring oversized cache file");
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let file: CacheFile = match serde_json::from_slice(&bytes) {
        Ok(file) => file,
        Err(err) => {
            tracing::debug!(path = %path.display(), "ignoring corrupt cache file: {err}");
            return None;
        }
    };
    if file.format != FORMAT || file.registry != image.registry || file.repository != image.repository {
        tracing::debug!(path = %path.display(), "ignoring cache file for another image or format");
        return None;
    }
    Some(TagList {
        registry: file.registry,
        repository: file.repository,
        fetched_at: UNIX_EPOCH + Duration::from_secs(file.fetched_at),
        tags: file.tags,
        truncated: file.truncated,
    })
}

/// Writes the list atomically: a temporary file in the same directory, flushed, then
/// renamed over the old one. Readers see the old file or the new one, never half.
pub(crate) fn store(cache_dir: &Path, list: &TagList) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = tags_dir(cache_dir);
    std::fs::create_dir_all(&dir)?;
    let image = ImageName::new(list.registry.clone(), list.repository.clone());
    let target = dir.join(file_name(&image));
    let file = CacheFile {
        format: FORMAT,
        registry: list.registry.clone(),
        repository: list.repository.clone(),
        fetched_at: list.fetched_at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        truncated: list.truncated,
        tags: list.tags.clone(),
    };
    let json = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
    let temp = dir.join(format!(
        ".{}.{}.{}.tmp",
        file_name(&image),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(&json)?;
        out.sync_data()?;
        std::fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Whether a list fetched at `fetched_at` is still fresh at `now`. A time in the
/// future (clock changed) counts as fresh rather than as infinitely old.
pub(crate) fn is_fresh(fetched_at: SystemTime, now: SystemTime, ttl: Duration) -> bool {
    match now.duration_since(fetched_at) {
        Ok(age) => age < ttl,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_evicts_the_least_recently_used() {
        let mut lru = Lru::new(2);
        *lru.get_or_insert_with(&"a", || 0) = 1;
        *lru.get_or_insert_with(&"b", || 0) = 2;
        assert_eq!(lru.get_mut(&"a").copied(), Some(1)); // a is now newer than b
        lru.get_or_insert_with(&"c", || 3);
        assert_eq!(lru.len(), 2);
        assert!(lru.get_mut(&"b").is_none());
        assert_eq!(lru.get_mut(&"a").copied(), Some(1));
        assert_eq!(lru.get_mut(&"c").copied(), Some(3));
    }

    #[test]
    fn file_names_are_distinct_and_stay_in_the_directory() {
        let a = file_name(&ImageName::new("localhost:5000", "a/b_c"));
        let b = file_name(&ImageName::new("localhost:5000", "a_b/c"));
        assert_ne!(a, b);
        for name in [&a, &b] {
            assert!(!name.contains('/') && !name.contains(':'), "{name}");
        }
        assert_eq!(file_name(&ImageName::new("docker.io", "library/python")), "docker.io+library_2fpython.json");
    }

    #[test]
    fn freshness_uses_the_ttl() {
        let now = SystemTime::now();
        let ttl = Duration::from_secs(60);
        assert!(is_fresh(now - Duration::from_secs(59), now, ttl));
        assert!(!is_fresh(now - Duration::from_secs(61), now, ttl));
        assert!(is_fresh(now + Duration::from_secs(5), now, ttl));
    }
}
