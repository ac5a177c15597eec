//! What we know about container images: the embedded catalog (tags, variants, EOL
//! dates), curated knowledge (what each image is, sizes, trade-offs) and live registries
//! (the only module that touches the network).

pub mod catalog;
pub mod knowledge;
pub mod registry;
