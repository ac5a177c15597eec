//! hadolint's best practices (DL codes as aliases).

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[];
