use crate::declare_rule;
use crate::diagnostic::{Pos, Range};
use crate::rules::hook::scripts::hooks;
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reads the `kubectl` commands of hook scripts and reports a resource type that names a
    /// custom resource without its API group:
    /// - an ECP custom resource by its short name, kind or bare plural — `kubectl get cp`,
    ///   `kubectl patch cloudproduct …`, `kubectl delete licenses/x` — or with a wrong or
    ///   partial group (`cloudproducts.servicecatalog`); the full name is given;
    /// - any other type that is not a built-in Kubernetes resource (`kubectl get alertrules`):
    ///   most likely a custom resource, to be written `<plural>.<group>`.
    ///
    /// Built-in resources (`pods`, `po`, `deploy`, `cm`, `svc`, `jobs`, `crd`, `all`, … —
    /// plural, singular, short name or kind, any case) are fine without a group, as is any type
    /// with a dot (`alertrules.monitoring.example.io`). The ECP custom resources known here
    /// (group `servicecatalog.ecp.com`):
    ///
    /// | full name | also written |
    /// |---|---|
    /// | `cloudproducts.servicecatalog.ecp.com` | `cloudproduct`, `cloudproducts`, `cp` |
    /// | `licenses.servicecatalog.ecp.com` | `license`, `licenses` |
    /// | `cpconfigs.servicecatalog.ecp.com` | `cpconfig`, `cpconfigs` |
    ///
    /// The guide names the `cloudproduct` CR and the License CR's `apiVersion`
    /// (`servicecatalog.ecp.com/v1`); `cpconfig` is the product config it mentions, its group
    /// inferred from the other two.
    ///
    /// Commands are found where a command can start (line start, after `;`, `&&`, `||`, `|`,
    /// `$(`, `` ` ``, `then`, `do`, …, environment assignments skipped), across `\` line
    /// continuations, outside comments, quotes and here-documents. The type is the first
    /// argument that is not an option of `get`, `describe`, `delete`, `edit`, `patch`,
    /// `label`, `annotate`, `scale`, `wait`, `autoscale`, `expose` (the second of `rollout` and
    /// `set`); `type/name` and `a,b` lists are split. Arguments holding a `$` variable are
    /// skipped. Scripts that are not UTF-8 are skipped. The project is checked once, with its
    /// first chart.
    ///
    /// ## Why
    /// §1.1.6.10, 注意事项: "在脚本中通过 kubectl 操作自定义资源相关的命令，必须使用自定义资源全称，
    /// 原生资源不受影响" — kubectl commands on custom resources must use the resource's full
    /// name; built-in resources are not affected. A short name or bare plural depends on
    /// kubectl's discovery of the cluster's API groups, and can resolve to another group's
    /// resource of the same name.
    ///
    /// ## 中文
    /// hook 脚本中 kubectl 操作自定义资源时必须使用全称（§1.1.6.10），如
    /// `cloudproducts.servicecatalog.ecp.com`，而不是 `cp`、`cloudproduct`。对不属于 Kubernetes
    /// 原生资源、又没有写 API 组的资源类型同样给出警告；原生资源（`pods`、`deploy`、`cm` 等）
    /// 不受影响。
    ///
    /// ## Example
    /// ```sh,fail,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有依赖本产品的云产品
    /// # fail_en: Other cloud products still depend on this one
    /// set -e
    /// if kubectl get cp -n ems -o name | grep -q mycloud-addon; then
    ///   exit 1
    /// fi
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    /// ```sh,pass,file=../../hook/delete/check/pre/001_check.sh
    /// #!/bin/sh
    /// # fail_zh_hans: 仍有依赖本产品的云产品
    /// # fail_en: Other cloud products still depend on this one
    /// set -e
    /// if kubectl get cloudproducts.servicecatalog.ecp.com -n ems -o name | grep -q mycloud-addon; then
    ///   exit 1
    /// fi
    /// kubectl get pods -n mycloud-product
    /// echo 'mycloud-product delete pre check pass'
    /// ```
    RULE = "HOOK-007", Hook, Warning, "§1.1.6.10",
    "kubectl on a custom resource without its full name", "kubectl 操作自定义资源未使用全称", Project(check)
}

