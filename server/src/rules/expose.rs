//! EXPOSE port specs (`[ip:][hostPort:]containerPort[/proto]`) read the way BuildKit's
//! `dispatchExpose` reads them, with its error messages.

use super::Context;
use crate::syntax::{InstRef, TextRange};

/// One port word of an EXPOSE after BuildKit's expansion.
pub struct PortWord<'a> {
    /// The word as written.
    pub range: TextRange,
    /// The spec after expansion.
    pub text: std::borrow::Cow<'a, str>,
    /// The word is written literally (no quotes, escapes or variables), so offsets in
    /// `text` are offsets in the source.
    pub literal: bool,
}

/// Every port word of every EXPOSE inside a stage, for the EXPOSE rules (read once
/// per check).
pub fn each_port<'c>(cx: &'c Context<'_>, f: impl FnMut(&'c PortWord<'static>)) {
    cx.ports
        .get_or_init(|| {
            let mut all = Vec::new();
            for (node, inst) in cx.instructions_of(&[crate::syntax::Keyword::Expose]) {
                if cx.model.node_stage[node].is_some() {
                    all.extend(
                        port_words(cx, node, inst)
                            .into_iter()
                            .map(|p| PortWord { text: p.text.into_owned().into(), ..p }),
                    );
                }
            }
            all
        })
        .iter()
        .for_each(f);
}

/// The ports of an EXPOSE, expanded with known values. Words whose variables have no
/// known value are left out (nothing can be said about them).
pub fn port_words<'a>(cx: &Context<'_>, node: usize, inst: InstRef<'a>) -> Vec<PortWord<'a>> {
    let esc = inst.inst.escape;
    let mut out = Vec::new();
    for w in &inst.inst.words {
        let range = inst.range(w.span);
        let raw = inst.text(w.span);
        let literal = !raw.contains(['$', '"', '\'', esc as char]);
        if literal {
            out.push(PortWord { range, text: raw, literal });
            continue;
        }
        let Some(expanded) = super::buildkit::util::expand_known(cx, node, &raw, esc) else { continue };
        for part in expanded.split_whitespace() {
            out.push(PortWord { range: range.clone(), text: part.to_string().into(), literal: false });
        }
    }
    out
}

/// The parts of one port spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortSpec<'a> {
    pub ip: &'a str,
    pub host_port: &'a str,
    pub container_port: &'a str,
    /// The protocol as written (`""` when absent).
    pub proto: &'a str,
    /// Byte offset of the protocol in the spec (after `/`), when one is written.
    pub proto_at: Option<usize>,
}

/// Why `docker build` rejects a port spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortError {
    /// BuildKit's message, with the inner reason BuildKit drops appended after `: `.
    pub message: String,
    /// A port number outside 0–65535 (DL3011's case) rather than a malformed spec.
    pub out_of_range: bool,
}

/// `splitParts` and `splitProtoPort`. `Err` with BuildKit's message when the protocol
/// or the port is missing or unknown.
pub fn split(raw: &str) -> Result<PortSpec<'_>, String> {
    // The last two `:`-separated parts are the ports; everything before is the IP.
    let (ip, host_port, container) = match memchr::memrchr(b':', raw.as_bytes()) {
        None => ("", "", raw),
        Some(k) => match memchr::memrchr(b':', &raw.as_bytes()[..k]) {
            None => ("", &raw[..k], &raw[k + 1..]),
            Some(j) => (&raw[..j], &raw[j + 1..k], &raw[k + 1..]),
        },
    };
    let (port, proto, proto_at) = match container.split_once('/') {
        Some((p, pr)) => (p, pr, Some(raw.len() - pr.len())),
        None => (container, "", None),
    };
    if port.is_empty() {
        return Err(format!("invalid port: {}: no port specified", super::buildkit::util::go_quote(raw)));
    }
    if !["", "tcp", "udp", "sctp"].iter().any(|known| proto.eq_ignore_ascii_case(known)) {
        return Err(format!("invalid port: {}: invalid proto: {proto}", super::buildkit::util::go_quote(raw)));
    }
    Ok(PortSpec { ip, host_port, container_port: port, proto, proto_at })
}

