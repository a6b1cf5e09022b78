use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CHART-006", Chart, Error, "", "", "", None
}
