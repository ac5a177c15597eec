//! Our own short documentation of every instruction and flag, for hovers, signature
//! help and completion.

use crate::syntax::Keyword;

/// One flag of an instruction.
#[derive(Debug)]
pub struct FlagDoc {
    pub name: &'static str,
    /// How the value looks, e.g. `<stage|image|index>`; empty for booleans.
    pub value: &'static str,
    pub summary: &'static str,
    /// Values to offer in completion.
    pub values: &'static [&'static str],
}

/// One instruction.
#[derive(Debug)]
pub struct InstructionDoc {
    pub keyword: Keyword,
    pub summary: &'static str,
    /// The forms, one per line, e.g. `COPY [--chown=<user>] <src>... <dest>`.
    pub forms: &'static [&'static str],
    pub flags: &'static [FlagDoc],
    /// A snippet body for completion (`${1:image}` placeholders).
    pub snippet: &'static str,
    /// The anchor in the Dockerfile reference.
    pub anchor: &'static str,
}

impl InstructionDoc {
    pub fn url(&self) -> String {
        format!("https://docs.docker.com/reference/dockerfile/#{}", self.anchor)
    }

    pub fn flag(&self, name: &str) -> Option<&'static FlagDoc> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// Markdown for a hover on the keyword.
    pub fn markdown(&self) -> String {
        let mut s = format!(
            "**{}** — {}\n\n```dockerfile\n{}\n```\n",
            self.keyword.name(),
            self.summary,
            self.forms.join("\n")
        );
        if !self.flags.is_empty() {
            s.push_str("\n| flag | |\n|---|---|\n");
            for f in self.flags {
                let v = if f.value.is_empty() { String::new() } else { format!("={}", f.value) };
                s.push_str(&format!("| `--{}{}` | {} |\n", f.name, v.replace('|', "\\|"), f.summary));
            }
        }
        let layer = if self.keyword.adds_layer() {
            "Adds a filesystem layer to the image."
        } else if matches!(self.keyword, Keyword::From) {
            "Starts a build stage from a base image."
        } else {
            "Changes only metadata (no filesystem layer)."
        };
        s.push_str(&format!("\n{layer}\n\n[Dockerfile reference]({})", self.url()));
        s
    }
}

const fn flag(name: &'static str, value: &'static str, summary: &'static str) -> FlagDoc {
    FlagDoc { name, value, summary, values: &[] }
}

const fn flag_v(
    name: &'static str,
    value: &'static str,
    summary: &'static str,
    values: &'static [&'static str],
) -> FlagDoc {
    FlagDoc { name, value, summary, values }
}

const PLATFORMS: &[&str] = &[
    "$BUILDPLATFORM",
    "$TARGETPLATFORM",
    "linux/amd64",
    "linux/arm64",
    "linux/arm/v7",
    "linux/386",
    "linux/ppc64le",
    "linux/s390x",
    "linux/riscv64",
    "windows/amd64",
];

