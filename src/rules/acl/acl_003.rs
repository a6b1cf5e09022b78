use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "ACL-003", Acl, Error, "", "", "", None
}
