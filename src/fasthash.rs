//! Fast non-cryptographic hashing (rustc's Fx hash, from the `rustc-hash`
//! crate) for the in-memory word sets and maps the passes look up on every
//! candidate. Lookups give the same answers as with the std hasher; nothing
//! iterates these maps in an order that reaches the output.

pub(crate) use rustc_hash::{FxHashMap, FxHashSet};
