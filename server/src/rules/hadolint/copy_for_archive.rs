//! `copy-for-archive` (DL3010): a tar archive is copied and then extracted by RUN,
//! which ADD does by itself.

use super::drop_quotes;
use super::shell::run_commands;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{Keyword, TextRange};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-for-archive",
        aliases: &[Alias::all("DL3010")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "A copied tar archive is extracted by RUN; ADD extracts it itself.",
        docs: "\
**Why**: `ADD` unpacks a local tar archive (plain, gzip, bzip2, xz or zstd) into the \
destination. Copying it and extracting it in a later `RUN` keeps the archive in a layer \
for nothing and costs an extra step.\n\n\
**Example**: `COPY app.tar.gz /tmp/` then `RUN tar -xzf /tmp/app.tar.gz -C /opt`\n\n\
**Fix**: `ADD app.tar.gz /opt/`. Unlike hadolint, only archives ADD really unpacks are \
reported (tar, optionally compressed): a lone `.gz` file or a `.zip` stays a file with ADD.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Names of tar archives BuildKit's ADD extracts.
const TAR_NAMES: [&str; 11] =
    [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst"];

/// Commands that decompress or unpack a file.
const UNPACKERS: [&str; 11] =
    ["gunzip", "bunzip2", "unxz", "unzstd", "zcat", "gzcat", "xzcat", "bzcat", "zstdcat", "uncompress", "unlzma"];

fn basename(p: &str) -> &str {
    let p = drop_quotes(p);
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn is_tar(name: &str) -> bool {
    TAR_NAMES.iter().any(|e| name.len() > e.len() && name.ends_with(e))
}

/// Whether a command extracts the archive called `name`.
fn extracts(cmd: &[String], name: &str) -> bool {
    let Some((prog, args)) = cmd.split_first() else { return false };
    let prog = basename(prog);
    let names_it = || {
        args.iter().any(|a| {
            let a = a.strip_prefix("--file=").unwrap_or(a);
            !a.starts_with('-') && basename(a) == name
        })
    };
    if prog == "tar" {
        let extract = args.iter().enumerate().any(|(i, a)| {
            a == "--extract"
                || a == "--get"
                || (a.starts_with('-') && !a.starts_with("--") && a.contains('x'))
                || (i == 0 && !a.starts_with('-') && a.contains('x') && a.bytes().all(|b| b.is_ascii_alphabetic()))
        });
        return extract && names_it();
    }
    UNPACKERS.contains(&prog) && names_it()
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    // Archives copied in the current stage: (basename, range of the word naming it).
    let mut archives: Vec<(String, TextRange)> = Vec::new();
    for (_, inst) in cx.instructions_of(&[Keyword::From, Keyword::Copy, Keyword::Run]) {
        match inst.kind() {
            Keyword::From => archives.clear(),
            Keyword::Copy => {
                let Some(copy) = inst.as_copy() else { continue };
                if copy.from.is_some() {
                    continue;
                }
                let Some((dr, dest)) = &copy.dest else { continue };
                let usable = |s: &str| !s.contains('$') && !s.contains(['*', '?', '[']) && is_tar(basename(s));
                if usable(dest) {
                    archives.push((basename(dest).to_string(), dr.clone()));
                } else if dest.ends_with('/') || drop_quotes(dest) == "." || copy.sources.len() > 1 {
                    for (i, (r, s)) in copy.sources.iter().enumerate() {
                        if !copy.heredoc_sources.contains(&i) && usable(s) {
                            archives.push((basename(s).to_string(), r.clone()));
                        }
                    }
                } else if let [(r, s)] = copy.sources.as_slice() {
                    // `COPY app.tgz /opt/app`: the file is now called `app`.
                    if usable(s) && copy.heredoc_sources.is_empty() {
                        archives.push((basename(dest).to_string(), r.clone()));
                    }
                }
            }
            Keyword::Run if !archives.is_empty() => {
                let cmds = run_commands(inst);
                archives.retain(|(name, range)| {
                    if cmds.iter().any(|c| extracts(c, name)) {
                        out.report(
                            range.clone(),
                            format!("`{name}` is extracted by a later RUN; ADD would unpack this archive by itself"),
                        )
                        .related(inst.range(inst.inst.keyword), format!("`{name}` is extracted here"));
                        false
                    } else {
                        true
                    }
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn extraction_commands() {
        assert!(extracts(&cmd("tar -xzf /tmp/app.tar.gz -C /opt"), "app.tar.gz"));
        assert!(extracts(&cmd("tar xf app.tar"), "app.tar"));
        assert!(extracts(&cmd("tar --extract --file=/x/app.tgz"), "app.tgz"));
        assert!(extracts(&cmd("tar -C /opt -xf app.tgz"), "app.tgz"));
        assert!(extracts(&cmd("/bin/tar -xvf app.tgz"), "app.tgz"));
        assert!(extracts(&cmd("gunzip app.tar.gz"), "app.tar.gz"));
        assert!(!extracts(&cmd("tar -czf app.tgz /src"), "app.tgz"), "creating is not extracting");
        assert!(!extracts(&cmd("tar -xf other.tgz"), "app.tgz"));
        assert!(!extracts(&cmd("cp app.tgz /x"), "app.tgz"));
        assert!(is_tar("a.tar.gz") && is_tar("a.tgz") && !is_tar("a.gz") && !is_tar("a.zip") && !is_tar(".tar"));
    }
}