/// The group of the ECP custom resources.
const ECP_GROUP: &str = "servicecatalog.ecp.com";

/// ECP custom resources: full name and the names kubectl would take without the group.
const ECP: &[(&str, &[&str])] = &[
    (
        "cloudproducts.servicecatalog.ecp.com",
        &["cloudproduct", "cloudproducts", "cp"],
    ),
    ("licenses.servicecatalog.ecp.com", &["license", "licenses"]),
    (
        "cpconfigs.servicecatalog.ecp.com",
        &["cpconfig", "cpconfigs"],
    ),
];

/// Built-in Kubernetes resources (`kubectl api-resources` of a plain cluster, old ones
/// included): plural, singular (= kind, lowercased) and short names.
#[rustfmt::skip]
const NATIVE: &[&str] = &[
    "all",
    // core
    "bindings", "binding",
    "componentstatuses", "componentstatus", "cs",
    "configmaps", "configmap", "cm",
    "endpoints", "endpoint", "ep",
    "events", "event", "ev",
    "limitranges", "limitrange", "limits",
    "namespaces", "namespace", "ns",
    "nodes", "node", "no",
    "persistentvolumeclaims", "persistentvolumeclaim", "pvc",
    "persistentvolumes", "persistentvolume", "pv",
    "pods", "pod", "po",
    "podtemplates", "podtemplate",
    "replicationcontrollers", "replicationcontroller", "rc",
    "resourcequotas", "resourcequota", "quota",
    "secrets", "secret",
    "serviceaccounts", "serviceaccount", "sa",
    "services", "service", "svc",
    // admissionregistration, apiextensions, apiregistration
    "mutatingwebhookconfigurations", "mutatingwebhookconfiguration",
    "validatingwebhookconfigurations", "validatingwebhookconfiguration",
    "validatingadmissionpolicies", "validatingadmissionpolicy",
    "validatingadmissionpolicybindings", "validatingadmissionpolicybinding",
    "mutatingadmissionpolicies", "mutatingadmissionpolicy",
    "mutatingadmissionpolicybindings", "mutatingadmissionpolicybinding",
    "customresourcedefinitions", "customresourcedefinition", "crd", "crds",
    "apiservices", "apiservice",
    // apps, autoscaling, batch
    "controllerrevisions", "controllerrevision",
    "daemonsets", "daemonset", "ds",
    "deployments", "deployment", "deploy",
    "replicasets", "replicaset", "rs",
    "statefulsets", "statefulset", "sts",
    "horizontalpodautoscalers", "horizontalpodautoscaler", "hpa",
    "cronjobs", "cronjob", "cj",
    "jobs", "job",
    // authentication, authorization
    "tokenreviews", "tokenreview",
    "selfsubjectreviews", "selfsubjectreview",
    "localsubjectaccessreviews", "localsubjectaccessreview",
    "selfsubjectaccessreviews", "selfsubjectaccessreview",
    "selfsubjectrulesreviews", "selfsubjectrulesreview",
    "subjectaccessreviews", "subjectaccessreview",
    // certificates, coordination, discovery, flowcontrol
    "certificatesigningrequests", "certificatesigningrequest", "csr",
    "clustertrustbundles", "clustertrustbundle",
    "leases", "lease",
    "endpointslices", "endpointslice",
    "flowschemas", "flowschema",
    "prioritylevelconfigurations", "prioritylevelconfiguration",
    // networking, node, policy
    "ingressclasses", "ingressclass",
    "ingresses", "ingress", "ing",
    "networkpolicies", "networkpolicy", "netpol",
    "ipaddresses", "ipaddress",
    "servicecidrs", "servicecidr",
    "runtimeclasses", "runtimeclass",
    "poddisruptionbudgets", "poddisruptionbudget", "pdb",
    "podsecuritypolicies", "podsecuritypolicy", "psp",
    // rbac, scheduling, storage, resource
    "clusterrolebindings", "clusterrolebinding",
    "clusterroles", "clusterrole",
    "rolebindings", "rolebinding",
    "roles", "role",
    "priorityclasses", "priorityclass", "pc",
    "csidrivers", "csidriver",
    "csinodes", "csinode",
    "csistoragecapacities", "csistoragecapacity",
    "storageclasses", "storageclass", "sc",
    "volumeattachments", "volumeattachment",
    "volumeattributesclasses", "volumeattributesclass", "vac",
    "resourceclaims", "resourceclaim",
    "resourceclaimtemplates", "resourceclaimtemplate",
    "resourceslices", "resourceslice",
    "deviceclasses", "deviceclass",
];

