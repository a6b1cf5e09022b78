use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "WIZ-003", Wiz, Error, "", "", "", None
}
