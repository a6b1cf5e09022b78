use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "RES-003", Res, Error, "", "", "", None
}