/// Verbs whose first argument is a resource type.
#[rustfmt::skip]
const TYPE_VERBS: &[&str] = &[
    "get", "describe", "delete", "edit", "patch", "label", "annotate", "scale", "wait",
    "autoscale", "expose",
];
/// Verbs with a subcommand before the resource type.
const SUB_VERBS: &[&str] = &["rollout", "set"];
/// Long options that take their value as the next argument.
#[rustfmt::skip]
const VALUE_LONG: &[&str] = &[
    "namespace", "output", "selector", "filename", "container", "field-selector", "sort-by",
    "template", "patch", "type", "for", "timeout", "context", "cluster", "kubeconfig", "server",
    "token", "user", "as", "as-group", "replicas", "current-replicas", "resource-version",
    "label-columns", "chunk-size", "grace-period", "subresource", "field-manager", "kustomize",
    "request-timeout", "min", "max", "cpu-percent", "port", "target-port", "name", "protocol",
    "patch-file", "output-watch-events", "certificate-authority", "client-certificate",
    "client-key", "tls-server-name", "cache-dir", "profile", "profile-output",
];
/// Short options that take their value as the next argument.
const VALUE_SHORT: &[&str] = &["-n", "-o", "-l", "-f", "-c", "-p", "-L", "-s", "-k"];
/// Words after which a command still starts.
#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "then", "do", "else", "elif", "if", "while", "until", "!", "{", "time", "exec", "command",
    "xargs", "sudo", "nohup", "env", "watch",
];

fn check(project: &ProjectScope, out: &mut Findings) {
    let chart = project.lead();
    let Some(hooks) = hooks(chart) else {
        return;
    };
    for (f, text) in hooks.readable_scripts() {
        for cmd in kubectl_commands(text) {
            for ty in cmd.types {
                report(out, &f.file.path, &cmd.verb, &ty);
            }
        }
    }
}

fn report(out: &mut Findings, path: &str, verb: &str, ty: &Word) {
    let written = ty.text.as_str();
    let lower = written.to_ascii_lowercase();
    if !lower
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        || !lower.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return;
    }
    let (first, group) = match lower.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (lower.as_str(), None),
    };
    let ecp = ECP.iter().find(|(_, names)| names.contains(&first));
    match (ecp, group) {
        (Some((full, _)), Some(group)) => {
            // `<plural>.<group>` or `<singular>.<group>`; a short name takes no group.
            let plural = full.split('.').next().unwrap_or(full);
            let long = first == plural || format!("{first}s") == plural;
            if (group == ECP_GROUP || group.ends_with(&format!(".{ECP_GROUP}"))) && long {
                return;
            }
            out.report(
                path,
                Some(ty.range),
                text!(
                    "`kubectl {verb} {written}`: `{written}` is not the full name of the custom resource `{full}`",
                    "`kubectl {verb} {written}`：`{written}` 不是自定义资源 `{full}` 的全称"
                ),
            )
            .help(text!("write `{full}`", "请写作 `{full}`"));
        }
        (Some((full, _)), None) => {
            out.report(
                path,
                Some(ty.range),
                text!(
                    "`kubectl {verb} {written}`: `{written}` names the custom resource `{full}` without its group; hook scripts must use the full name",
                    "`kubectl {verb} {written}`：`{written}` 是自定义资源 `{full}` 的简称；hook 脚本中必须使用全称"
                ),
            )
            .help(text!("write `{full}`", "请写作 `{full}`"));
        }
        (None, Some(_)) => {}
        (None, None) => {
            if NATIVE.contains(&first) {
                return;
            }
            out.report(
                path,
                Some(ty.range),
                text!(
                    "`kubectl {verb} {written}`: `{written}` is not a built-in Kubernetes resource; a custom resource must be named in full",
                    "`kubectl {verb} {written}`：`{written}` 不是 Kubernetes 原生资源；自定义资源必须使用全称"
                ),
            )
            .help(text!(
                "write the custom resource as `<plural>.<group>` (see `kubectl api-resources`), e.g. `{written}.example.com`",
                "请以 `<复数名>.<API 组>` 的形式书写自定义资源（见 `kubectl api-resources`），例如 `{written}.example.com`"
            ));
        }
    }
}

