use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "NAV-004", Nav, Error, "", "", "", None
}
