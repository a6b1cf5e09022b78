//! values.schema.json: which values Helm checks against which schema before it renders (the
//! chart's and each enabled subchart's, with the values as coalesced: defaults, the user's,
//! globals), and the validator that checks them. The renderer only gathers the checks; the
//! validator (a JSON Schema crate, ~440 KB of wasm) is given by the caller: the CLI has one
//! built in (`values-schema` feature), the page loads one apart.

use super::compose::Composed;
use gotmpl::Value;
use std::rc::Rc;

/// One chart's values to check against its schema.
#[derive(Clone, Debug)]
pub struct SchemaCheck {
    /// Where the chart is in the input (`app/`, `app/charts/db-1.0.0.tgz/db/`).
    pub prefix: String,
    /// Its values' place in the top chart's values (`[]`; `["db"]` for a subchart used as `db`).
    pub values_path: Vec<String>,
    /// The text of values.schema.json.
    pub schema: Rc<str>,
    /// The values it gets, as JSON.
    pub values_json: String,
}

pub use values_schema::{BrokenSchema, Validator, Violation};

#[cfg(feature = "values-schema")]
pub use values_schema::Builtin;

/// A check and what the validator said.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub check: SchemaCheck,
    pub result: Result<Vec<Violation>, BrokenSchema>,
}

/// The checks of `composed`: the chart's own schema, then its subcharts', depth first.
pub fn checks(composed: &Composed) -> Vec<SchemaCheck> {
    let mut out = Vec::new();
    gather(composed, &mut Vec::new(), &mut out);
    out
}

fn gather(chart: &Composed, path: &mut Vec<String>, out: &mut Vec<SchemaCheck>) {
    if let Some(schema) = &chart.node.schema {
        let values = Value::Map(chart.values.clone());
        let values_json = super::funcs::json::marshal_text(&values).unwrap_or_default();
        out.push(SchemaCheck {
            prefix: chart.node.prefix.clone(),
            values_path: path.clone(),
            schema: schema.clone(),
            values_json,
        });
    }
    for sub in &chart.subcharts {
        path.push(sub.node.name.clone());
        gather(sub, path, out);
        path.pop();
    }
}
