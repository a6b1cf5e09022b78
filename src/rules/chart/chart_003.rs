use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CHART-003", Chart, Error, "", "", "", None
}
