#!/usr/bin/env python3
"""Writes src/render/kube_apis.txt: for every built-in Kubernetes API kind, the Kubernetes
versions that serve it, from the JSON schemas the PyPI package `kubernetes-validate` ships
(one `_definitions.json` per Kubernetes version; each definition of an object names its
group/version/kind in `x-kubernetes-group-version-kind`).

    pip download --no-deps kubernetes-validate==1.37.0 -d /tmp/kv
    python3 scripts/k8s-apis/build.py /tmp/kv/kubernetes_validate-1.37.0-py3-none-any.whl

The output is small (a few KB of text) and committed; K8S-002 reads it. Nothing here is written by
hand: rerun the script with a newer package to add versions.
"""
import json
import re
import sys
import zipfile

PREFIX = "kubernetes_validate/kubernetes-json-schema/"


def main(wheel, out="src/render/kube_apis.txt"):
    served = {}  # "group/version Kind" -> [minor, ...]
    minors = []
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            m = re.match(re.escape(PREFIX) + r"v1\.(\d+)\.0-local/_definitions\.json$", name)
            if not m:
                continue
            minor = int(m.group(1))
            minors.append(minor)
            defs = json.loads(z.read(name))
            defs = defs.get("$defs") or defs.get("definitions") or {}
            for d in defs.values():
                for gvk in d.get("x-kubernetes-group-version-kind", []):
                    group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
                    # Lists and the API machinery's own types are not objects a chart writes.
                    if kind.endswith("List") or group == "" and version == "v1" and kind in (
                        "Status", "APIGroup", "APIVersions", "APIResourceList", "APIGroupList",
                        "DeleteOptions", "WatchEvent",
                    ):
                        continue
                    if kind in ("DeleteOptions", "WatchEvent", "Status"):
                        continue
                    api = f"{group}/{version}" if group else version
                    served.setdefault(f"{api} {kind}", set()).add(minor)
    minors.sort()
    apis = {}
    for key in sorted(served):
        got = sorted(served[key])
        apis[key] = [got[0], got[-1]]  # served from 1.<first> to 1.<last> (no gaps in practice)
        assert got == list(range(got[0], got[-1] + 1)), (key, got)
    # One line per API: `apiVersion kind first last` (Kubernetes 1.<first> to 1.<last> serve
    # it), after a header naming the source and the versions covered. Plain text: the wasm
    # reads it without a JSON parser.
    with open(out, "w") as f:
        f.write(f"# from {wheel.rsplit('/', 1)[-1]} by scripts/k8s-apis/build.py\n")
        f.write(f"covered {minors[0]} {minors[-1]}\n")
        for key, (first, last) in apis.items():
            f.write(f"{key} {first} {last}\n")
    print(f"{out}: {len(apis)} kinds, Kubernetes 1.{minors[0]}..1.{minors[-1]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
