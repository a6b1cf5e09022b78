use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CFG-009", Cfg, Error, "", "", "", None
}
