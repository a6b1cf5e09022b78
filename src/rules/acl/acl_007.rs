use crate::declare_rule;

declare_rule! {
    /// PLACEHOLDER: not yet implemented.
    RULE = "ACL-007", Acl, Error, "", "", "", None
}
