//! What we know about container images: the embedded catalog and live registries.

pub mod catalog;
pub mod knowledge;
pub mod registry;
