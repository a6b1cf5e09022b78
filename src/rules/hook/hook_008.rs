use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "HOOK-008", Hook, Error, "", "", "", None
}
