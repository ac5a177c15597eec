//! BuildKit's build checks (the check names are aliases). Each follows the semantics
//! and wording of moby/buildkit's `frontend/dockerfile/linter` and `dockerfile2llb`.

mod consistent_instruction_casing;
mod copy_ignored_file;
mod expose_invalid_format;
mod expose_proto_casing;
mod from_as_casing;
mod from_base_platform_mismatch;
mod from_invalid_default_arg;
mod from_platform_const;
mod from_platform_redundant;
mod from_undefined_arg;
mod invalid_definition_description;
mod json_args_recommended;
mod legacy_key_value_format;
mod maintainer_deprecated;
mod multiple_instructions;
mod no_empty_continuation;
pub(crate) mod platform;
mod secrets_in_arg_env;
mod stage_name_casing;
mod stage_name_duplicate;
mod stage_name_reserved;
mod undefined_var;
pub(crate) mod util;
mod workdir_relative;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &from_platform_const::RULE,
    &from_platform_redundant::RULE,
    &from_base_platform_mismatch::RULE,
    &from_undefined_arg::RULE,
    &from_invalid_default_arg::RULE,
    &from_as_casing::RULE,
    &stage_name_casing::RULE,
    &stage_name_duplicate::RULE,
    &stage_name_reserved::RULE,
    &consistent_instruction_casing::RULE,
    &no_empty_continuation::RULE,
    &json_args_recommended::RULE,
    &maintainer_deprecated::RULE,
    &legacy_key_value_format::RULE,
    &multiple_instructions::RULE,
    &workdir_relative::RULE,
    &undefined_var::RULE,
    &secrets_in_arg_env::RULE,
    &copy_ignored_file::RULE,
    &invalid_definition_description::RULE,
    &expose_proto_casing::RULE,
    &expose_invalid_format::RULE,
];
