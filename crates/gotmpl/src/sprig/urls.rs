//! (being written)

use super::Plain;

pub(super) fn register(_funcs: &mut Plain) {}
