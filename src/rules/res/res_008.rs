use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "RES-008", Res, Error, "", "", "", None
}
