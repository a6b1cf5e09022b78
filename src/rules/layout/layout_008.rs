use crate::chart::decode;
use crate::declare_rule;
use crate::diagnostic::Text;
use crate::makefile::{Kind, Makefile};
use crate::rules::{Findings, ProjectScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a Helm 2-only command line in the project Makefile's recipes, at the command or
    /// flag Helm 3 refuses:
    /// - `helm init`, `helm reset`, `helm serve`, `helm home` ("unknown command");
    /// - `helm package --save=…` ("unknown flag: --save"), `helm delete --purge`,
    ///   `helm install --name`, `helm template --name`;
    /// - any `--tiller-*`, `--tls`/`--tls-*`, `--home` or `--host` flag (they talked to Tiller or
    ///   named Helm 2's home folder).
    ///
    /// Helm is `helm` (or a path ending in `/helm`) in command position — first in a command,
    /// after `;`, `&&`, `|`, `then`… — or a make variable holding it (`HELM := helm`, then
    /// `$(HELM) package …`); a variable named `HELM` that the Makefile does not set is taken
    /// for Helm too (it comes from the environment or the command line). Words in quotes
    /// (`echo "run helm init"`) are not commands.
    ///
    /// ## Why
    /// §1.1.6.9's Makefile packages charts with `$(HELM) package --save=false chart/$*`: Helm 2
    /// saved every package into its local repository unless told not to, Helm 3 has no local
    /// repository and stops with "Error: unknown flag: --save" — so `make` fails on any machine
    /// with today's Helm (Helm 2 has had no release since 2020). Each command and flag above was
    /// checked against Helm 3.17 and Helm 4, which both stop on it.
    ///
    /// ## 中文
    /// Makefile 中使用了 Helm 2 才有的命令或参数（`helm package --save=…`、`helm init`、
    /// `--tiller-*` 等），Helm 3 会报错 "unknown flag" / "unknown command" 并停止（§1.1.6.9 中的
    /// Makefile 使用了 `--save=false`）。
    ///
    /// ## Example
    /// ```make,fail,file=../../Makefile
    /// HELM := helm
    ///
    /// build-%:
    /// 	$(HELM) package --save=false chart/$*
    /// ```
    /// ```make,pass,file=../../Makefile
    /// HELM := helm
    ///
    /// build-%:
    /// 	$(HELM) package chart/$*
    /// ```
    RULE = "LAYOUT-008", Layout, Warning, "§1.1.6.9",
    "Makefile uses a Helm 2-only command line", "Makefile 使用了 Helm 2 专有的命令行", Project(check)
}

