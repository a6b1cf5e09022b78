use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "LAYOUT-006", Layout, Error, "", "", "", None
}
