//! (being written)

pub(super) fn register_with_context(_funcs: &mut crate::exec::Funcs) {}
