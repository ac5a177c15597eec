//! Platform specifiers (`os[/arch[/variant]]`) read and normalised the way
//! containerd's `platforms.Parse` does, for the FROM --platform checks.

/// A parsed, normalised platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub variant: String,
}

const KNOWN_OS: [&str; 18] = [
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

const KNOWN_ARCH: [&str; 25] = [
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "ppc64",
    "ppc64le",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
    "arm64ec",
];

fn normalize_os(os: &str) -> String {
    let os = os.to_ascii_lowercase();
    if os == "macos" { "darwin".to_string() } else { os }
}

fn normalize_arch(arch: &str, variant: &str) -> (String, String) {
    let arch = arch.to_ascii_lowercase();
    let variant = variant.to_ascii_lowercase();
    let (a, v) = match arch.as_str() {
        "i386" => ("386", String::new()),
        "x86_64" | "x86-64" | "amd64" => ("amd64", if variant == "v1" { String::new() } else { variant }),
        "aarch64" | "arm64" => {
            ("arm64", if matches!(variant.as_str(), "8" | "v8" | "v8.0") { String::new() } else { variant })
        }
        "armhf" => ("arm", "v7".to_string()),
        "armel" => ("arm", "v6".to_string()),
        "arm" => (
            "arm",
            match variant.as_str() {
                "" | "7" => "v7".to_string(),
                "5" | "6" | "8" => format!("v{variant}"),
                _ => variant,
            },
        ),
        _ => return (arch, variant),
    };
    (a.to_string(), v)
}

/// Parses a platform specifier; `None` where containerd reports an error. A lone
/// architecture gets the OS `linux`, a lone OS the architecture `amd64` (the host's,
/// as a typical builder sees it).
pub fn parse(spec: &str) -> Option<Platform> {
    if spec.contains('*') {
        return None;
    }
    // `windows(10.0.17763)/amd64`: an OS version in parentheses.
    let spec_owned;
    let spec = match (spec.find('('), spec.find(')')) {
        (Some(a), Some(b)) if a < b => {
            spec_owned = format!("{}{}", &spec[..a], &spec[b + 1..]);
            spec_owned.as_str()
        }
        _ => spec,
    };
    let parts: Vec<&str> = spec.split('/').collect();
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'));
    if !parts.iter().all(|p| ok(p)) {
        return None;
    }
    match parts.as_slice() {
        [one] => {
            let os = normalize_os(one);
            if KNOWN_OS.contains(&os.as_str()) {
                return Some(Platform { os, arch: "amd64".into(), variant: String::new() });
            }
            let (arch, variant) = normalize_arch(one, "");
            KNOWN_ARCH.contains(&arch.as_str()).then(|| Platform { os: "linux".into(), arch, variant })
        }
        [os, arch] => {
            let (arch, variant) = normalize_arch(arch, "");
            Some(Platform { os: normalize_os(os), arch, variant })
        }
        [os, arch, variant] => {
            let (arch, variant) = normalize_arch(arch, variant);
            Some(Platform { os: normalize_os(os), arch, variant })
        }
        _ => None,
    }
}

/// The platform of a bashbrew architecture name (`arm64v8`, `windows-amd64`).
pub fn from_bashbrew(arch: &str) -> Option<(&'static str, &'static str)> {
    Some(match arch {
        "amd64" => ("linux", "amd64"),
        "arm32v5" | "arm32v6" | "arm32v7" => ("linux", "arm"),
        "arm64v8" => ("linux", "arm64"),
        "i386" => ("linux", "386"),
        "mips64le" => ("linux", "mips64le"),
        "ppc64le" => ("linux", "ppc64le"),
        "riscv64" => ("linux", "riscv64"),
        "s390x" => ("linux", "s390x"),
        "loong64" => ("linux", "loong64"),
        "windows-amd64" => ("windows", "amd64"),
        "windows-arm64v8" => ("windows", "arm64"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_containerd() {
        let p = parse("linux/x86_64");
        assert_eq!(p.map(|p| p.arch), Some("amd64".to_string()));
        assert_eq!(parse("linux/aarch64").map(|p| p.arch), Some("arm64".to_string()));
        assert_eq!(parse("linux/arm").map(|p| p.variant), Some("v7".to_string()));
        assert_eq!(parse("arm64").map(|p| p.os), Some("linux".to_string()));
        assert_eq!(parse("windows").map(|p| p.arch), Some("amd64".to_string()));
        assert_eq!(parse("Linux/AMD64").map(|p| (p.os, p.arch)), Some(("linux".into(), "amd64".into())));
        assert_eq!(parse("nonsense"), None);
        assert_eq!(parse("linux/*"), None);
        assert_eq!(parse("a/b/c/d"), None);
        assert_eq!(parse("linux//amd64"), None);
    }
}
