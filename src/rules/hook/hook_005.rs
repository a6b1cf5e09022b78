use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "HOOK-005", Hook, Error, "", "", "", None
}