/// A word of a shell command, quotes removed, with its place in the file.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// Whether it holds a `$` expansion (its text is not what runs).
    expands: bool,
    /// Where each char of `text` is in the file.
    at: Vec<Pos>,
    range: Range,
}

#[derive(Debug)]
enum Tok {
    Word(Word),
    /// A command separator: `;`, `&`, `|`, `&&`, `||`, `(`, `)`, `$(`, `` ` ``, newline.
    Sep,
    /// A redirection (`>`, `2>&1`, `<`); its target word follows. `heredoc` for `<<`/`<<-`.
    Redirect {
        heredoc: bool,
    },
}

/// One `kubectl` command: its verb and the resource types it names.
#[derive(Debug)]
struct Kubectl {
    verb: String,
    types: Vec<Word>,
}

fn kubectl_commands(text: &str) -> Vec<Kubectl> {
    let mut out = Vec::new();
    let mut heredoc: Option<String> = None;
    // The physical lines of one logical line (`\` continuations joined): (index, text).
    let mut parts: Vec<(usize, &str)> = Vec::new();
    // Only lines naming kubectl or opening a here-document are tokenized.
    let mut interesting = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(end) = &heredoc {
            if line.trim_start_matches('\t') == end {
                heredoc = None;
            }
            continue;
        }
        let trailing = line.bytes().rev().take_while(|b| *b == b'\\').count();
        let continued = trailing % 2 == 1;
        let content = if continued {
            &line[..line.len() - 1]
        } else {
            line
        };
        interesting |= content.contains("kubectl") || content.contains("<<");
        parts.push((i, content));
        if continued {
            continue;
        }
        if interesting {
            let logical: Vec<(char, Pos)> = parts
                .iter()
                .flat_map(|(i, part)| {
                    part.chars().enumerate().map(move |(c, ch)| {
                        (
                            ch,
                            Pos {
                                line: i + 1,
                                column: c + 1,
                            },
                        )
                    })
                })
                .collect();
            let toks = tokenize(&logical);
            heredoc = heredoc_end(&toks);
            commands(&toks, &mut out);
        }
        parts.clear();
        interesting = false;
    }
    out
}

/// The delimiter of a here-document opened on the line, if any.
fn heredoc_end(toks: &[Tok]) -> Option<String> {
    toks.windows(2).find_map(|w| match w {
        [Tok::Redirect { heredoc: true }, Tok::Word(word)] => Some(word.text.clone()),
        _ => None,
    })
}

