//! Signature help: an instruction's forms (from [`super::docs`]) as signatures, with
//! its flags and arguments as parameters and the one under the cursor active.

use crate::syntax::{InstRef, Keyword, TextRange};

use super::Doc;
use super::docs::{self, InstructionDoc};

/// One parameter; `label` is a byte range into the signature's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterInfo {
    pub label: TextRange,
    pub documentation: Option<String>,
}

/// One form of an instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureInfo {
    pub label: String,
    pub documentation: Option<String>,
    pub parameters: Vec<ParameterInfo>,
}

/// The answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHelp {
    pub signatures: Vec<SignatureInfo>,
    pub active_signature: usize,
    pub active_parameter: Option<usize>,
}

/// What a parameter of a form stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Role {
    /// `[--name=…]`.
    Flag(String),
    /// Argument words: how many words it spans, and whether it repeats (`<src>...`).
    Positional { width: usize, variadic: bool },
    /// An element of a JSON-array form.
    Json { variadic: bool },
}

struct Form {
    sig: SignatureInfo,
    roles: Vec<Role>,
    json: bool,
    heredoc: bool,
}

/// Splits a form's arguments at spaces outside brackets and quotes.
fn tokens(s: &str, base: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, None);
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            ' ' if depth <= 0 && !quoted => {
                if let Some(st) = start.take() {
                    out.push((base + st, base + i));
                }
                continue;
            }
            _ => {}
        }
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((base + st, base + s.len()));
    }
    out
}

fn parse_form(d: &InstructionDoc, form: &str) -> Form {
    let (label, note) = match form.find("   (") {
        Some(i) => (&form[..i], Some(form[i..].trim().trim_start_matches('(').trim_end_matches(')').to_string())),
        None => (form, None),
    };
    let kw_len = d.keyword.name().len();
    let args = label.get(kw_len..).unwrap_or("");
    let mut params = Vec::new();
    let mut roles = Vec::new();
    let mut json = false;
    for (a, b) in tokens(args, kw_len) {
        let tok = &label[a..b];
        if let Some(inner) = tok.strip_prefix("[--") {
            let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            let summary = d.flag(&name).map(|f| f.summary.to_string());
            params.push(ParameterInfo { label: a..b, documentation: summary });
            roles.push(Role::Flag(name));
        } else if tok.starts_with("[\"") {
            json = true;
            // Each quoted element is a parameter; one followed by `...` repeats.
            let mut i = 0;
            let bytes = tok.as_bytes();
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    let Some(close) = tok[i + 1..].find('"') else { break };
                    let end = i + 1 + close + 1;
                    params.push(ParameterInfo { label: a + i..a + end, documentation: None });
                    roles.push(Role::Json { variadic: false });
                    i = end;
                } else if tok[i..].starts_with("...") {
                    if let Some(Role::Json { variadic }) = roles.last_mut() {
                        *variadic = true;
                    }
                    i += 3;
                } else {
                    i += 1;
                }
            }
        } else if tok == "..." {
            if let Some(Role::Positional { variadic, .. }) = roles.last_mut() {
                *variadic = true;
            }
        } else {
            let variadic = tok.ends_with("...]") || tok.ends_with("...");
            let width = if tok.starts_with('[') { tok.split(' ').count() } else { 1 };
            params.push(ParameterInfo { label: a..b, documentation: None });
            roles.push(Role::Positional { width, variadic });
        }
    }
    let heredoc = label.contains("<<");
    Form {
        sig: SignatureInfo {
            label: label.to_string(),
            documentation: note.or_else(|| Some(d.summary.to_string())),
            parameters: params,
        },
        roles,
        json,
        heredoc,
    }
}

