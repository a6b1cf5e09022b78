use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "DEP-006", Dep, Error, "", "", "", None
}
