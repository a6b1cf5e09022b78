use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "I18N-001", I18n, Error, "", "", "", None
}
