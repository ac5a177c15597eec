//! Package managers (stub).
use super::Command;
pub fn install_command(_c: &Command, _s: &str) -> Option<()> {
    None
}
pub fn manager_command(_c: &Command, _s: &str) -> Option<()> {
    None
}
