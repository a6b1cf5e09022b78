//! INPUT — reading what the user dropped (archives, folders, limits, unsafe entries).

pub mod input_001;
pub mod input_002;
pub mod input_003;