fn tokenize(chars: &[(char, Pos)]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut word: Option<Word> = None;
    // Double-quote state, saved across `$(` … `)`.
    let mut dq = false;
    let mut saved: Vec<bool> = Vec::new();
    let flush = |word: &mut Option<Word>, toks: &mut Vec<Tok>| {
        if let Some(mut w) = word.take() {
            if let (Some(s), Some(e)) = (w.at.first(), w.at.last()) {
                w.range = Range {
                    start: *s,
                    end: Pos {
                        line: e.line,
                        column: e.column + 1,
                    },
                };
            }
            toks.push(Tok::Word(w));
        }
    };
    let push = |word: &mut Option<Word>, c: char, p: Pos| {
        let w = word.get_or_insert_with(|| Word {
            text: String::new(),
            expands: false,
            at: Vec::new(),
            range: Range::point(p.line, p.column),
        });
        w.text.push(c);
        w.at.push(p);
    };
    let mut i = 0;
    while i < chars.len() {
        let (c, p) = chars[i];
        let next = chars.get(i + 1).map(|x| x.0);
        if dq {
            match c {
                '"' => dq = false,
                '\\' if next.is_some() => {
                    i += 1;
                    push(&mut word, chars[i].0, chars[i].1);
                }
                '$' if next == Some('(') => {
                    flush(&mut word, &mut toks);
                    toks.push(Tok::Sep);
                    saved.push(true);
                    dq = false;
                    i += 1;
                }
                '`' => {
                    flush(&mut word, &mut toks);
                    toks.push(Tok::Sep);
                }
                '$' => {
                    push(&mut word, c, p);
                    if let Some(w) = word.as_mut() {
                        w.expands = true;
                    }
                }
                _ => push(&mut word, c, p),
            }
            i += 1;
            continue;
        }
        match c {
            ' ' | '\t' => flush(&mut word, &mut toks),
            '#' if word.is_none() => break,
            '\'' => {
                // Single quotes: everything literal up to the next one.
                let _ = word.get_or_insert_with(|| Word {
                    text: String::new(),
                    expands: false,
                    at: Vec::new(),
                    range: Range::point(p.line, p.column),
                });
                i += 1;
                while i < chars.len() && chars[i].0 != '\'' {
                    push(&mut word, chars[i].0, chars[i].1);
                    i += 1;
                }
            }
            '"' => {
                let _ = word.get_or_insert_with(|| Word {
                    text: String::new(),
                    expands: false,
                    at: Vec::new(),
                    range: Range::point(p.line, p.column),
                });
                dq = true;
            }
            '\\' => {
                if let Some((n, np)) = chars.get(i + 1) {
                    push(&mut word, *n, *np);
                    i += 1;
                }
            }
            '$' if next == Some('(') => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Sep);
                saved.push(false);
                i += 1;
            }
            '$' => {
                push(&mut word, c, p);
                if let Some(w) = word.as_mut() {
                    w.expands = true;
                }
            }
            ')' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Sep);
                if let Some(d) = saved.pop() {
                    dq = d;
                }
            }
            ';' | '&' | '|' | '(' | '`' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Sep);
            }
            '>' | '<' => {
                // `2>`: the digits are the redirected descriptor, not a word.
                if word.as_ref().is_some_and(|w| {
                    !w.expands && !w.text.is_empty() && w.text.chars().all(|d| d.is_ascii_digit())
                }) {
                    word = None;
                }
                flush(&mut word, &mut toks);
                let heredoc =
                    c == '<' && next == Some('<') && chars.get(i + 2).map(|x| x.0) != Some('<');
                // Swallow the rest of the operator: `>>`, `>&`, `<<-`, `<<<`, `>|`.
                while let Some((n, _)) = chars.get(i + 1) {
                    if matches!(n, '>' | '<' | '&' | '|' | '-') {
                        i += 1;
                    } else {
                        break;
                    }
                }
                // `>&2`: the descriptor is the target.
                toks.push(Tok::Redirect { heredoc });
            }
            _ => push(&mut word, c, p),
        }
        i += 1;
    }
    flush(&mut word, &mut toks);
    toks
}

