//! (being written)

use super::Plain;

pub(super) fn register(_funcs: &mut Plain) {}

pub(super) fn register_with_context(_funcs: &mut crate::exec::Funcs) {}
