use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "RES-002", Res, Error, "", "", "", None
}
