//! hadolint's best practices (DL codes as aliases) that BuildKit has no check for.
//! Where hadolint and BuildKit disagree, BuildKit's behaviour wins (see each rule's docs).

mod add_instead_of_copy;
mod consecutive_run;
mod copy_entire_filesystem;
mod copy_for_archive;
mod copy_multi_src_dest_slash;
mod copy_relative_dest_no_workdir;
mod env_self_reference;
mod from_untrusted_registry;
mod healthcheck_missing;
mod ignore_pragma_used;
mod label_empty;
mod label_invalid_email;
mod label_invalid_git_hash;
mod label_invalid_key;
mod label_invalid_rfc3339;
mod label_invalid_semver;
mod label_invalid_spdx;
mod label_invalid_url;
mod label_missing;
mod label_superfluous;
pub(super) mod labels;
mod last_user_root;
mod shell;
mod user_non_numeric;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &from_untrusted_registry::RULE,
    &copy_entire_filesystem::RULE,
    &env_self_reference::RULE,
    &copy_multi_src_dest_slash::RULE,
    &copy_relative_dest_no_workdir::RULE,
    &add_instead_of_copy::RULE,
    &copy_for_archive::RULE,
    &last_user_root::RULE,
    &user_non_numeric::RULE,
    &healthcheck_missing::RULE,
    &label_invalid_key::RULE,
    &label_missing::RULE,
    &label_superfluous::RULE,
    &label_empty::RULE,
    &label_invalid_url::RULE,
    &label_invalid_rfc3339::RULE,
    &label_invalid_spdx::RULE,
    &label_invalid_git_hash::RULE,
    &label_invalid_semver::RULE,
    &label_invalid_email::RULE,
    &ignore_pragma_used::RULE,
    &consecutive_run::RULE,
];

/// File name endings hadolint treats as archives ADD would extract (plus zstd, which
/// BuildKit also unpacks).
pub(crate) const ARCHIVE_EXTENSIONS: [&str; 17] = [
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",
    ".zst", ".tzst",
];

/// A source ADD fetches from elsewhere: a URL or a git repository.
pub(crate) fn is_remote(src: &str) -> bool {
    let s = drop_quotes(src);
    ["http://", "https://", "git@", "git://", "ssh://"].iter().any(|p| s.starts_with(p))
}

/// The text without surrounding quotes (as hadolint compares paths).
pub(crate) fn drop_quotes(s: &str) -> &str {
    s.trim_matches(['"', '\''])
}
