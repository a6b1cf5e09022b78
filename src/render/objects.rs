//! Helm's built-in objects as host objects of the template engine: `.Chart` (Chart.yaml with
//! Go's field names), `.Capabilities` (with `KubeVersion`, `APIVersions.Has`, `HelmVersion`)
//! and `.Files` (`Get`, `GetBytes`, `Glob`, `Lines`, `AsConfig`, `AsSecrets`). `.Release` and
//! `.Template` are plain maps in Helm 3 and built in `mod.rs`. Type names are what helm3's
//! `printf "%T"` prints.

use super::helmignore::glob_match;
use super::tree::ChartNode;
use gotmpl::{Map, Object, Value};
use std::rc::Rc;

/// Chart.yaml's fields: (Go field name, YAML key, kind of empty value).
const METADATA_FIELDS: &[(&str, &str, Empty)] = &[
    ("Name", "name", Empty::Str),
    ("Home", "home", Empty::Str),
    ("Sources", "sources", Empty::List),
    ("Version", "version", Empty::Str),
    ("Description", "description", Empty::Str),
    ("Keywords", "keywords", Empty::List),
    ("Maintainers", "maintainers", Empty::List),
    ("Icon", "icon", Empty::Str),
    ("APIVersion", "apiVersion", Empty::Str),
    ("Condition", "condition", Empty::Str),
    ("Tags", "tags", Empty::Str),
    ("AppVersion", "appVersion", Empty::Str),
    ("Deprecated", "deprecated", Empty::Bool),
    ("Annotations", "annotations", Empty::Map),
    ("KubeVersion", "kubeVersion", Empty::Str),
    ("Dependencies", "dependencies", Empty::List),
    ("Type", "type", Empty::Str),
];

#[derive(Clone, Copy, Debug)]
enum Empty {
    Str,
    List,
    Bool,
    Map,
}

/// `.Chart`: helm3's `struct { chart.Metadata; IsRoot bool }`.
#[derive(Debug)]
pub struct ChartObject {
    metadata: Map,
    is_root: bool,
}

impl ChartObject {
    pub fn new(chart: &ChartNode, is_root: bool) -> ChartObject {
        let metadata = chart.metadata.shallow_copy();
        // An alias renames the chart (Helm copies it under the alias).
        metadata.insert("name", Value::from(chart.name.as_str()));
        ChartObject { metadata, is_root }
    }

    fn field(&self, key: &str, empty: Empty) -> Value {
        let value = self.metadata.get(key).unwrap_or(Value::Nil);
        match (value, empty) {
            (Value::Nil, Empty::Str) => Value::str(""),
            (Value::Nil, Empty::List) => Value::list(Vec::new()),
            (Value::Nil, Empty::Bool) => Value::Bool(false),
            (Value::Nil, Empty::Map) => Value::Map(Map::new()),
            (Value::Float(f), Empty::Str) => {
                Value::from(gotmpl::fmt::format_value(&Value::Float(f)))
            }
            (Value::Int(i, _), Empty::Str) => Value::from(i.to_string()),
            (Value::Bool(b), Empty::Str) => Value::from(b.to_string()),
            (v, Empty::List) if key == "maintainers" || key == "dependencies" => {
                go_structs(&v, key)
            }
            (v, _) => v,
        }
    }
}

/// Maintainers and dependencies as Go structs see them: maps under Go's field names.
fn go_structs(list: &Value, key: &str) -> Value {
    let Value::List(items) = list else {
        return list.clone();
    };
    let fields: &[(&str, &str)] = if key == "maintainers" {
        &[("Name", "name"), ("Email", "email"), ("URL", "url")]
    } else {
        &[
            ("Name", "name"),
            ("Version", "version"),
            ("Repository", "repository"),
            ("Condition", "condition"),
            ("Tags", "tags"),
            ("Enabled", "enabled"),
            ("ImportValues", "import-values"),
            ("Alias", "alias"),
        ]
    };
    Value::list(
        items
            .items()
            .iter()
            .map(|item| match item {
                Value::Map(m) => Value::Map(Map::from_entries(fields.iter().map(|(go, yaml)| {
                    let v = m.get(yaml).unwrap_or(match *go {
                        "Tags" | "ImportValues" => Value::list(Vec::new()),
                        "Enabled" => Value::Bool(false),
                        _ => Value::str(""),
                    });
                    (go.to_string(), v)
                }))),
                other => other.clone(),
            })
            .collect(),
    )
}

