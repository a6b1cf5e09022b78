#!/usr/bin/env python3
"""Compares K8S-001/K8S-002 with the PyPI validator `kubernetes-validate` (strict) over the corpus:
for every object `ecplint check` renders, does kubernetes-validate refuse it exactly when we do,
and at a path we report too?

    python3 -m venv /tmp/kvenv && /tmp/kvenv/bin/pip install kubernetes-validate==1.37.0
    /tmp/kvenv/bin/python scripts/k8s-apis/compare.py target/release/ecplint [CORPUS] [--kube-version 1.32.0]

The documents are rendered by `ecplint template` as the check renders them (release = chart
name, `.Capabilities.APIVersions` = what that Kubernetes version serves, from
src/render/kube_apis.txt); our findings are read from `ecplint check --format json`. Each
disagreement is printed with both sides; the last line sums up.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import kubernetes_validate
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABEL = re.compile(r"\((\S+?)/(\S+) renders `")
PLACE = re.compile(r"^(?:unknown field `[^`]*` in )?`([^`]*)`")


def served_apis(minor):
    apis = set()
    with open(os.path.join(ROOT, "src/render/kube_apis.txt")) as f:
        for line in f:
            words = line.split()
            if len(words) == 4 and not line.startswith("#") and words[0] != "covered":
                if int(words[2]) <= minor <= int(words[3]):
                    apis.add(words[0])
                    apis.add(f"{words[0]}/{words[1]}")
    return sorted(apis)


def our_findings(cli, archive, kube_version):
    """{(kind, name): {"K8S-001": [paths], "K8S-002": n}} from the check's JSON report."""
    out = subprocess.run([cli, "check", archive, "--format", "json", "--kube-version", kube_version],
                         capture_output=True, text=True)
    report = json.loads(out.stdout)
    found = {}
    for input_report in report["inputs"]:
        for d in input_report["diagnostics"]:
            if d["rule"] not in ("K8S-001", "K8S-002") or d["severity"] != "error":
                continue
            message = d["message"]["en"] if isinstance(d["message"], dict) else d["message"]
            label = LABEL.search(message)
            if not label:
                continue
            entry = found.setdefault((label.group(1), label.group(2)), {"K8S-001": [], "K8S-002": 0})
            if d["rule"] == "K8S-002":
                entry["K8S-002"] += 1
                continue
            place = PLACE.match(message)
            path = place.group(1) if place else ""
            entry["K8S-001"].append(re.sub(r"\[(\d+)\]", r".\1", path))
    return found


def construct_value(loader, node):
    # As kubernetes-validate reads its files: a `=` scalar (YAML's "value" tag) is a string.
    return str(node.value)


yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", construct_value)


def their_findings(cli, archive, kube_version, apis):
    """{(kind, name): ("error", path, message) | ("no-schema", ...) | ("ok",)} by kubernetes-validate."""
    cmd = [cli, "template", archive, "--kube-version", kube_version, "--seed", "1"]
    for api in apis:
        cmd += ["--api-versions", api]
    out = subprocess.run(cmd, capture_output=True, text=True)
    results = {}
    try:
        docs = [d for d in yaml.load_all(out.stdout, Loader=yaml.SafeLoader) if isinstance(d, dict)]
    except yaml.YAMLError as e:
        return {("(stream)", archive): ("yaml", "", str(e)[:200])}
    for doc in docs:
        kind, name = doc.get("kind"), (doc.get("metadata") or {}).get("name")
        if not isinstance(kind, str) or not isinstance(name, str) or "apiVersion" not in doc:
            continue
        try:
            kubernetes_validate.validate(doc, kube_version, strict=True)
            results[(kind, name)] = ("ok",)
        except kubernetes_validate.ValidationError as e:
            path = ".".join(str(p) for p in e.path)
            results[(kind, name)] = ("error", path, e.message[:200])
        except kubernetes_validate.SchemaNotFoundError:
            results[(kind, name)] = ("no-schema",)
        except Exception as e:  # noqa: BLE001 - any other failure is reported as such
            results[(kind, name)] = ("crash", "", str(e)[:200])
    return results



def compare(cli, archive, kube_version, apis):
    ours = our_findings(cli, archive, kube_version)
    theirs = their_findings(cli, archive, kube_version, apis)
    rows = []
    for key, verdict in sorted(theirs.items()):
        mine = ours.get(key, {"K8S-001": [], "K8S-002": 0})
        if verdict[0] == "error":
            if not mine["K8S-001"]:
                rows.append(("only-kubernetes-validate", key, verdict[1], verdict[2]))
            elif verdict[1] not in mine["K8S-001"]:
                rows.append(("other-path", key, verdict[1], "; ours: " + ", ".join(mine["K8S-001"])))
            else:
                rows.append(("agree-error", key, verdict[1], ""))
        elif verdict[0] == "ok":
            if mine["K8S-001"] or mine["K8S-002"]:
                rows.append(("only-ecplint", key, ", ".join(mine["K8S-001"]), "K8S-002" if mine["K8S-002"] else ""))
            else:
                rows.append(("agree-ok", key, "", ""))
        elif verdict[0] == "no-schema":
            rows.append(("agree-no-schema" if mine["K8S-002"] or not mine["K8S-001"] else "only-ecplint",
                         key, "", "no schema in kubernetes-validate"))
        else:
            rows.append((verdict[0], key, verdict[1], verdict[2]))
    return archive, rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "../shared/corpus/charts"))
    parser.add_argument("--kube-version", default="1.32.0")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    minor = int(args.kube_version.split(".")[1])
    apis = served_apis(minor)
    archives = sorted(glob.glob(os.path.join(args.corpus, "**/*.tgz"), recursive=True))
    totals = {}
    with ThreadPoolExecutor(args.jobs) as pool:
        for archive, rows in pool.map(lambda a: compare(args.cli, a, args.kube_version, apis), archives):
            for outcome, (kind, name), path, detail in rows:
                totals[outcome] = totals.get(outcome, 0) + 1
                if outcome not in ("agree-ok", "agree-no-schema"):
                    print(f"{outcome}\t{os.path.relpath(archive, args.corpus)}\t{kind}/{name}\t{path}\t{detail}")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(totals.items()))
    print(f"{len(archives)} charts, {sum(totals.values())} objects (Kubernetes {args.kube_version}): {summary}")


if __name__ == "__main__":
    sys.exit(main())
