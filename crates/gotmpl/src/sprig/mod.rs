//! Sprig v3's functions as Helm exposes them (all but `env`/`expandenv`) (being written, issue 9).

mod crypto;

use crate::exec::Funcs;

/// Every Sprig function Helm offers.
pub fn funcs() -> Funcs {
    let mut funcs = Funcs::new();
    crypto::register(&mut funcs);
    funcs
}