impl Object for ChartObject {
    fn type_name(&self) -> &str {
        "struct { chart.Metadata; IsRoot bool }"
    }

    fn member(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        if name == "IsRoot" {
            return Ok(Some(Value::Bool(self.is_root)));
        }
        Ok(METADATA_FIELDS
            .iter()
            .find(|(go, _, _)| *go == name)
            .map(|(_, key, empty)| self.field(key, *empty)))
    }

    fn format(&self) -> String {
        let fields: Vec<String> = METADATA_FIELDS
            .iter()
            .map(|(_, key, empty)| gotmpl::fmt::format_value(&self.field(key, *empty)))
            .collect();
        format!("{{{{{}}} {}}}", fields.join(" "), self.is_root)
    }

    fn to_data(&self) -> Value {
        // encoding/json of the embedded Metadata: its JSON names, empty fields omitted
        // (name, version and apiVersion always there), then IsRoot.
        let out = Map::new();
        for (_, key, _) in METADATA_FIELDS {
            let v = self.metadata.get(key).unwrap_or(Value::Nil);
            if v.truth() || matches!(*key, "name" | "version" | "apiVersion") {
                out.insert(*key, if v.is_nil() { Value::str("") } else { v });
            }
        }
        out.insert("IsRoot", Value::Bool(self.is_root));
        Value::Map(out)
    }
}

/// `.Capabilities`.
#[derive(Debug)]
pub struct Capabilities {
    pub kube: Rc<KubeVersion>,
    pub api_versions: Rc<ApiVersions>,
}

impl Object for Capabilities {
    fn type_name(&self) -> &str {
        "*chartutil.Capabilities"
    }

    fn member(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(match name {
            "KubeVersion" => Some(Value::Object(self.kube.clone())),
            "APIVersions" => Some(Value::Object(self.api_versions.clone())),
            "HelmVersion" => Some(Value::Object(Rc::new(HelmVersion))),
            _ => None,
        })
    }

    fn format(&self) -> String {
        format!(
            "&{{{} {} {}}}",
            self.kube.format(),
            self.api_versions.format(),
            HelmVersion.format()
        )
    }

    fn to_data(&self) -> Value {
        Value::Map(Map::from_entries([
            ("KubeVersion".to_string(), self.kube.to_data()),
            ("APIVersions".to_string(), self.api_versions.to_data()),
            ("HelmVersion".to_string(), HelmVersion.to_data()),
        ]))
    }
}

/// `.Capabilities.KubeVersion`: prints as its version (`v1.29.0`).
#[derive(Debug)]
pub struct KubeVersion {
    pub version: String,
    pub major: String,
    pub minor: String,
}

impl KubeVersion {
    /// From `--kube-version` (`1.29`, `v1.29.0`); `None` when it is no version.
    pub fn parse(text: &str) -> Option<KubeVersion> {
        let v = super::semver::Version::parse(text)?;
        Some(KubeVersion {
            version: format!("v{v}"),
            major: v.major.to_string(),
            minor: v.minor.to_string(),
        })
    }
}

impl Object for KubeVersion {
    fn type_name(&self) -> &str {
        "chartutil.KubeVersion"
    }

    fn member(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(match name {
            "Version" | "GitVersion" | "String" => Some(Value::from(self.version.as_str())),
            "Major" => Some(Value::from(self.major.as_str())),
            "Minor" => Some(Value::from(self.minor.as_str())),
            _ => None,
        })
    }

    fn format(&self) -> String {
        self.version.clone()
    }

    fn to_data(&self) -> Value {
        Value::Map(Map::from_entries([
            ("version".to_string(), Value::from(self.version.as_str())),
            ("major".to_string(), Value::from(self.major.as_str())),
            ("minor".to_string(), Value::from(self.minor.as_str())),
        ]))
    }
}

