use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "NAV-001", Nav, Error, "", "", "", None
}
