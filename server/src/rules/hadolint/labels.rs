//! Label helpers shared by the label rules: the LABEL pairs of a document, the label
//! schema, and the value formats of the schema types.

use crate::rules::{Context, Sink};
use crate::syntax::vars::has_vars;
use crate::syntax::{Keyword, TextRange};

/// One `key=value` of a LABEL instruction.
pub struct LabelPair {
    pub node: usize,
    pub key: String,
    pub key_range: TextRange,
    /// The value with quotes removed.
    pub value: String,
    /// The value as written; `None` when nothing follows the `=`.
    pub value_range: Option<TextRange>,
    /// The key or the value contains a variable reference.
    pub key_vars: bool,
    pub value_vars: bool,
}

impl LabelPair {
    /// Where a finding about the value goes (the key when the value is empty).
    pub fn value_or_key_range(&self) -> TextRange {
        match &self.value_range {
            Some(r) if !r.is_empty() => r.clone(),
            _ => self.key_range.clone(),
        }
    }
}

/// Every LABEL pair of the document (ONBUILD LABEL excluded: it labels other images),
/// read once per check.
pub fn pairs<'c>(cx: &'c Context<'_>) -> &'c [LabelPair] {
    cx.label_pairs.get_or_init(|| collect_pairs(cx))
}

fn collect_pairs(cx: &Context<'_>) -> Vec<LabelPair> {
    let mut out = Vec::new();
    for (node, inst) in cx.instructions_of(&[Keyword::Label]) {
        let esc = inst.inst.escape;
        for kv in inst.key_values() {
            let raw_key = cx.text.get(kv.key_range.clone()).unwrap_or("");
            let value_vars = kv.raw_value.as_deref().is_some_and(|v| has_vars(v, esc));
            out.push(LabelPair {
                node,
                key: kv.key.to_string(),
                key_range: kv.key_range.clone(),
                value: kv.value(esc).unwrap_or_default(),
                value_range: kv.value_range.clone(),
                key_vars: has_vars(raw_key, esc),
                value_vars,
            });
        }
    }
    out
}

/// The schema's type for a label, lower-cased.
pub fn schema_type<'c>(cx: &'c Context<'_>, key: &str) -> Option<&'c str> {
    cx.config.label_schema.get(key).map(String::as_str)
}

/// Reports every label of schema type `ty` whose value (non-empty, without variables)
/// is not `valid`.
pub fn check_typed(cx: &Context<'_>, out: &mut Sink<'_>, ty: &str, valid: fn(&str) -> bool, what: &str) {
    if cx.config.label_schema.is_empty() {
        return;
    }
    for p in pairs(cx) {
        let Some(t) = schema_type(cx, &p.key) else { continue };
        if !t.eq_ignore_ascii_case(ty) || p.value.is_empty() || p.value_vars || valid(&p.value) {
            continue;
        }
        out.report(p.value_or_key_range(), format!("Label `{}` is not {what}: `{}`", p.key, p.value));
    }
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// An RFC 3339 date-time: `2024-05-01T12:30:00Z`, `2024-05-01T12:30:00.5+02:00`
/// (`t`/`z` in lower case and a space instead of `T` are accepted, as RFC 3339 allows).
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_ascii() || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let (date, time) = (&s[..10], &s[11..]);
    let d: Vec<&str> = date.split('-').collect();
    let [y, m, day] = d.as_slice() else { return false };
    if y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let (Ok(year), Some(month), Some(day)) = (y.parse::<u32>(), two_digits(m), two_digits(day)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    // partial-time: HH:MM:SS[.frac]
    let (Some(h), Some(mi), Some(sec)) = (two_digits(&time[..2]), two_digits(&time[3..5]), two_digits(&time[6..8]))
    else {
        return false;
    };
    if &time[2..3] != ":" || &time[5..6] != ":" || h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        "Z" | "z" => true,
        off if off.len() == 6 && (off.starts_with('+') || off.starts_with('-')) && &off[3..4] == ":" => {
            matches!((two_digits(&off[1..3]), two_digits(&off[4..6])), (Some(oh), Some(om)) if oh <= 23 && om <= 59)
        }
        _ => false,
    }
}

