//! WIZ rules.
pub mod wiz_001;
pub mod wiz_002;
pub mod wiz_003;
pub mod wiz_004;
pub mod wiz_005;
