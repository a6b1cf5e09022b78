#!/usr/bin/env python3
"""`helm template` as the oracle of `ecplint template`: the table tests/helm/template-cases.json.

Every case of template_cases.py is a tiny chart. This script writes each one to a temporary
folder (the chart in `c/`, the case's other files beside it), runs

    helm template rel c --namespace ns [the case's args]

there with the real helm 3 (TZ=UTC, no kube config), and records the exit code, stdout, and for
a failure the error helm printed (temporary paths removed), the message at its end (without the
`template: …: executing … at <…>:` locations), the templates it names and the first
template:line[:column]. tests/helm_template.rs
renders the same charts with `ecplint template` without helm.

Usage: scripts/helm-oracle/template.py [HELM3] [--only SUBSTRING]
  (else $HELM3, else `helm3` on PATH, else ../helm-bin/helm3 beside the repository;
  `bash ../shared/tools/get-helm.sh DIR` fetches helm v3.17.3). Writes the table; rerunning it
  on the same helm changes nothing (random and time functions are only tested through
  shape-stable expressions). Runs two helm processes at a time, under nice. `--only` prints the
  matching cases' verdicts instead of writing the table (to try a new case).
"""
import base64
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from template_cases import CASES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "helm", "template-cases.json")
RELEASE = "rel"
NAMESPACE = "ns"
CHART_DIR = "c"
WORKERS = 2

# The start of a template's path in helm's messages: the chart, maybe subcharts, templates/.
TEMPLATE_PATH = re.compile(r"(?<![\w/.-])c/(?:charts/[^/\s]+/)*templates/[^\s:\"()<>]+")


def write_case(root, case):
    for path, text in case["files"].items():
        write(os.path.join(root, CHART_DIR, path), text)
    for path, data in case["binary"].items():
        write_bytes(os.path.join(root, CHART_DIR, path), base64.b64decode(data))
    for path, text in case["outside"].items():
        write(os.path.join(root, path), text)


def write(path, text):
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def message_of(error):
    """The message at the end of helm's error, without the locations before it."""
    first = error.splitlines()[0] if error else ""
    m = re.match(r"^execution error at \([^)]*\): (.*)$", first, re.S)
    if m:
        return m.group(1)
    m = re.match(r"^parse error at \([^)]*\): (.*)$", first, re.S)
    if m:
        return m.group(1)
    m = re.match(r"^YAML parse error on [^:]+: (.*)$", first, re.S)
    if m:
        return m.group(1)
    tails = list(re.finditer(r"executing \"[^\"]*\" at <.*?>: ", first))
    if tails:
        return first[tails[-1].end():]
    m = re.match(r"^(?:template: [^:\s]+:\d+(?::\d+)?: )+(.*)$", first)
    if m:
        return m.group(1)
    return first


def run_case(helm, env, tmp, case):
    root = os.path.join(tmp, re.sub(r"[^A-Za-z0-9_.-]", "_", case["name"]))
    write_case(root, case)
    cmd = [helm, "template", RELEASE, CHART_DIR, "--namespace", NAMESPACE] + case["args"]
    p = subprocess.run(cmd, cwd=root, env=env, capture_output=True, timeout=300)
    stdout = p.stdout.decode("utf-8", "replace")
    stderr = p.stderr.decode("utf-8", "replace").replace(root + "/", "").replace(root, ".")
    verdict = {"exit": p.returncode, "stdout": stdout}
    if p.returncode != 0:
        lines = [l for l in stderr.splitlines()
                 if l.strip() and not l.startswith("WARNING:")
                 and l != "Use --debug flag to render out invalid YAML"]
        error = "\n".join(lines).removeprefix("Error: ")
        named = []
        for path in TEMPLATE_PATH.findall(error):
            if path not in named:
                named.append(path)
        where = re.search(TEMPLATE_PATH.pattern + r":\d+(?::\d+)?", error)
        verdict.update(error=error, message=message_of(error), templates=named,
                       location=where.group(0) if where else None)
    shutil.rmtree(root, ignore_errors=True)
    return {**case, "helm": verdict}


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    helm = (args[0] if args else os.environ.get("HELM3") or shutil.which("helm3")
            or os.path.join(ROOT, "..", "helm-bin", "helm3"))
    names = [c["name"] for c in CASES]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"duplicate case names: {dupes}"
    assert not [n for n in names if re.search(r"\s", n)], "a case name with a space"
    cases = [c for c in CASES if only is None or only in c["name"]]
    os.nice(10)
    with tempfile.TemporaryDirectory(prefix="helm-template-oracle-") as tmp:
        env = dict(os.environ, KUBECONFIG="/dev/null", TZ="UTC", LANG="C",
                   HELM_CACHE_HOME=f"{tmp}/.cache", HELM_CONFIG_HOME=f"{tmp}/.config",
                   HELM_DATA_HOME=f"{tmp}/.data")
        env.pop("HELM_NAMESPACE", None)
        version = subprocess.run([helm, "version", "--short"], env=env, capture_output=True,
                                 text=True).stdout.strip()
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            table = list(pool.map(lambda c: run_case(helm, env, tmp, c), cases))
    table.sort(key=lambda c: c["name"])
    if only is not None:
        for c in table:
            print(json.dumps({"name": c["name"], **c["helm"]}, ensure_ascii=False, indent=1))
        return
    doc = {
        "generated_by": "scripts/helm-oracle/template.py",
        "helm": version,
        "command": f"helm template {RELEASE} {CHART_DIR} --namespace {NAMESPACE} ARGS "
                   "(in a folder holding the chart as c/ and the case's outside files; TZ=UTC)",
        "note": "files: the chart's files (paths in c/); binary: more of them, base64 (chart archives); outside: files beside the chart (for -f "
                "and --set-file); helm.exit/stdout: what helm printed; helm.error: its error "
                "without `Error: ` and temporary paths; helm.message: the error's last message, "
                "without locations; helm.templates: the templates the error names; helm.location: the first template:line[:column] it "
                "names",
        "cases": table,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    failed = sum(1 for c in table if c["helm"]["exit"] != 0)
    groups = {}
    for c in table:
        groups[c["group"]] = groups.get(c["group"], 0) + 1
    print(f"{len(table)} cases ({failed} where helm fails) -> {os.path.relpath(OUT, ROOT)}")
    print(", ".join(f"{g} {n}" for g, n in sorted(groups.items())))


if __name__ == "__main__":
    main()
