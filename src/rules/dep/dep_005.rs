use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "DEP-005", Dep, Error, "", "", "", None
}
