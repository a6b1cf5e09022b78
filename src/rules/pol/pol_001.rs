use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "POL-001", Pol, Error, "", "", "", None
}
