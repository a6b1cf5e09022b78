use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "NAV-003", Nav, Error, "", "", "", None
}
