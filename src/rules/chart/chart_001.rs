use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CHART-001", Chart, Error, "", "", "", None
}
