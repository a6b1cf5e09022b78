use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CAT-001", Cat, Error, "", "", "", None
}
