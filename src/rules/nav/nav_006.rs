use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "NAV-006", Nav, Error, "", "", "", None
}
