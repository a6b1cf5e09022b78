use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "LAYOUT-004", Layout, Error, "", "", "", None
}