/// Which positional parameter word `i` of `total` belongs to.
fn positional(roles: &[(usize, usize, bool)], i: usize, total: usize) -> Option<usize> {
    // roles: (param index, width, variadic)
    let v = roles.iter().position(|r| r.2);
    match v {
        Some(v) => {
            let before: usize = roles[..v].iter().map(|r| r.1).sum();
            let after: usize = roles[v + 1..].iter().map(|r| r.1).sum();
            if i < before {
                walk(&roles[..v], i)
            } else if after > 0 && i + after >= total.max(before + 1 + after) {
                let from_end = i + after - total.max(before + 1 + after);
                walk(&roles[v + 1..], from_end).or(roles.last().map(|r| r.0))
            } else {
                Some(roles[v].0)
            }
        }
        None => walk(roles, i).or(roles.last().map(|r| r.0)),
    }
}

fn walk(roles: &[(usize, usize, bool)], i: usize) -> Option<usize> {
    let mut at = 0;
    for r in roles {
        if i < at + r.1 {
            return Some(r.0);
        }
        at += r.1;
    }
    None
}

/// Signature help at `offset`.
pub fn signature_help(doc: &Doc<'_>, offset: usize) -> Option<SignatureHelp> {
    let offset = super::hover::clamp_offset(doc.text, offset);
    let node = doc.node_at(offset)?;
    let outer = doc.inst(node);
    let inst = match outer.trigger() {
        Some(t) if offset >= t.start() => t,
        _ => outer,
    };
    let keyword = inst.range(inst.inst.keyword);
    if offset <= keyword.end {
        return None;
    }
    let d = docs::instruction(inst.kind())?;
    let forms: Vec<Form> = d.forms.iter().map(|f| parse_form(d, f)).collect();
    let args_text = inst.src(inst.inst.args);
    let is_json = args_text.starts_with('[');
    let first_word = inst.word_texts().next();
    let active = forms
        .iter()
        .position(|f| {
            if is_json {
                f.json
            } else if !inst.inst.heredocs.is_empty() {
                f.heredoc
            } else if inst.kind() == Keyword::Healthcheck
                && first_word.as_deref().is_some_and(|w| w.eq_ignore_ascii_case("none"))
            {
                f.sig.label.contains("NONE")
            } else if inst.kind() == Keyword::Env
                && first_word.as_deref().is_some_and(|w| !w.contains('='))
                && inst.inst.words.len() > 1
            {
                f.sig.documentation.as_deref().is_some_and(|n| n.contains("legacy"))
            } else {
                !f.json && !f.heredoc
            }
        })
        .unwrap_or(0);
    let form = &forms[active];
    let active_parameter = active_param(doc, inst, form, offset);
    Some(SignatureHelp {
        signatures: forms.into_iter().map(|f| f.sig).collect(),
        active_signature: active,
        active_parameter,
    })
}