/// Helm 2 commands and flags Helm 3 refuses: (subcommand, or "" for any; the command, or the
/// flag (`*`: any flag so starting); what Helm 3 wants instead, in English and Chinese).
const HELM2_ONLY: &[(&str, &str, &str, &str)] = &[
    ("init", "", "Helm 3 has no Tiller and needs no `helm init`: remove it (add repositories with `helm repo add`)", "Helm 3 没有 Tiller，无需 `helm init`：请删除（用 `helm repo add` 添加仓库）"),
    ("reset", "", "Helm 3 has no Tiller to remove: remove the command", "Helm 3 没有需要卸载的 Tiller：请删除该命令"),
    ("serve", "", "Helm 3 has no `helm serve`: serve charts with a chart repository server (ChartMuseum)", "Helm 3 没有 `helm serve`：请使用 chart 仓库服务（如 ChartMuseum）"),
    ("home", "", "Helm 3 has no `helm home`: `helm env` shows its folders", "Helm 3 没有 `helm home`：可用 `helm env` 查看目录"),
    ("package", "--save", "Helm 3 has no local repository to save to: remove the flag", "Helm 3 没有本地仓库可保存：请删除该参数"),
    ("delete", "--purge", "Helm 3 purges on uninstall: remove the flag", "Helm 3 卸载时即清除记录：请删除该参数"),
    ("del", "--purge", "Helm 3 purges on uninstall: remove the flag", "Helm 3 卸载时即清除记录：请删除该参数"),
    ("install", "--name", "Helm 3 takes the release name as the first argument: `helm install NAME CHART`", "Helm 3 的 release 名称是第一个参数：`helm install NAME CHART`"),
    ("template", "--name", "Helm 3 takes the release name as the first argument: `helm template NAME CHART`", "Helm 3 的 release 名称是第一个参数：`helm template NAME CHART`"),
    ("", "--tiller-*", "Helm 3 has no Tiller: remove the flag", "Helm 3 没有 Tiller：请删除该参数"),
    ("", "--tls*", "these flags secured the connection to Tiller, which Helm 3 does not have: remove them", "这些参数用于与 Tiller 的 TLS 连接，Helm 3 没有 Tiller：请删除"),
    ("", "--host", "Tiller's address: Helm 3 talks to the cluster directly (`--kube-context`): remove the flag", "Tiller 的地址：Helm 3 直接访问集群（`--kube-context`）：请删除该参数"),
    ("", "--home", "Helm 3 keeps its files in XDG folders (`HELM_CONFIG_HOME`, `HELM_DATA_HOME`, `HELM_CACHE_HOME`)", "Helm 3 的文件位于 XDG 目录（`HELM_CONFIG_HOME`、`HELM_DATA_HOME`、`HELM_CACHE_HOME`）"),
];

fn check(scope: &ProjectScope, out: &mut Findings) {
    let Some(file) = scope.project.makefile else {
        return;
    };
    let Some(text) = decode(file) else { return };
    let m = Makefile::parse(text);
    for line in &m.lines {
        let command = match line.kind {
            Kind::Recipe { .. } => line.body,
            Kind::Rule if line.body < line.end => line.body,
            _ => continue,
        };
        let words = words(&text[command..line.end]);
        for words in words.split(|w| w.1.is_empty()) {
            let Some(helm) = words.iter().position(|w| is_helm(&m, w.1, 0)) else {
                continue;
            };
            // Words before Helm that are not the command: keywords, `VAR=value`, `env`…
            let lead = [
                "if", "then", "do", "else", "elif", "while", "until", "!", "exec", "time", "env",
                "sudo", "command", "nohup",
            ];
            if !words[..helm]
                .iter()
                .all(|w| lead.contains(&w.1) || w.1.contains('='))
            {
                continue;
            }
            let args = &words[helm + 1..];
            let Some(sub) = args.iter().find(|w| !w.1.starts_with('-')) else {
                continue;
            };
            for &(at, word) in args {
                let flag = word.split('=').next().unwrap_or(word);
                let hit = HELM2_ONLY.iter().find(|(c, f, ..)| {
                    if f.is_empty() {
                        at == sub.0 && *c == word
                    } else {
                        (c.is_empty() || *c == sub.1)
                            && match f.strip_suffix('*') {
                                Some(prefix) => flag.starts_with(prefix),
                                None => flag == *f,
                            }
                    }
                });
                let Some(&(_, f, en, zh)) = hit else { continue };
                let start = command + at;
                let range = m.range(start, start + word.len());
                let sub = sub.1;
                let message = if f.is_empty() {
                    text!(
                        "`helm {word}` is a Helm 2 command: Helm 3 stops with \"unknown command \"{word}\" for \"helm\"\"",
                        "`helm {word}` 是 Helm 2 的命令：Helm 3 会报错 \"unknown command \"{word}\" for \"helm\"\" 并停止"
                    )
                } else {
                    text!(
                        "`helm {sub} {flag}` is a Helm 2 flag: Helm 3 stops with \"unknown flag: {flag}\"",
                        "`helm {sub} {flag}` 是 Helm 2 的参数：Helm 3 会报错 \"unknown flag: {flag}\" 并停止"
                    )
                };
                out.report(&file.path, Some(range), message)
                    .help(Text::new(en, zh));
            }
        }
    }
}

