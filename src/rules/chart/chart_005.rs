use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CHART-005", Chart, Error, "", "", "", None
}
