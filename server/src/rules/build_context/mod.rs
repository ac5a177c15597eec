//! Rules that compare the Dockerfile with its build context (the folder sent to the
//! builder). They need the context from outside (`Inputs::context_match`) and stay
//! silent when it is unknown.

mod copy_source_missing;

use super::Rule;

pub(crate) static RULES: &[&Rule] = &[&copy_source_missing::RULE];
