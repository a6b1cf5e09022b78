use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "ACL-001", Acl, Error, "", "", "", None
}
