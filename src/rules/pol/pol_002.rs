use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "POL-002", Pol, Error, "", "", "", None
}