/// Whether a word runs Helm: `helm`, a path to it, or a make variable holding it (`$(HELM)`;
/// an unset `HELM` too).
fn is_helm(m: &Makefile, word: &str, depth: u8) -> bool {
    let word = word.trim_matches(['"', '\'']);
    if word == "helm" || word.ends_with("/helm") {
        return true;
    }
    let name = word
        .strip_prefix("$(")
        .and_then(|w| w.strip_suffix(')'))
        .or_else(|| word.strip_prefix("${").and_then(|w| w.strip_suffix('}')));
    let Some(name) = name else { return false };
    match m.variable(name) {
        Some(value) => {
            depth < 3 && is_helm(m, value.split_whitespace().next().unwrap_or(""), depth + 1)
        }
        None => name.eq_ignore_ascii_case("helm"),
    }
}

/// The words of a recipe line with their offsets, an empty word between its simple commands:
/// split at blanks and at `;`, `&`, `|`, `(`, `)` and backquotes outside quotes; a make
/// reference is one word whatever it holds; make's `@`, `-`, `+` before the command are dropped.
fn words(recipe: &str) -> Vec<(usize, &str)> {
    let b = recipe.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut word, mut quote) = (0, None::<usize>, 0u8);
    let lead = recipe.len() - recipe.trim_start_matches(['@', '-', '+', ' ', '\t']).len();
    i += lead;
    while i <= b.len() {
        let c = b.get(i).copied().unwrap_or(b'\n');
        let end_word = quote == 0 && (c.is_ascii_whitespace() || b";&|()`\\".contains(&c));
        if end_word {
            if let Some(s) = word.take() {
                out.push((s, &recipe[s..i]));
            }
            if b";&|()`".contains(&c) {
                out.push((i, ""));
            }
            i += 1;
            continue;
        }
        word.get_or_insert(i);
        match c {
            b'\'' | b'"' if quote == 0 => quote = c,
            _ if c == quote => quote = 0,
            b'$' if quote != b'\'' && matches!(b.get(i + 1), Some(b'(' | b'{')) => {
                let shut = if b[i + 1] == b'(' { b')' } else { b'}' };
                i = b[i..]
                    .iter()
                    .position(|&x| x == shut)
                    .map_or(b.len(), |p| i + p);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::words;
    use crate::rules::tester::{places, Case, Tester};

    const MAKEFILE: &str = "../../Makefile";

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(MAKEFILE)
    }

    #[test]
    fn words_of_commands() {
        let w = words("@if [ -d x ]; then $(HELM) package \"a b\" x; fi");
        let text: Vec<&str> = w.iter().map(|x| x.1).collect();
        assert_eq!(
            text,
            [
                "if", "[", "-d", "x", "]", "", "then", "$(HELM)", "package", "\"a b\"", "x", "",
                "fi"
            ]
        );
        assert_eq!(w[7].0, 19);
    }

    #[test]
    fn the_guides_makefile_as_printed() {
        let guide = include_str!("../../../tests/fixtures/makefile-mistakes/Makefile");
        let d = tester().findings(guide);
        assert_eq!(places(&d), [(23, 46, 58)]);
        assert!(d[0].message.en.contains("unknown flag: --save"));
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::default(),
                "all:\n\t@echo \"run helm init first\"\n\thelm lint chart/x\n".into(),
                "HELM := kubectl\nall:\n\t$(HELM) --home x\n".into(),
                "all:\n\tmyhelm init\n\thelm-docs --home x\n".into(),
            ])
            .fail([
                "all:\n\thelm init --client-only\n",
                "all:\n\t/usr/local/bin/helm list --tiller-namespace kube-system\n",
                "all:\n\tcd x && helm delete --purge r\n",
                "all:\n\t$(HELM) install --name r chart\n",
                "H = $(BIN)/helm\nall: ; $(H) status --tls r\n",
            ])
            .test_and_snapshot();
    }
}