fn is_assignment(w: &str) -> bool {
    w.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn commands(toks: &[Tok], out: &mut Vec<Kubectl>) {
    let mut at_cmd = true;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Sep => at_cmd = true,
            Tok::Redirect { .. } => i += 1,
            Tok::Word(w) if at_cmd => {
                let t = w.text.as_str();
                if PREFIXES.contains(&t) || is_assignment(t) {
                    // still in command position
                } else if !w.expands && (t == "kubectl" || t.ends_with("/kubectl")) {
                    let end = toks[i + 1..]
                        .iter()
                        .position(|t| matches!(t, Tok::Sep))
                        .map_or(toks.len(), |p| i + 1 + p);
                    if let Some(k) = kubectl(&toks[i + 1..end]) {
                        out.push(k);
                    }
                    i = end;
                    continue;
                } else {
                    at_cmd = false;
                }
            }
            Tok::Word(_) => {}
        }
        i += 1;
    }
}

/// The verb and resource types of a kubectl command's arguments.
fn kubectl(args: &[Tok]) -> Option<Kubectl> {
    let mut words: Vec<&Word> = Vec::new();
    let mut skip_next = false;
    let mut i = 0;
    while i < args.len() {
        match &args[i] {
            Tok::Redirect { .. } => i += 1,
            Tok::Sep => break,
            Tok::Word(w) => {
                let t = w.text.as_str();
                if skip_next {
                    skip_next = false;
                } else if t == "--" {
                    break;
                } else if let Some(long) = t.strip_prefix("--") {
                    skip_next = !long.contains('=') && VALUE_LONG.contains(&long);
                } else if t.starts_with('-') && t.len() > 1 {
                    skip_next = VALUE_SHORT.contains(&t);
                } else {
                    words.push(w);
                }
            }
        }
        i += 1;
    }
    let verb = words.first()?;
    let first = if TYPE_VERBS.contains(&verb.text.as_str()) {
        1
    } else if SUB_VERBS.contains(&verb.text.as_str()) {
        2
    } else {
        return None;
    };
    let spec = words.get(first)?;
    let specs: Vec<&Word> = if spec.text.contains('/') {
        words[first..]
            .iter()
            .copied()
            .filter(|w| w.text.contains('/'))
            .collect()
    } else {
        vec![spec]
    };
    let mut types = Vec::new();
    for w in specs {
        if w.expands {
            continue;
        }
        let ty_end = w.text.find('/').unwrap_or(w.text.len());
        let mut start = 0;
        for part in w.text[..ty_end].split(',') {
            let len = part.len();
            if !part.is_empty() {
                types.push(sub_word(w, start, start + len));
            }
            start += len + 1;
        }
    }
    Some(Kubectl {
        verb: verb.text.clone(),
        types,
    })
}

