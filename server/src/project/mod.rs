//! The files around a Dockerfile that shape its analysis: the build context (the
//! folder sent to the builder, with `.dockerignore` applied), the `.dockerignore` that
//! applies, and the nearest `.hadolint.yaml`.
//!
//! Read by the protocol layer and the CLI only; the layers below receive the results
//! as data. Every read is bounded (entries and time) so an editor never waits long: a
//! context too big to list in time is "unknown", and rules that need it stay silent.

pub mod context;
pub mod dockerignore;

use std::path::{Path, PathBuf};

pub use context::{BuildContext, ContextCache, Limits, OnListed};
pub use dockerignore::IgnoreRules;

/// The `.dockerignore` that applies to a Dockerfile, with its path: `<name>.dockerignore`
/// next to the file (BuildKit's per-Dockerfile ignore file), else `.dockerignore` in
/// its folder.
pub fn find_dockerignore(dockerfile: &Path) -> Option<(PathBuf, String)> {
    let dir = dockerfile.parent()?;
    let name = dockerfile.file_name()?.to_str()?;
    [dir.join(format!("{name}.dockerignore")), dir.join(".dockerignore")]
        .into_iter()
        .find_map(|p| std::fs::read_to_string(&p).ok().map(|text| (p, text)))
}

/// The configuration file names looked for, in order of preference.
pub const HADOLINT_CONFIG_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The nearest `.hadolint.yaml` / `.hadolint.yml` from `dir` upwards. The search ends
/// at `stop_at` (inclusive) when `dir` is inside it; otherwise at the first folder
/// that holds a `.git` (a repository root), or at the file system root.
pub fn find_hadolint_config(dir: &Path, stop_at: Option<&Path>) -> Option<PathBuf> {
    let stop_at = stop_at.filter(|s| dir.starts_with(s));
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for name in HADOLINT_CONFIG_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        let at_end = match stop_at {
            Some(s) => d == s,
            None => d.join(".git").exists(),
        };
        if at_end {
            return None;
        }
        cur = d.parent();
    }
    None
}

/// The build context folder of a Dockerfile: `setting` (relative to the Dockerfile's
/// folder, or absolute) or, without one, the Dockerfile's folder.
pub fn context_root(dockerfile: &Path, setting: Option<&str>) -> Option<PathBuf> {
    let dir = dockerfile.parent()?;
    // `Dockerfile` (no folder) lives in the current one.
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    Some(match setting.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => normalize(&dir.join(s)),
        None => dir.to_path_buf(),
    })
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(p: &Path, text: &str) {
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn the_per_dockerfile_ignore_file_wins() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let df = tmp.path().join("app.Dockerfile");
        assert_eq!(find_dockerignore(&df), None);
        write(&tmp.path().join(".dockerignore"), "*.log\n");
        assert_eq!(find_dockerignore(&df).map(|(_, t)| t), Some("*.log\n".into()));
        write(&tmp.path().join("app.Dockerfile.dockerignore"), "*.tmp\n");
        let (path, text) = find_dockerignore(&df).unwrap_or_default();
        assert_eq!(
            (path.file_name().and_then(|n| n.to_str()), text.as_str()),
            (Some("app.Dockerfile.dockerignore"), "*.tmp\n")
        );
    }

    #[test]
    fn hadolint_config_is_found_upwards_but_not_past_the_workspace_root() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = tmp.path().join("ws");
        let deep = root.join("a/b");
        std::fs::create_dir_all(&deep).unwrap_or_else(|e| panic!("{e}"));
        write(&tmp.path().join(".hadolint.yaml"), "ignored: [DL3007]\n");
        assert_eq!(find_hadolint_config(&deep, Some(&root)), None, "above the workspace root");
        write(&root.join("a/.hadolint.yml"), "ignored: []\n");
        assert_eq!(find_hadolint_config(&deep, Some(&root)), Some(root.join("a/.hadolint.yml")));
        write(&root.join("a/b/.hadolint.yaml"), "ignored: []\n");
        assert_eq!(find_hadolint_config(&deep, Some(&root)), Some(root.join("a/b/.hadolint.yaml")));
        // Outside any workspace: up to the repository root.
        std::fs::create_dir_all(root.join(".git")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_file(root.join("a/b/.hadolint.yaml")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_file(root.join("a/.hadolint.yml")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(find_hadolint_config(&deep, None), None);
    }

    #[test]
    fn context_root_is_relative_to_the_dockerfile() {
        let df = Path::new("/w/app/docker/Dockerfile");
        assert_eq!(context_root(df, None), Some(PathBuf::from("/w/app/docker")));
        assert_eq!(context_root(df, Some("..")), Some(PathBuf::from("/w/app")));
        assert_eq!(context_root(df, Some("/srv/ctx")), Some(PathBuf::from("/srv/ctx")));
        assert_eq!(context_root(df, Some(" ")), Some(PathBuf::from("/w/app/docker")));
        assert_eq!(context_root(Path::new("Dockerfile"), None), Some(PathBuf::from(".")));
    }
}
