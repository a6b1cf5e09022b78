#!/usr/bin/env python3
"""Writes src/render/kube_schemas/1.NN.json: the JSON schemas of Kubernetes' built-in objects,
one file per Kubernetes version, from the PyPI package `kubernetes-validate` (the strict
schemas: `additionalProperties: false` on every object with known fields). K8S-001 reads them.

    pip download --no-deps kubernetes-validate==1.37.0 -d /tmp/kv
    python3 scripts/k8s-apis/schemas.py /tmp/kv/kubernetes_validate-1.37.0-py3-none-any.whl

Compacted, with the validation meaning kept: descriptions, `format` and the `x-kubernetes-*`
annotations dropped; `$ref` reduced to the definition's name; `null` dropped from `type` (every
Kubernetes field accepts null: the API server decodes it as "not set", and every type in the
package's schemas allows it); the two `oneOf`s of bare types (IntOrString, Quantity) merged into
one `type` list. Each file: `{"version": "1.NN", "kinds": {"apiVersion Kind": definition},
"defs": {name: schema}}`, a few tens of KB gzipped. Nothing is written by hand: rerun with a
newer package to add versions.
"""
import json
import re
import sys
import zipfile

PREFIX = "kubernetes_validate/kubernetes-json-schema/"
KEPT = {"type", "properties", "additionalProperties", "items", "required", "enum", "$ref", "oneOf"}
SKIPPED_KINDS = {"DeleteOptions", "WatchEvent", "Status", "APIGroup", "APIVersions",
                 "APIResourceList", "APIGroupList"}


def compact(schema):
    out = {}
    for key, value in schema.items():
        if key not in KEPT:
            continue
        if key == "properties":
            out[key] = {name: compact(s) for name, s in value.items()}
        elif key in ("items",) or key == "additionalProperties" and isinstance(value, dict):
            out[key] = compact(value)
        elif key == "$ref":
            out[key] = value.rsplit("/", 1)[-1]
        elif key == "type":
            types = [t for t in ([value] if isinstance(value, str) else value) if t != "null"]
            if types:
                out[key] = types[0] if len(types) == 1 else types
        elif key == "oneOf":
            # Only unions of bare types exist (IntOrString, Quantity): merge them into `type`.
            types = []
            for alternative in value:
                alt = compact(alternative)
                assert set(alt) <= {"type"}, alternative
                t = alt.get("type", [])
                types += [t] if isinstance(t, str) else t
            out["type"] = sorted(set(types))
        else:
            out[key] = value
    if "$ref" in out:
        assert len(out) == 1, schema  # nothing else to check beside a reference
    return out


def main(wheel, out_dir="src/render/kube_schemas"):
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            m = re.match(re.escape(PREFIX) + r"v1\.(\d+)\.0-local-strict/_definitions\.json$", name)
            if not m:
                continue
            minor = int(m.group(1))
            defs = json.loads(z.read(name))
            defs = defs.get("$defs") or defs.get("definitions") or {}
            kinds = {}
            for def_name, d in defs.items():
                for gvk in d.get("x-kubernetes-group-version-kind", []):
                    group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
                    if kind.endswith("List") or kind in SKIPPED_KINDS:
                        continue
                    api = f"{group}/{version}" if group else version
                    kinds[f"{api} {kind}"] = def_name
            data = {
                "version": f"1.{minor}",
                "source": wheel.rsplit("/", 1)[-1],
                "kinds": dict(sorted(kinds.items())),
                "defs": {n: compact(d) for n, d in sorted(defs.items())},
            }
            path = f"{out_dir}/1.{minor}.json"
            with open(path, "w") as f:
                json.dump(data, f, separators=(",", ":"), sort_keys=False)
                f.write("\n")
            print(f"{path}: {len(kinds)} kinds, {len(defs)} definitions")


if __name__ == "__main__":
    main(*sys.argv[1:])
