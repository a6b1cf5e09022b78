//! POL rules.
pub mod pol_001;
pub mod pol_002;
pub mod pol_003;
pub mod pol_004;
