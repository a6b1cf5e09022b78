//! gotmpl's Sprig functions (crates/gotmpl/src/sprig, the same files) as a crate of their own.
//!
//! A profile sets the opt-level per crate: the page's wasm (Cargo.toml, `[profile.wasm]`) builds
//! the template engine (gotmpl) at "s", which carries rendering's time, and these functions at
//! "z", which halves their size. Hosts take Sprig from here (`gotmpl_sprig::funcs()`); gotmpl's
//! own `sprig` module is then never called and drops out of the link, and keeps its tests.
//!
//! The sources name the engine's items by `crate::…` paths: the modules below re-export them.

#[path = "../../gotmpl/src/sprig/mod.rs"]
mod sprig;

pub use sprig::*;

mod exec {
    pub use gotmpl::exec::*;
}
mod value {
    pub use gotmpl::value::*;
}
mod fmt {
    pub use gotmpl::fmt::*;
}