/// `.Capabilities.APIVersions`: a list of `group/version` (and `group/version/Kind`) with `Has`.
#[derive(Debug)]
pub struct ApiVersions(pub Vec<String>);

impl Object for ApiVersions {
    fn type_name(&self) -> &str {
        "chartutil.VersionSet"
    }

    fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match name {
            "Has" => {
                let [arg] = args else {
                    return Err(format!(
                        "wrong number of args for Has: want 1 got {}",
                        args.len()
                    ));
                };
                let wanted = arg.as_str().unwrap_or_default();
                Ok(Some(Value::Bool(self.0.iter().any(|v| v == wanted))))
            }
            _ => Ok(None),
        }
    }

    fn is_method(&self, name: &str) -> bool {
        name == "Has"
    }

    fn format(&self) -> String {
        format!("[{}]", self.0.join(" "))
    }

    fn to_data(&self) -> Value {
        Value::list(self.0.iter().map(|v| Value::from(v.as_str())).collect())
    }
}

/// `.Capabilities.HelmVersion`: helm3 v3.17.3's build.
#[derive(Debug)]
struct HelmVersion;

const HELM_VERSION: [(&str, &str); 4] = [
    ("Version", "v3.17.3"),
    ("GitCommit", "e4da49785aa6e6ee2b86efd5dd9e43400318262b"),
    ("GitTreeState", "clean"),
    ("GoVersion", "go1.23.7"),
];

impl Object for HelmVersion {
    fn type_name(&self) -> &str {
        "version.BuildInfo"
    }

    fn member(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(HELM_VERSION
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| Value::str(v)))
    }

    fn format(&self) -> String {
        format!("{{{}}}", HELM_VERSION.map(|(_, v)| v).join(" "))
    }

    fn to_data(&self) -> Value {
        let keys = ["version", "git_commit", "git_tree_state", "go_version"];
        Value::Map(Map::from_entries(
            keys.iter()
                .zip(HELM_VERSION)
                .map(|(k, (_, v))| (k.to_string(), Value::str(v))),
        ))
    }
}

/// `.Files`: the chart's files other than Chart.yaml, values.yaml, templates and subcharts.
#[derive(Debug, Clone)]
pub struct Files {
    pub files: Rc<Vec<(String, Rc<[u8]>)>>,
    /// `%v` of the whole object (every file as a list of byte values: megabytes for a chart
    /// with big files), made once: charts that print their context print it again and again.
    formatted: std::cell::OnceCell<String>,
}

impl Files {
    pub fn new(files: Rc<Vec<(String, Rc<[u8]>)>>) -> Files {
        Files {
            files,
            formatted: std::cell::OnceCell::new(),
        }
    }

    fn get(&self, name: &str) -> Option<&Rc<[u8]>> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, d)| d)
    }

    fn text(&self, name: &str) -> String {
        self.get(name)
            .map(|d| String::from_utf8_lossy(d).into_owned())
            .unwrap_or_default()
    }
}

fn one_string(name: &str, args: &[Value]) -> Result<String, String> {
    match args {
        [Value::String(s)] => Ok(s.to_string()),
        [other] => Ok(gotmpl::fmt::format_value(other)),
        _ => Err(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        )),
    }
}

impl Object for Files {
    fn type_name(&self) -> &str {
        "engine.files"
    }

    fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Get" => Value::from(self.text(&one_string(name, args)?)),
            "GetBytes" => {
                let data = self
                    .get(&one_string(name, args)?)
                    .cloned()
                    .unwrap_or_else(|| Rc::from(&b""[..]));
                Value::Bytes(data)
            }
            "Glob" => {
                let pattern = one_string(name, args)?;
                let files = self
                    .files
                    .iter()
                    .filter(|(n, _)| glob_match(&pattern, n, true))
                    .cloned()
                    .collect();
                Value::Object(Rc::new(Files::new(Rc::new(files))))
            }
            "Lines" => {
                let text = self.text(&one_string(name, args)?);
                if text.is_empty() {
                    Value::list(Vec::new())
                } else {
                    let body = text.strip_suffix('\n').unwrap_or(&text);
                    Value::list(body.split('\n').map(Value::from).collect())
                }
            }
            "AsConfig" => {
                let map = Map::from_entries(self.files.iter().map(|(n, d)| {
                    (
                        base_name(n).to_string(),
                        Value::from(String::from_utf8_lossy(d).into_owned()),
                    )
                }));
                Value::from(
                    super::to_yaml(&Value::Map(map))
                        .trim_end_matches('\n')
                        .to_string(),
                )
            }
            "AsSecrets" => {
                let map = Map::from_entries(self.files.iter().map(|(n, d)| {
                    (
                        base_name(n).to_string(),
                        Value::from(gotmpl_sprig::base64_encode(d)),
                    )
                }));
                Value::from(
                    super::to_yaml(&Value::Map(map))
                        .trim_end_matches('\n')
                        .to_string(),
                )
            }
            _ => return Ok(None),
        }))
    }

    fn is_method(&self, name: &str) -> bool {
        matches!(name, "Get" | "GetBytes" | "Glob" | "Lines")
    }

    fn format(&self) -> String {
        self.formatted
            .get_or_init(|| {
                let entries: Vec<String> = self
                    .files
                    .iter()
                    .map(|(n, d)| {
                        format!(
                            "{n}:{}",
                            gotmpl::fmt::format_value(&Value::Bytes(d.clone()))
                        )
                    })
                    .collect();
                format!("map[{}]", entries.join(" "))
            })
            .clone()
    }

    fn to_data(&self) -> Value {
        Value::Map(Map::from_entries(
            self.files
                .iter()
                .map(|(n, d)| (n.clone(), Value::Bytes(d.clone()))),
        ))
    }

    /// A map type in Go (`map[string][]byte`): `range $path, $bytes := .Files.Glob "x/*"` in
    /// path order, `len`, `index`, and false when empty (`{{ if .Files.Glob "x/*" }}`).
    fn map_entries(&self) -> Option<Vec<(String, Value)>> {
        let mut entries: Vec<(String, Value)> = self
            .files
            .iter()
            .map(|(n, d)| (n.clone(), Value::Bytes(d.clone())))
            .collect();
        slim_sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        Some(entries)
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_methods() {
        let files = Files::new(Rc::new(vec![
            ("README.md".into(), Rc::from(&b"hi\n"[..])),
            ("files/a.txt".into(), Rc::from(&b"f\n"[..])),
        ]));
        let get = files
            .member("Get", &[Value::str("README.md")])
            .unwrap()
            .unwrap();
        assert_eq!(get.as_str(), Some("hi\n"));
        let missing = files.member("Get", &[Value::str("nope")]).unwrap().unwrap();
        assert_eq!(missing.as_str(), Some(""));
        let Value::List(lines) = files
            .member("Lines", &[Value::str("README.md")])
            .unwrap()
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(lines.items().len(), 1);
        let Value::Object(glob) = files
            .member("Glob", &[Value::str("files/*")])
            .unwrap()
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(glob.type_name(), "engine.files");
        assert!(glob.truth());
        assert_eq!(glob.map_entries().unwrap()[0].0, "files/a.txt");
        let Value::Object(none) = files
            .member("Glob", &[Value::str("nope/*")])
            .unwrap()
            .unwrap()
        else {
            panic!()
        };
        assert!(!Value::Object(none).truth());
        assert!(files.member("Nope", &[]).unwrap().is_none());
    }

    #[test]
    fn kube_version_and_api_versions() {
        let kv = KubeVersion::parse("1.29").unwrap();
        assert_eq!(kv.format(), "v1.29.0");
        assert_eq!(
            kv.member("Minor", &[]).unwrap().unwrap().as_str(),
            Some("29")
        );
        let api = ApiVersions(vec!["v1".into(), "apps/v1".into()]);
        assert!(api
            .member("Has", &[Value::str("apps/v1")])
            .unwrap()
            .unwrap()
            .truth());
        assert!(!api
            .member("Has", &[Value::str("apps/v1/Deployment")])
            .unwrap()
            .unwrap()
            .truth());
    }
}
