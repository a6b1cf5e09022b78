use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "POL-004", Pol, Error, "", "", "", None
}
