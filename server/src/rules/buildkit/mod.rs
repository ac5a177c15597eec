//! BuildKit's build checks (the check names are aliases).

mod maintainer_deprecated;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[&maintainer_deprecated::RULE];
