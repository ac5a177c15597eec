//! Completion.
pub mod mounts;