/// Every instruction, alphabetical.
pub static INSTRUCTIONS: &[InstructionDoc] = &[
    InstructionDoc {
        keyword: Keyword::Add,
        summary: "Copies files, folders, remote URLs or git repositories into the image; local tar archives are unpacked.",
        forms: &[
            "ADD [--chown=<user>:<group>] [--chmod=<perms>] [--checksum=<digest>] <src>... <dest>",
            "ADD [\"<src>\", ... \"<dest>\"]",
        ],
        flags: &[
            flag("chown", "<user>[:<group>]", "Owner of the added files (Linux only)."),
            flag("chmod", "<perms>", "Permissions of the added files, octal (`755`) or symbolic (`u+x`)."),
            flag("link", "", "Copy into an independent layer that survives base-image changes (`--link=true`)."),
            flag("checksum", "<algorithm>:<hash>", "Verify a remote source against this digest (e.g. `sha256:…`)."),
            flag("keep-git-dir", "", "Keep the `.git` folder when adding a git repository."),
            flag("unpack", "", "Unpack (or not) an archive source; local archives unpack by default."),
            flag("exclude", "<pattern>", "Leave out paths matching the pattern; repeatable."),
        ],
        snippet: "ADD ${1:source} ${2:destination}",
        anchor: "add",
    },
    InstructionDoc {
        keyword: Keyword::Arg,
        summary: "Declares a build argument that `--build-arg` can set. Before the first FROM it is global (usable in FROM lines); inside a stage it is visible from there on.",
        forms: &["ARG <name>[=<default value>] [<name>[=<default value>]...]"],
        flags: &[],
        snippet: "ARG ${1:NAME}=${2:value}",
        anchor: "arg",
    },
    InstructionDoc {
        keyword: Keyword::Cmd,
        summary: "The default command (or default arguments to ENTRYPOINT) of a container. Only the last CMD of the stage counts.",
        forms: &[
            "CMD [\"executable\", \"param1\", \"param2\"]   (exec form, preferred)",
            "CMD [\"param1\", \"param2\"]   (arguments to ENTRYPOINT)",
            "CMD command param1 param2   (shell form)",
        ],
        flags: &[],
        snippet: "CMD [\"${1:executable}\"${2}]",
        anchor: "cmd",
    },
    InstructionDoc {
        keyword: Keyword::Copy,
        summary: "Copies files and folders from the build context, another stage or an image into the image.",
        forms: &[
            "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>",
            "COPY [\"<src>\", ... \"<dest>\"]",
            "COPY <<EOF <dest>   (inline file from a heredoc)",
        ],
        flags: &[
            flag(
                "from",
                "<stage|image|index>",
                "Copy from an earlier build stage, a stage index or an image instead of the build context.",
            ),
            flag("chown", "<user>[:<group>]", "Owner of the copied files (Linux only)."),
            flag("chmod", "<perms>", "Permissions of the copied files, octal (`755`) or symbolic (`u+x`)."),
            flag("link", "", "Copy into an independent layer that survives base-image changes."),
            flag("parents", "", "Keep the source paths' parent folders under the destination."),
            flag("exclude", "<pattern>", "Leave out paths matching the pattern; repeatable."),
        ],
        snippet: "COPY ${1:source} ${2:destination}",
        anchor: "copy",
    },
    InstructionDoc {
        keyword: Keyword::Entrypoint,
        summary: "The executable a container runs; CMD supplies its default arguments. Use exec form so signals reach the process.",
        forms: &[
            "ENTRYPOINT [\"executable\", \"param1\", \"param2\"]   (exec form, preferred)",
            "ENTRYPOINT command param1 param2   (shell form)",
        ],
        flags: &[],
        snippet: "ENTRYPOINT [\"${1:executable}\"${2}]",
        anchor: "entrypoint",
    },
    InstructionDoc {
        keyword: Keyword::Env,
        summary: "Sets environment variables for the rest of the stage, for stages built FROM it, and for containers.",
        forms: &["ENV <key>=<value> [<key>=<value>...]", "ENV <key> <value>   (legacy, one variable)"],
        flags: &[],
        snippet: "ENV ${1:KEY}=${2:value}",
        anchor: "env",
    },
    InstructionDoc {
        keyword: Keyword::Expose,
        summary: "Documents the ports the container listens on (it publishes nothing by itself).",
        forms: &["EXPOSE <port>[/<tcp|udp>] [<port>[/<protocol>]...]"],
        flags: &[],
        snippet: "EXPOSE ${1:8080}",
        anchor: "expose",
    },
    InstructionDoc {
        keyword: Keyword::From,
        summary: "Starts a build stage from a base image (or `scratch`, or an earlier stage).",
        forms: &["FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]"],
        flags: &[flag_v(
            "platform",
            "<os>/<arch>[/<variant>]",
            "Platform of the base image, e.g. `$BUILDPLATFORM` for a cross-compiling build stage.",
            PLATFORMS,
        )],
        snippet: "FROM ${1:image}:${2:tag} AS ${3:name}",
        anchor: "from",
    },
    InstructionDoc {
        keyword: Keyword::Healthcheck,
        summary: "How to test that a container still works; `NONE` turns off a check inherited from the base image.",
        forms: &[
            "HEALTHCHECK [--interval=30s] [--timeout=30s] [--start-period=0s] [--start-interval=5s] [--retries=3] CMD <command>",
            "HEALTHCHECK NONE",
        ],
        flags: &[
            flag("interval", "<duration>", "Time between checks (default 30s)."),
            flag("timeout", "<duration>", "A check taking longer fails (default 30s)."),
            flag("start-period", "<duration>", "Start-up time during which failures don't count (default 0s)."),
            flag("start-interval", "<duration>", "Time between checks during the start period (default 5s)."),
            flag("retries", "<n>", "Consecutive failures before the container is unhealthy (default 3)."),
        ],
        snippet: "HEALTHCHECK --interval=${1:30s} CMD ${2:curl -f http://localhost/ || exit 1}",
        anchor: "healthcheck",
    },
    InstructionDoc {
        keyword: Keyword::Label,
        summary: "Adds metadata to the image as key/value pairs (e.g. `org.opencontainers.image.source`).",
        forms: &["LABEL <key>=<value> [<key>=<value>...]"],
        flags: &[],
        snippet: "LABEL ${1:org.opencontainers.image.source}=${2:value}",
        anchor: "label",
    },
    InstructionDoc {
        keyword: Keyword::Maintainer,
        summary: "Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors=…` instead.",
        forms: &["MAINTAINER <name>"],
        flags: &[],
        snippet: "LABEL org.opencontainers.image.authors=\"${1:name}\"",
        anchor: "maintainer-deprecated",
    },
    InstructionDoc {
        keyword: Keyword::Onbuild,
        summary: "Registers an instruction to run when another build uses this image as its base.",
        forms: &["ONBUILD <INSTRUCTION>"],
        flags: &[],
        snippet: "ONBUILD ${1:RUN} ${2}",
        anchor: "onbuild",
    },
    InstructionDoc {
        keyword: Keyword::Run,
        summary: "Runs a command in a new layer during the build (shell form runs `/bin/sh -c` unless SHELL says otherwise).",
        forms: &[
            "RUN [--mount=<options>] [--network=<mode>] [--security=<mode>] <command>   (shell form)",
            "RUN [\"executable\", \"param1\"]   (exec form)",
            "RUN <<EOF ... EOF   (script from a heredoc)",
        ],
        flags: &[
            flag_v(
                "mount",
                "type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]",
                "Mount a cache, secret, SSH agent, tmpfs or files from another stage for this command only.",
                &["type=cache,target=", "type=secret,id=", "type=ssh", "type=bind,from=", "type=tmpfs,target="],
            ),
            flag_v("network", "<default|none|host>", "Network access of the command.", &["default", "none", "host"]),
            flag_v(
                "security",
                "<sandbox|insecure>",
                "`insecure` runs the command with elevated privileges (needs an entitlement).",
                &["sandbox", "insecure"],
            ),
            flag("device", "<name>[,required]", "Make a CDI device available to the command (experimental)."),
        ],
        snippet: "RUN ${1:command}",
        anchor: "run",
    },
    InstructionDoc {
        keyword: Keyword::Shell,
        summary: "Changes the shell used by shell-form RUN, CMD and ENTRYPOINT (JSON form only).",
        forms: &["SHELL [\"executable\", \"parameters\"]"],
        flags: &[],
        snippet: "SHELL [\"${1:/bin/bash}\", \"${2:-o}\", \"${3:pipefail}\", \"-c\"]",
        anchor: "shell",
    },
    InstructionDoc {
        keyword: Keyword::Stopsignal,
        summary: "The signal that stops the container (default SIGTERM).",
        forms: &["STOPSIGNAL <signal>"],
        flags: &[],
        snippet: "STOPSIGNAL ${1:SIGTERM}",
        anchor: "stopsignal",
    },
    InstructionDoc {
        keyword: Keyword::User,
        summary: "The user (and group) for the rest of the stage and for containers. A numeric UID works without /etc/passwd.",
        forms: &["USER <user>[:<group>]", "USER <UID>[:<GID>]"],
        flags: &[],
        snippet: "USER ${1:1000}",
        anchor: "user",
    },
    InstructionDoc {
        keyword: Keyword::Volume,
        summary: "Declares mount points for externally mounted volumes; changes to them after this line are discarded.",
        forms: &["VOLUME [\"/data\"]", "VOLUME /data [/more...]"],
        flags: &[],
        snippet: "VOLUME ${1:/data}",
        anchor: "volume",
    },
    InstructionDoc {
        keyword: Keyword::Workdir,
        summary: "The working folder for the instructions that follow and for containers; created if missing. Use absolute paths.",
        forms: &["WORKDIR /path/to/workdir"],
        flags: &[],
        snippet: "WORKDIR ${1:/app}",
        anchor: "workdir",
    },
];

/// The documentation of an instruction.
pub fn instruction(k: Keyword) -> Option<&'static InstructionDoc> {
    INSTRUCTIONS.iter().find(|d| d.keyword == k)
}

/// The parser directives.
pub static DIRECTIVES: &[(&str, &str, &str)] = &[
    (
        "syntax",
        "docker/dockerfile:1",
        "The Dockerfile frontend image to build with; `docker/dockerfile:1` follows the latest stable 1.x.",
    ),
    ("escape", "`", "The escape and line-continuation character: `\\` (default) or `` ` `` (handy on Windows)."),
    (
        "check",
        "skip=<checks>|all;error=true",
        "Configures BuildKit's build checks: skip some or all, or make them fail the build.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_instruction_is_documented_with_the_flags_the_parser_accepts() {
        for k in Keyword::ALL {
            let d = instruction(k).unwrap_or_else(|| panic!("{k:?} undocumented"));
            let mut documented: Vec<&str> = d.flags.iter().map(|f| f.name).collect();
            let mut accepted = crate::syntax::flag_names(k);
            documented.sort_unstable();
            accepted.sort_unstable();
            assert_eq!(documented, accepted, "{k:?}");
            assert!(d.markdown().contains(k.name()));
        }
    }
}