/// An absolute URI (RFC 3986): `scheme:` followed by URI characters.
pub fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let sb = scheme.as_bytes();
    if sb.is_empty()
        || !sb[0].is_ascii_alphabetic()
        || !sb.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        || rest.is_empty()
    {
        return false;
    }
    let b = rest.as_bytes();
    let mut i = 0;
    let mut hashes = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if i + 2 >= b.len() || !(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
            continue;
        }
        if c == b'#' {
            hashes += 1;
        }
        let ok = c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c);
        if !ok || hashes > 1 {
            return false;
        }
        i += 1;
    }
    // `scheme://` needs a host or a path after it.
    rest != "//"
}

/// A git commit hash: 7 to 40 lower-case hex digits (abbreviated or SHA-1), or 64 (SHA-256).
pub fn is_git_hash(s: &str) -> bool {
    ((7..=40).contains(&s.len()) || s.len() == 64)
        && s.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH[-pre][+build]`.
pub fn is_semver(s: &str) -> bool {
    let numeric = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
    let ident = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    if build.is_some_and(|b| !b.split('.').all(ident)) {
        return false;
    }
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let pre_ok = pre
        .is_none_or(|p| p.split('.').all(|id| ident(id) && (!id.bytes().all(|c| c.is_ascii_digit()) || numeric(id))));
    let parts: Vec<&str> = core.split('.').collect();
    pre_ok && parts.len() == 3 && parts.iter().all(|p| numeric(p))
}

/// An RFC 5322 address (`local@domain`, no display name).
pub fn is_email(s: &str) -> bool {
    let Some(at) = s.rfind('@') else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let atext = |c: u8| c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c);
    let dot_atom = |t: &str| !t.is_empty() && t.split('.').all(|a| !a.is_empty() && a.bytes().all(atext));
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        let inner = &local.as_bytes()[1..local.len() - 1];
        let mut i = 0;
        let mut ok = true;
        while i < inner.len() {
            match inner[i] {
                b'\\' => {
                    ok &= i + 1 < inner.len() && (0x20..0x7f).contains(&inner[i + 1]);
                    i += 2;
                }
                b'"' => {
                    ok = false;
                    i += 1;
                }
                c => {
                    ok &= (0x20..0x7f).contains(&c);
                    i += 1;
                }
            }
        }
        ok
    } else {
        dot_atom(local)
    };
    let domain_ok = if domain.starts_with('[') && domain.ends_with(']') && domain.len() > 2 {
        domain[1..domain.len() - 1].bytes().all(|c| (33..=126).contains(&c) && !matches!(c, b'[' | b']' | b'\\'))
    } else {
        dot_atom(domain)
    };
    local_ok && domain_ok
}

/// SPDX license identifiers accepted by `label-invalid-spdx` (a curated list of the
/// licenses seen in practice; `LicenseRef-…` covers the rest).
const SPDX_LICENSES: &[&str] = &[
    "0BSD",
    "AAL",
    "AFL-1.1",
    "AFL-1.2",
    "AFL-2.0",
    "AFL-2.1",
    "AFL-3.0",
    "AGPL-1.0-only",
    "AGPL-1.0-or-later",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.0",
    "Apache-1.1",
    "Apache-2.0",
    "APSL-2.0",
    "Artistic-1.0",
    "Artistic-1.0-Perl",
    "Artistic-2.0",
    "Beerware",
    "BitTorrent-1.1",
    "BlueOak-1.0.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-3-Clause-LBNL",
    "BSD-4-Clause",
    "BSD-Source-Code",
    "BSL-1.0",
    "BUSL-1.1",
    "bzip2-1.0.6",
    "CAL-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CECILL-2.1",
    "CECILL-B",
    "CECILL-C",
    "CPAL-1.0",
    "CPL-1.0",
    "curl",
    "ECL-2.0",
    "EFL-2.0",
    "Elastic-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "FSFAP",
    "FTL",
    "GFDL-1.2-only",
    "GFDL-1.2-or-later",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "HPND",
    "ICU",
    "IJG",
    "ImageMagick",
    "Info-ZIP",
    "IPA",
    "IPL-1.0",
    "ISC",
    "JSON",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "libpng-2.0",
    "Libpng",
    "libtiff",
    "LPL-1.02",
    "LPPL-1.3c",
    "MirOS",
    "MIT",
    "MIT-0",
    "MIT-CMU",
    "MPL-1.0",
    "MPL-1.1",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "MS-PL",
    "MS-RL",
    "MulanPSL-2.0",
    "NCSA",
    "Net-SNMP",
    "NTP",
    "OFL-1.0",
    "OFL-1.1",
    "OGL-UK-3.0",
    "OLDAP-2.8",
    "OpenSSL",
    "OSL-1.0",
    "OSL-2.0",
    "OSL-2.1",
    "OSL-3.0",
    "PHP-3.0",
    "PHP-3.01",
    "PostgreSQL",
    "PSF-2.0",
    "Python-2.0",
    "Python-2.0.1",
    "QPL-1.0",
    "Ruby",
    "SGI-B-2.0",
    "SISSL",
    "Sleepycat",
    "SMLNJ",
    "SSPL-1.0",
    "TCL",
    "UCL-1.0",
    "Unicode-3.0",
    "Unicode-DFS-2015",
    "Unicode-DFS-2016",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "W3C-20150513",
    "WTFPL",
    "X11",
    "XFree86-1.1",
    "Xnet",
    "Zend-2.0",
    "Zlib",
    "zlib-acknowledgement",
    "ZPL-2.0",
    "ZPL-2.1",
];

/// SPDX license exceptions (after `WITH`).
const SPDX_EXCEPTIONS: &[&str] = &[
    "389-exception",
    "Autoconf-exception-2.0",
    "Autoconf-exception-3.0",
    "Bison-exception-2.2",
    "Bootloader-exception",
    "Classpath-exception-2.0",
    "CLISP-exception-2.0",
    "eCos-exception-2.0",
    "FLTK-exception",
    "Font-exception-2.0",
    "freertos-exception-2.0",
    "GCC-exception-2.0",
    "GCC-exception-3.1",
    "GPL-CC-1.0",
    "LGPL-3.0-linking-exception",
    "Libtool-exception",
    "Linux-syscall-note",
    "LLVM-exception",
    "OCaml-LGPL-linking-exception",
    "OpenJDK-assembly-exception-1.0",
    "openvpn-openssl-exception",
    "Qt-GPL-exception-1.0",
    "Qt-LGPL-exception-1.1",
    "Swift-exception",
    "u-boot-exception-2.0",
    "Universal-FOSS-exception-1.0",
    "WxWindows-exception-3.1",
];

fn idstring(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.')
}

fn simple_license(t: &str) -> bool {
    let t = t.strip_suffix('+').unwrap_or(t);
    if let Some(r) = t.strip_prefix("LicenseRef-") {
        return idstring(r);
    }
    if let Some(r) = t.strip_prefix("DocumentRef-") {
        return r
            .split_once(':')
            .is_some_and(|(d, l)| idstring(d) && l.strip_prefix("LicenseRef-").is_some_and(idstring));
    }
    SPDX_LICENSES.iter().any(|l| l.eq_ignore_ascii_case(t))
}

/// An SPDX license expression over the curated list: ids (with `+`), `LicenseRef-…`,
/// `AND`, `OR`, `WITH <exception>` and parentheses.
pub fn is_spdx(s: &str) -> bool {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut p = SpdxParser { t: &tokens, i: 0 };
    p.expr(0) && p.i == tokens.len()
}

struct SpdxParser<'a> {
    t: &'a [&'a str],
    i: usize,
}

impl SpdxParser<'_> {
    fn peek_op(&self, op: &str) -> bool {
        self.t
            .get(self.i)
            .is_some_and(|t| *t == op || t.eq_ignore_ascii_case(op) && t.bytes().all(|c| c.is_ascii_lowercase()))
    }

    /// expr := term (("AND" | "OR") term)*
    fn expr(&mut self, depth: usize) -> bool {
        if depth > 32 || !self.term(depth) {
            return false;
        }
        while self.peek_op("AND") || self.peek_op("OR") {
            self.i += 1;
            if !self.term(depth) {
                return false;
            }
        }
        true
    }

    /// term := "(" expr ")" | license ["WITH" exception]
    fn term(&mut self, depth: usize) -> bool {
        let Some(&tok) = self.t.get(self.i) else { return false };
        self.i += 1;
        if tok == "(" {
            let ok = self.expr(depth + 1) && self.t.get(self.i) == Some(&")");
            self.i += 1;
            return ok;
        }
        if !simple_license(tok) {
            return false;
        }
        if self.peek_op("WITH") {
            self.i += 1;
            let Some(&exc) = self.t.get(self.i) else { return false };
            self.i += 1;
            return SPDX_EXCEPTIONS.iter().any(|e| e.eq_ignore_ascii_case(exc))
                || exc.strip_prefix("AdditionRef-").is_some_and(idstring);
        }
        true
    }
}

/// Why a label key is malformed, following Docker's key recommendations as hadolint
/// checks them; `None` when it is fine.
pub fn key_problem(key: &str) -> Option<&'static str> {
    let b = key.as_bytes();
    let first = *b.first()?;
    if ["com.docker.", "io.docker.", "org.dockerproject."].iter().any(|ns| key.starts_with(ns)) {
        return Some("it uses a namespace reserved for Docker");
    }
    if b.iter().any(|c| c.is_ascii_uppercase()) {
        return Some("it has upper-case letters");
    }
    if !b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'_' | b'/')) {
        return Some("it may only use lower-case letters, digits, `.`, `-`, `_` and `/`");
    }
    if !first.is_ascii_lowercase() {
        return Some("it must start with a lower-case letter");
    }
    if !b[b.len() - 1].is_ascii_alphanumeric() {
        return Some("it must end with a letter or digit");
    }
    if key.contains("..") || key.contains("--") {
        return Some("it has consecutive separators (`..` or `--`)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        for ok in [
            "2024-05-01T12:30:00Z",
            "2024-02-29T23:59:60.123+02:00",
            "1999-12-31t00:00:00z",
            "2024-05-01 12:30:00-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2024-05-01",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:30:00",
            "2024-05-01T12:30:00.Z",
            "2024-05-01T12:30:00+0200",
            "yesterday",
            "2024-05-01T12:30:00Zjunk",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.com/docs",
            "http://localhost:8080/a?b=c#d",
            "mailto:jane@example.com",
            "urn:isbn:0451450523",
            "https://x.org/a%20b",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "example.com",
            "https://exa mple.com",
            "//example.com",
            "1http://x",
            "https://x/%zz",
            "https://x/%2",
            "https://",
            "http://x/a#b#c",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn git_hashes() {
        assert!(is_git_hash("1a2b3c4"));
        assert!(is_git_hash("0123456789abcdef0123456789abcdef01234567"));
        assert!(is_git_hash("1a2b3c4d5e"));
        assert!(!is_git_hash("1a2b3c"));
        assert!(!is_git_hash("1A2B3C4"));
        assert!(!is_git_hash("main"));
        assert!(!is_git_hash("0123456789abcdef0123456789abcdef012345678"));
    }

    #[test]
    fn semver() {
        for ok in ["1.0.0", "0.1.2-rc.1", "1.2.3-alpha-1+build.5", "10.20.30+20240501", "1.0.0-0.3.7"] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b", "1.2.3.4", "latest"] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in [
            "jane@example.com",
            "first.last+tag@sub.example.org",
            "\"john doe\"@example.com",
            "ops@[192.168.0.1]",
            "root@localhost",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "jane",
            "@example.com",
            "jane@",
            "jane..doe@example.com",
            "Jane Doe <jane@example.com>",
            "jane@exa mple.com",
            ".jane@example.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn spdx() {
        for ok in [
            "MIT",
            "apache-2.0",
            "GPL-2.0+",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-Proprietary",
            "mit or apache-2.0",
        ] {
            assert!(is_spdx(ok), "{ok}");
        }
        for bad in [
            "",
            "MIT License",
            "Apache 2",
            "MIT OR",
            "(MIT",
            "MIT AND AND BSD-3-Clause",
            "MIT WITH Foo",
            "GPL",
            "MIT Or Apache-2.0",
        ] {
            assert!(!is_spdx(bad), "{bad}");
        }
    }

    #[test]
    fn keys() {
        assert_eq!(key_problem("org.opencontainers.image.source"), None);
        assert_eq!(key_problem("maintainer"), None);
        assert!(key_problem("Maintainer").is_some());
        assert!(key_problem("com.docker.compose.project").is_some());
        assert!(key_problem("1abc").is_some());
        assert!(key_problem("abc.").is_some());
        assert!(key_problem("a..b").is_some());
        assert!(key_problem("a b").is_some());
    }
}
