use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "ACL-002", Acl, Error, "", "", "", None
}
