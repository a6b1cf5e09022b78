use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "HOOK-004", Hook, Error, "", "", "", None
}
