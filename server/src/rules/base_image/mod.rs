//! Advice about base images, from the catalog and live registries.

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[];