fn active_param(doc: &Doc<'_>, inst: InstRef<'_>, form: &Form, offset: usize) -> Option<usize> {
    let text = doc.text;
    // A flag under the cursor (written or being typed).
    let flag_at = inst.inst.flags.iter().find(|f| {
        let r = inst.range(f.span);
        r.start <= offset && offset <= r.end
    });
    let flag_name = match flag_at {
        Some(f) => Some(inst.src(f.name).to_string()),
        None => {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let token_start =
                text[line_start..offset].rfind(char::is_whitespace).map_or(line_start, |i| line_start + i + 1);
            let token = &text[token_start..offset];
            token.strip_prefix("--").map(|t| t.split('=').next().unwrap_or("").to_string())
        }
    };
    if let Some(name) = flag_name {
        let matches: Vec<usize> = form
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Role::Flag(n) if n.starts_with(name.as_str())))
            .map(|(i, _)| i)
            .collect();
        return match matches.as_slice() {
            [one] => Some(*one),
            _ => matches.iter().copied().find(|&i| form.roles[i] == Role::Flag(name.clone())),
        };
    }
    if form.json {
        let args = inst.range(inst.inst.args);
        let upto = text.get(args.start..offset.max(args.start)).unwrap_or("");
        let all = text.get(args.clone()).unwrap_or("");
        let commas = |s: &str| {
            let mut quoted = false;
            let mut escaped = false;
            let mut n = 0;
            for c in s.chars() {
                match c {
                    '\\' if quoted && !escaped => {
                        escaped = true;
                        continue;
                    }
                    '"' if !escaped => quoted = !quoted,
                    ',' if !quoted => n += 1,
                    _ => {}
                }
                escaped = false;
            }
            n
        };
        let roles: Vec<(usize, usize, bool)> = form
            .roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Role::Json { variadic } => Some((i, 1, *variadic)),
                _ => None,
            })
            .collect();
        return positional(&roles, commas(upto), commas(all) + 1);
    }
    let roles: Vec<(usize, usize, bool)> = form
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Role::Positional { width, variadic } => Some((i, *width, *variadic)),
            _ => None,
        })
        .collect();
    // Shell-form commands are one argument.
    if let Some(shell) = inst.inst.shell {
        if offset >= inst.range(shell).start {
            return roles.first().map(|r| r.0);
        }
    }
    let words = &inst.inst.words;
    let index = words.iter().position(|w| {
        let r = inst.range(w.span);
        offset <= r.end
    });
    let index = match index {
        Some(i) if offset >= inst.range(words[i].span).start => i,
        Some(i) => i,
        None => words.len(),
    };
    if roles.is_empty() {
        return None;
    }
    positional(&roles, index, words.len().max(index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;
    use crate::rules::testing::parse_fixture;

    /// The active signature with the active parameter in «…».
    fn show(fixture: &str) -> String {
        let f = parse_fixture(fixture);
        let at = f.cursor.unwrap_or_else(|| panic!("no $0"));
        with_doc(&f.text, |d| match signature_help(d, at) {
            Some(h) => {
                let sig = &h.signatures[h.active_signature];
                match h.active_parameter.and_then(|p| sig.parameters.get(p)) {
                    Some(p) => format!(
                        "{}«{}»{}",
                        &sig.label[..p.label.start],
                        &sig.label[p.label.clone()],
                        &sig.label[p.label.end..]
                    ),
                    None => sig.label.clone(),
                }
            }
            None => "none".into(),
        })
    }

    #[test]
    fn copy_flags_and_arguments() {
        assert_eq!(
            show("FROM a\nCOPY --fr$0om=build /a /b\n"),
            "COPY «[--from=<stage|image>]» [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>"
        );
        assert_eq!(
            show("FROM a\nCOPY a.txt b$0.txt /dst/\n"),
            "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] «<src>...» <dest>"
        );
        assert_eq!(
            show("FROM a\nCOPY a.txt b.txt /d$0st/\n"),
            "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... «<dest>»"
        );
    }

    #[test]
    fn from_image_and_stage_name() {
        assert_eq!(
            show("FROM pyth$0on:3.12\n"),
            "FROM [--platform=<platform>] «<image>[:<tag>|@<digest>]» [AS <name>]"
        );
        assert_eq!(
            show("FROM python:3.12 AS bu$0\n"),
            "FROM [--platform=<platform>] <image>[:<tag>|@<digest>] «[AS <name>]»"
        );
        assert_eq!(
            show("FROM --plat$0 python\n"),
            "FROM «[--platform=<platform>]» <image>[:<tag>|@<digest>] [AS <name>]"
        );
    }

    #[test]
    fn exec_form_elements() {
        assert_eq!(show("FROM a\nCMD [\"python\", \"app$0.py\"]\n"), "CMD [\"executable\", «\"param1\"», \"param2\"]");
        assert_eq!(
            show("FROM a\nRUN apt-get up$0date\n"),
            "RUN [--mount=<options>] [--network=<mode>] [--security=<mode>] «<command>»"
        );
    }

    #[test]
    fn healthcheck_none_and_env_forms() {
        assert_eq!(show("FROM a\nHEALTHCHECK NO$0NE\n"), "HEALTHCHECK «NONE»");
        assert_eq!(show("FROM a\nENV A=1 B$0=2\n"), "ENV <key>=<value> «[<key>=<value>...]»");
    }

    #[test]
    fn nothing_on_the_keyword_or_outside_instructions() {
        assert_eq!(show("FROM a\nCO$0PY a b\n"), "none");
        assert_eq!(show("# just a comment $0\nFROM a\n"), "none");
    }
}
