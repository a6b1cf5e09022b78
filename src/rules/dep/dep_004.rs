use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "DEP-004", Dep, Error, "", "", "", None
}
