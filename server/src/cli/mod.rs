//! The command line: `check` (lint files for CI and people) and `explain`.

pub mod check;
pub mod explain;
pub mod lines;
mod output;

pub use check::{CheckArgs, OutputFormat, run_check};
