//! The command line: `check` (lint files for CI and people) and `explain`.

pub mod check;
pub mod explain;
pub mod lines;
mod output;

pub use check::{CheckArgs, OutputFormat, run_check};

use std::io::Write;

use crate::images::catalog::Date;
use crate::model::BuildArgs;

/// The `--today` option: the date given, or `None` when absent. A malformed date is
/// reported on `err` and gives `Err(())` (a usage error, exit status 2).
fn parse_today(today: Option<&str>, err: &mut dyn Write) -> Result<Option<Date>, ()> {
    match today {
        None => Ok(None),
        Some(t) => Date::parse(t).map(Some).ok_or_else(|| {
            let _ = writeln!(err, "dockerfile-lsp: --today {t}: expected a date as YYYY-MM-DD");
        }),
    }
}

/// `--build-arg NAME=VALUE` values; `--build-arg NAME` takes the value from the
/// environment, as docker does (and is left out when the variable is not set).
fn build_args(args: &[String]) -> BuildArgs {
    let mut out = BuildArgs::new();
    for a in args {
        match a.split_once('=') {
            Some((k, v)) => {
                out.insert(k.to_string(), v.to_string());
            }
            None => {
                if let Ok(v) = std::env::var(a) {
                    out.insert(a.clone(), v);
                }
            }
        }
    }
    out
}
