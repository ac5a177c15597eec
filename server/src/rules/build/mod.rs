//! What `docker build` rejects that needs more than one instruction to see.

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[];
