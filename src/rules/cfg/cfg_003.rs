use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "CFG-003", Cfg, Error, "", "", "", None
}
