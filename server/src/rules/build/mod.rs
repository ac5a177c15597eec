//! What `docker build` rejects that needs more than one instruction to see, or
//! values BuildKit only checks while building (ports, signals, COPY sources).

mod add_checksum_invalid;
mod copy_from_later_stage;
mod copy_from_self;
mod copy_from_unknown_stage;
mod copy_remote_source;
mod expose_invalid;
mod expose_port_range;
mod from_first;
mod mount_target_root;
mod run_device_labs;
mod stage_index_out_of_range;
pub(super) mod stage_refs;
mod stopsignal_invalid;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &from_first::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_from_self::RULE,
    &copy_from_later_stage::RULE,
    &stage_index_out_of_range::RULE,
    &copy_remote_source::RULE,
    &add_checksum_invalid::RULE,
    &expose_invalid::RULE,
    &expose_port_range::RULE,
    &stopsignal_invalid::RULE,
    &run_device_labs::RULE,
    &mount_target_root::RULE,
];
