//! A chart's `values.schema.json` checked against its values, as Helm checks them before it
//! renders: every JSON Schema draft Helm accepts (4, 6, 7, 2019-09, 2020-12; 2020-12 when the
//! schema names none), local `$ref`s, no remote schema fetched (a remote `$ref` is a broken
//! schema, as it is offline for Helm). Each violation with the JSON pointer of the offending
//! value and a message in English and Chinese.

#[cfg(feature = "validator")]
mod validator;
#[cfg(feature = "validator")]
pub use validator::validate;

/// Checks values (JSON text) against a schema (JSON text): the built-in [`Builtin`] (feature
/// `validator`), or one given from elsewhere (the page's JS).
pub trait Validator {
    fn validate(&self, schema: &str, values_json: &str) -> Result<Vec<Violation>, BrokenSchema>;
}

/// The validator of this crate.
#[cfg(feature = "validator")]
pub struct Builtin;

#[cfg(feature = "validator")]
impl Validator for Builtin {
    fn validate(&self, schema: &str, values_json: &str) -> Result<Vec<Violation>, BrokenSchema> {
        let values: serde_json::Value =
            serde_json::from_str(values_json).map_err(|e| BrokenSchema {
                message: format!("the values are not JSON: {e}"),
                line: None,
            })?;
        validate(schema, &values)
    }
}

/// A value that breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer of the value in the values (`/image/tag`; `` for the root).
    pub instance: String,
    pub en: String,
    pub zh: String,
}

/// A schema that cannot be used: not JSON, or not a valid schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenSchema {
    pub message: String,
    /// The 1-based line of a JSON syntax error.
    pub line: Option<usize>,
}
