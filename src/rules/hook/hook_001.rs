use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "HOOK-001", Hook, Error, "", "", "", None
}
