use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CHART-004", Chart, Error, "", "", "", None
}
