//! Which Kubernetes versions serve which built-in API (`apiVersion` + kind), from the JSON
//! schemas of the PyPI package `kubernetes-validate` (`scripts/k8s-apis/build.py` writes
//! `kube_apis.txt`; nothing in it is typed by hand). K8S-002 reads it, and the check renders
//! with the APIs the chosen version serves in `.Capabilities.APIVersions`, as a real cluster
//! would answer `helm install` (`helm template` alone knows only a fixed list).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// For each `apiVersion Kind`, the first and last minor version of Kubernetes 1.x serving it.
pub struct Apis {
    /// The versions the data covers: 1.`first` to 1.`last`.
    pub first: u64,
    pub last: u64,
    pub served: BTreeMap<String, (u64, u64)>,
    /// The API groups of `served` (`""` for the core group), each once.
    groups: Vec<String>,
}

pub fn apis() -> &'static Apis {
    static APIS: OnceLock<Apis> = OnceLock::new();
    APIS.get_or_init(|| parse(include_str!("kube_apis.txt")))
}

/// `kube_apis.txt`: `covered FIRST LAST`, then `apiVersion Kind FIRST LAST` per line.
fn parse(text: &str) -> Apis {
    let mut apis = Apis {
        first: 0,
        last: 0,
        served: BTreeMap::new(),
        groups: Default::default(),
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let minor = |i: usize| words.get(i).and_then(|w| w.parse().ok()).unwrap_or(0);
        match words.as_slice() {
            ["covered", ..] => (apis.first, apis.last) = (minor(1), minor(2)),
            [api, kind, _, _] => {
                apis.served
                    .insert(format!("{api} {kind}"), (minor(2), minor(3)));
            }
            _ => {}
        }
    }
    for key in apis.served.keys() {
        let name = group(key.split(' ').next().unwrap_or(""));
        if !apis.groups.iter().any(|g| g == name) {
            apis.groups.push(name.to_string());
        }
    }
    apis
}

/// The group of an `apiVersion` (`apps/v1` → `apps`; `v1` → ``).
pub fn group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

impl Apis {
    /// Whether `group` is one of Kubernetes' own (served by some version, or `extensions`).
    pub fn built_in(&self, group_name: &str) -> bool {
        group_name == "extensions" || self.groups.iter().any(|g| g == group_name)
    }

    /// The `apiVersion`s serving `kind` at 1.`minor` (`networking.k8s.io/v1` for Ingress).
    pub fn serving(&self, kind: &str, minor: u64) -> Vec<&str> {
        self.at(minor)
            .filter(|(_, k)| *k == kind)
            .map(|(api, _)| api)
            .collect()
    }

    /// `.Capabilities.APIVersions` of a cluster of 1.`minor`: every `group/version` and
    /// `group/version/Kind` it serves (the nearest version the data covers).
    pub fn capabilities(&self, minor: u64) -> Vec<String> {
        let minor = minor.clamp(self.first, self.last);
        let mut out: Vec<String> = Vec::new();
        for (api, kind) in self.at(minor) {
            if !out.iter().any(|a| a == api) {
                out.push(api.to_string());
            }
            out.push(format!("{api}/{kind}"));
        }
        out
    }

    /// (`apiVersion`, kind) of every API served at 1.`minor`.
    fn at(&self, minor: u64) -> impl Iterator<Item = (&str, &str)> {
        self.served
            .iter()
            .filter(move |(_, (first, last))| *first <= minor && minor <= *last)
            .filter_map(|(k, _)| k.split_once(' '))
    }
}

#[cfg(test)]
mod tests {
    use super::apis;

    #[test]
    fn a_cluster_of_1_32_serves_what_its_schemas_define() {
        let caps = apis().capabilities(32);
        assert!(caps.iter().any(|c| c == "apiregistration.k8s.io/v1"));
        assert!(caps.iter().any(|c| c == "networking.k8s.io/v1/Ingress"));
        assert!(!caps.iter().any(|c| c.starts_with("extensions/")));
        assert_eq!(apis().serving("Ingress", 32), ["networking.k8s.io/v1"]);
        assert!(apis().built_in("extensions"));
        assert!(apis().built_in(""));
        assert!(!apis().built_in("servicecatalog.ecp.com"));
        assert_eq!((apis().first, apis().last), (25, 37));
    }
}
