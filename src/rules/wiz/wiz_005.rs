use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "WIZ-005", Wiz, Error, "", "", "", None
}
