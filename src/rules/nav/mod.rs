//! NAV rules.
#[cfg(test)]
mod fixture;
pub mod items;
pub mod nav_001;
pub mod nav_002;
pub mod nav_003;
pub mod nav_004;
pub mod nav_005;
pub mod nav_006;
pub mod nav_007;
pub mod nav_008;