/// `parsePortNumber`: the error text and whether it is a range error.
fn port_number(raw: &str) -> Result<i64, (String, bool)> {
    if raw.is_empty() {
        return Err(("value is empty".into(), false));
    }
    let digits = raw.strip_prefix(['+', '-']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(("invalid syntax".into(), false));
    }
    match raw.parse::<i64>() {
        Ok(p) if (0..=65535).contains(&p) => Ok(p),
        _ => Err(("value out of range (0–65535)".into(), true)),
    }
}

/// `parsePortRange`: `(start, end)` or the inner error and whether it is a range error.
fn port_range(ports: &str) -> Result<(i64, i64), (String, bool)> {
    if ports.is_empty() {
        return Err(("empty string specified for ports".into(), false));
    }
    let (start, end) = match ports.split_once('-') {
        Some((s, e)) => (s, Some(e)),
        None => (ports, None),
    };
    let s = port_number(start).map_err(|(m, r)| (format!("invalid start port '{start}': {m}"), r))?;
    let Some(end) = end.filter(|e| *e != start) else {
        return Ok((s, s));
    };
    let e = port_number(end).map_err(|(m, r)| (format!("invalid end port '{end}': {m}"), r))?;
    if e < s {
        return Err((format!("invalid port range: {ports}"), false));
    }
    Ok((s, e))
}

/// Go's `net.ParseIP` (dotted IPv4 or IPv6, possibly with an embedded IPv4 tail).
fn valid_ip(ip: &str) -> bool {
    ip.parse::<std::net::IpAddr>().is_ok()
}

/// The checks after splitting, in BuildKit's order: IP address, container port, host
/// port, and matching range lengths.
pub fn validate(spec: &PortSpec<'_>) -> Result<(), PortError> {
    let plain = |message: String| PortError { message, out_of_range: false };
    if !spec.ip.is_empty() {
        let ip = if let Some(inner) = spec.ip.strip_prefix('[') {
            match inner.strip_suffix(']') {
                Some(i) => i,
                None => return Err(plain(format!("invalid IP address {}", spec.ip))),
            }
        } else {
            spec.ip
        };
        if !valid_ip(ip) {
            return Err(plain(format!("invalid IP address: {ip}")));
        }
    }
    let (cs, ce) = port_range(spec.container_port).map_err(|(m, r)| PortError {
        message: format!("invalid containerPort: {}: {m}", spec.container_port),
        out_of_range: r,
    })?;
    if !spec.host_port.is_empty() {
        let (hs, he) = port_range(spec.host_port).map_err(|(m, r)| PortError {
            message: format!("invalid hostPort: {}: {m}", spec.host_port),
            out_of_range: r,
        })?;
        if ce - cs != he - hs && ce != cs {
            return Err(plain(format!(
                "invalid ranges specified for container and host Ports: {} and {}",
                spec.container_port, spec.host_port
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_buildkit() {
        let s = split("127.0.0.1:8080:80/TCP").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.ip, s.host_port, s.container_port, s.proto), ("127.0.0.1", "8080", "80", "TCP"));
        assert_eq!(s.proto_at, Some(18));
        let s = split("::1:80:80").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.ip, "::1");
        assert_eq!(split("/tcp").err().as_deref(), Some("invalid port: \"/tcp\": no port specified"));
        assert_eq!(split("80/xyz").err().as_deref(), Some("invalid port: \"80/xyz\": invalid proto: xyz"));
    }

    #[test]
    fn validates_ports() {
        let v = |raw: &str| {
            split(raw).map_err(|m| PortError { message: m, out_of_range: false }).and_then(|s| validate(&s))
        };
        assert!(v("80").is_ok());
        assert!(v("8000-8010/udp").is_ok());
        assert!(v("0").is_ok());
        let e = v("70000").err().unwrap_or_else(|| panic!("should fail"));
        assert!(e.out_of_range);
        assert_eq!(e.message, "invalid containerPort: 70000: invalid start port '70000': value out of range (0–65535)");
        let e = v("http").err().unwrap_or_else(|| panic!("should fail"));
        assert!(!e.out_of_range);
        assert!(e.message.starts_with("invalid containerPort: http"));
        assert!(v("90-80").is_err_and(|e| e.message.contains("invalid port range: 90-80")));
        assert!(v("1.2.3:80:80").is_err_and(|e| e.message == "invalid IP address: 1.2.3"));
        assert!(v("8000-8001:80-82").is_err_and(|e| e.message.contains("invalid ranges")));
        assert!(v("8000-8010:80").is_ok(), "a host range for one container port is allowed");
    }
}
