//! `RUN --mount` types and their options, for completion and hovers.

/// One option of a mount type.
#[derive(Debug)]
pub struct MountOption {
    pub name: &'static str,
    pub summary: &'static str,
    /// Values to offer after `name=`.
    pub values: &'static [&'static str],
    /// Written without `=value` (`required`, `readonly`).
    pub bare: bool,
}

/// One mount type.
#[derive(Debug)]
pub struct MountType {
    pub name: &'static str,
    pub summary: &'static str,
    pub options: &'static [MountOption],
}

const fn opt(name: &'static str, summary: &'static str) -> MountOption {
    MountOption { name, summary, values: &[], bare: false }
}

const fn opt_v(name: &'static str, summary: &'static str, values: &'static [&'static str]) -> MountOption {
    MountOption { name, summary, values, bare: false }
}

const fn flag(name: &'static str, summary: &'static str) -> MountOption {
    MountOption { name, summary, values: &["true", "false"], bare: true }
}

/// Every mount type BuildKit supports.
pub static MOUNT_TYPES: &[MountType] = &[
    MountType {
        name: "bind",
        summary: "Bind files from the build context or another stage or image (read-only by default). The default type.",
        options: &[
            opt("target", "Where to mount it (required)."),
            opt("source", "Path in the source to mount (default: its root)."),
            opt("from", "Stage or image to mount from (default: the build context)."),
            flag("rw", "Allow writes; they are discarded after the command."),
        ],
    },
    MountType {
        name: "cache",
        summary: "A persistent cache folder shared between builds (package manager and compiler caches). Its content never ends up in the image.",
        options: &[
            opt("target", "Where to mount the cache (required), e.g. /root/.cache/pip."),
            opt("id", "Cache id (default: the target path); the same id shares one cache."),
            opt_v(
                "sharing",
                "How concurrent builds share it: shared (default), private or locked.",
                &["shared", "private", "locked"],
            ),
            flag("readonly", "Mount read-only."),
            opt("from", "Stage to seed the cache from (default: empty)."),
            opt("source", "Path in `from` to seed it with."),
            opt("mode", "Permissions of a new cache folder, octal (default 0755)."),
            opt("uid", "Owner user id of a new cache folder (default 0)."),
            opt("gid", "Owner group id of a new cache folder (default 0)."),
        ],
    },
    MountType {
        name: "tmpfs",
        summary: "An empty in-memory folder for the command only.",
        options: &[opt("target", "Where to mount it (required)."), opt("size", "Size limit, e.g. 64m.")],
    },
    MountType {
        name: "secret",
        summary: "A secret passed with `docker build --secret id=…`, as a file (or environment variable) for this command only; it never ends up in a layer.",
        options: &[
            opt("id", "The secret's id (default: the target's file name)."),
            opt("target", "File path for the secret (default /run/secrets/<id>)."),
            opt("env", "Expose the secret as this environment variable instead of (or besides) a file."),
            flag("required", "Fail the build when the secret is not given."),
            opt("mode", "File permissions, octal (default 0400)."),
            opt("uid", "Owner user id (default 0)."),
            opt("gid", "Owner group id (default 0)."),
        ],
    },
    MountType {
        name: "ssh",
        summary: "Access to the SSH agent forwarded with `docker build --ssh`, e.g. for `git clone` of private repositories.",
        options: &[
            opt("id", "The agent or key id (default `default`)."),
            opt("target", "Socket path (default /run/buildkit/ssh_agent.<n>)."),
            flag("required", "Fail the build when no agent is forwarded."),
            opt("mode", "Socket permissions, octal (default 0600)."),
            opt("uid", "Owner user id (default 0)."),
            opt("gid", "Owner group id (default 0)."),
        ],
    },
];

/// A mount type by name.
pub fn mount_type(name: &str) -> Option<&'static MountType> {
    MOUNT_TYPES.iter().find(|t| t.name.eq_ignore_ascii_case(name))
}
