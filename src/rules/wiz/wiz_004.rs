use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "WIZ-004", Wiz, Error, "", "", "", None
}
