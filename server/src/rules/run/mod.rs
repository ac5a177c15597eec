//! hadolint's checks of what RUN executes (DL codes as aliases). They read the shell
//! commands parsed by [`crate::model::shell`], never regexes over raw text, and stay
//! silent where a POSIX shell does not run the code (after a SHELL selecting PowerShell
//! or cmd, on Windows base images).

mod apk_no_cache;
mod apk_pin_versions;
mod apt_get_lists_not_deleted;
mod apt_get_missing_y;
mod apt_get_no_install_recommends;
mod apt_get_pin_versions;
mod apt_use_apt_get;
mod dnf_clean_all;
mod dnf_missing_y;
mod dnf_pin_versions;
mod gem_pin_versions;
mod go_install_pin_versions;
pub(super) mod index;
mod npm_pin_versions;
mod pip_no_cache_dir;
mod pip_pin_versions;
mod pkg;
mod rpm;
mod run_cd;
mod run_pipefail;
mod run_pointless_command;
mod run_sudo;
mod run_use_shell_instruction;
mod scripts;
mod useradd_missing_l;
mod wget_and_curl;
mod wget_no_progress;
mod yarn_cache_clean;
mod yum_clean_all;
mod yum_missing_y;
mod yum_pin_versions;
mod zypper_clean;
mod zypper_dist_upgrade;
mod zypper_missing_y;
mod zypper_pin_versions;

use super::Rule;

/// In the order of the rules table (section C).
pub(crate) static RULES: &[&Rule] = &[
    &run_cd::RULE,
    &run_sudo::RULE,
    &run_pointless_command::RULE,
    &apt_get_pin_versions::RULE,
    &apt_get_lists_not_deleted::RULE,
    &apt_get_missing_y::RULE,
    &apt_get_no_install_recommends::RULE,
    &apt_use_apt_get::RULE,
    &pip_pin_versions::RULE,
    &pip_no_cache_dir::RULE,
    &npm_pin_versions::RULE,
    &apk_pin_versions::RULE,
    &apk_no_cache::RULE,
    &gem_pin_versions::RULE,
    &go_install_pin_versions::RULE,
    &yum_missing_y::RULE,
    &yum_clean_all::RULE,
    &yum_pin_versions::RULE,
    &zypper_missing_y::RULE,
    &zypper_dist_upgrade::RULE,
    &zypper_clean::RULE,
    &zypper_pin_versions::RULE,
    &dnf_missing_y::RULE,
    &dnf_clean_all::RULE,
    &dnf_pin_versions::RULE,
    &useradd_missing_l::RULE,
    &wget_no_progress::RULE,
    &yarn_cache_clean::RULE,
    &wget_and_curl::RULE,
    &run_use_shell_instruction::RULE,
    &run_pipefail::RULE,
];

#[cfg(test)]
mod tests;
