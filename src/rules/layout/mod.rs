//! LAYOUT — archive and folder layout (guide §1.1.6.1).

pub mod layout_001;
pub mod layout_002;
pub mod layout_003;
pub mod layout_004;
pub mod layout_005;
pub mod layout_006;
pub mod layout_007;
pub mod layout_008;
pub mod layout_009;
