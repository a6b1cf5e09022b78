use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "LAYOUT-002", Layout, Error, "", "", "", None
}