/// Bytes `start..end` of a word's text as a word of their own, with their place.
fn sub_word(w: &Word, start: usize, end: usize) -> Word {
    let text = w.text[start..end].to_string();
    let first = w.text[..start].chars().count();
    let n = text.chars().count();
    let at: Vec<Pos> = w.at[first..first + n].to_vec();
    let range = match (at.first(), at.last()) {
        (Some(s), Some(e)) => Range {
            start: *s,
            end: Pos {
                line: e.line,
                column: e.column + 1,
            },
        },
        _ => w.range,
    };
    Word {
        text,
        expands: w.expands,
        at,
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::kubectl_commands;
    use crate::rules::hook::scripts::CHECK;
    use crate::rules::tester::{help, places, Tester};

    /// Cases are the delete check script.
    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHECK)
    }

    /// A delete check script whose commands are `body`.
    fn script(body: &str) -> String {
        format!("#!/bin/sh\n# fail_zh_hans: 失败\n# fail_en: failed\n{body}echo 'mycloud-product delete pre check pass'\n")
    }

    /// `(verb, [types])` of every kubectl command found.
    fn found(text: &str) -> Vec<(String, Vec<String>)> {
        kubectl_commands(text)
            .into_iter()
            .map(|k| (k.verb, k.types.into_iter().map(|t| t.text).collect()))
            .collect()
    }

    #[test]
    fn short_names_of_ecp_resources() {
        let d = tester().findings(script("kubectl get cp -n ems\n"));
        assert_eq!(places(&d), [(4, 13, 15)]);
        assert!(d[0]
            .message
            .en
            .contains("`cloudproducts.servicecatalog.ecp.com`"));
        assert_eq!(help(&d[0]), "write `cloudproducts.servicecatalog.ecp.com`");
        let d = tester().findings(script("if x; then\n  kubectl -n ems patch \\\n    CloudProduct mycloud --type merge -p '{}'\nfi\n"));
        assert_eq!(places(&d), [(6, 5, 17)]);
        let d = tester().findings(script("N=$(kubectl get licenses/mycloud -o name)\nkubectl delete cloudproduct.servicecatalog mycloud\n"));
        assert_eq!(places(&d), [(4, 17, 25), (5, 16, 43)]);
        assert!(d[1].message.en.contains("is not the full name"));
        let d = tester().findings(script("kubectl get pods,cp,svc\n"));
        assert_eq!(places(&d), [(4, 18, 20)]);
    }

    #[test]
    fn other_custom_resources_without_group() {
        let d = tester().findings(script("KUBECONFIG=/k kubectl get alertrules -A\n"));
        assert_eq!(places(&d), [(4, 27, 37)]);
        assert!(d[0]
            .message
            .en
            .contains("not a built-in Kubernetes resource"));
        let d = tester().findings(script(
            "count=\"$(kubectl get virtualservices -o name | wc -l)\"\n",
        ));
        assert_eq!(places(&d), [(4, 22, 37)]);
    }

    #[test]
    fn command_reading() {
        assert_eq!(
            found("/usr/bin/kubectl --kubeconfig /x wait --for=condition=Ready cp/a cp/b\n"),
            [("wait".to_string(), vec!["cp".to_string(), "cp".to_string()])]
        );
        assert_eq!(
            found("kubectl get cp 2>&1 >/dev/null && kubectl set image deploy/a c=i\n"),
            [
                ("get".to_string(), vec!["cp".to_string()]),
                ("set".to_string(), vec!["deploy".to_string()])
            ]
        );
        assert_eq!(found("kubectl get 'cp'\n")[0].1, ["cp"]);
        assert!(found("kubectl version\nkubectl\n").is_empty());
        // Unbalanced quotes and odd input do not panic.
        for text in [
            "kubectl get \"cp",
            "kubectl get 'cp",
            "kubectl get cp \\",
            "$(kubectl get cp",
            ")))kubectl",
            "kubectl get ,,",
            "kubectl get /x",
        ] {
            let _ = found(text);
        }
    }

    #[test]
    fn pass_and_fail() {
        tester()
            // Full names and built-in resources.
            .pass(
                [
                    "kubectl get cloudproducts.servicecatalog.ecp.com -n ems\n",
                    "kubectl get cloudproduct.servicecatalog.ecp.com mycloud\n",
                    "kubectl get cloudproducts.v1.servicecatalog.ecp.com\n",
                    "kubectl get pods -A; kubectl get po,svc,deploy -n x\n",
                    "kubectl delete Deployment/a StatefulSet/b\n",
                    "kubectl rollout status deploy/api -n x\n",
                    "kubectl get all -n mycloud-product\n",
                    "kubectl get alertrules.monitoring.orbit.io -A -o name 2>/dev/null | grep -q .\n",
                    "kubectl -n ems get \"$KIND\" x\n",
                    "kubectl cp ./a pod:/b\n",
                    "kubectl apply -f cp.yaml\n",
                    "kubectl logs deploy/api\n",
                    "# kubectl get cp\n",
                    "echo kubectl get cp\n",
                    "echo \"run: kubectl get cp\"\n",
                    "cat <<EOF\nkubectl get cp\nEOF\n",
                    "kubectl get --namespace ems -o jsonpath='{.items}' secrets\n",
                ]
                .map(script),
            )
            .test_and_snapshot();
    }
}
