#!/usr/bin/env python3
"""Record whether Helm refuses each values.schema.json case (HELM-005's oracle).

Usage: scripts/helm-oracle/values-schema.py [HELM3] [HELM4] > tests/helm/values-schema.json
  defaults: ../helm-bin/helm3 (v3.17.3) and ../helm-bin/helm4 (bash ../shared/tools/get-helm.sh ../helm-bin)

Each case is a tiny chart: its values.yaml, its values.schema.json, optionally a subchart with
its own schema, rendered with `helm template` (plus the case's --set). The verdict of each helm
is {"refused": bool, "error": first line of stderr}. The table is committed;
tests/helm_values_schema.rs checks HELM-005 against it without helm. Helm 4 (and Helm 3.18+)
validate with santhosh-tekuri/jsonschema, as ecplint does (boon, same author); Helm 3.17 with
gojsonschema: both verdicts are kept, the test follows Helm 4's.
"""
import json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
helm3 = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../helm-bin/helm3")
helm4 = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../../../helm-bin/helm4")

D7 = '"$schema": "http://json-schema.org/draft-07/schema#", '
D4 = '"$schema": "http://json-schema.org/draft-04/schema#", '
D2020 = '"$schema": "https://json-schema.org/draft/2020-12/schema", '
D2019 = '"$schema": "https://json-schema.org/draft/2019-09/schema", '

# (name, values.yaml, values.schema.json, --set list, subchart schema or None)
CASES = [
    ("type ok", "replicas: 2\n", '{"properties": {"replicas": {"type": "integer"}}}', [], None),
    ("type wrong", "replicas: two\n", '{"properties": {"replicas": {"type": "integer"}}}', [], None),
    ("type quoted number", 'replicas: "2"\n', '{"properties": {"replicas": {"type": "integer"}}}', [], None),
    ("float for integer", "replicas: 2.0\n", '{"properties": {"replicas": {"type": "integer"}}}', [], None),
    ("float fraction for integer", "replicas: 2.5\n", '{"properties": {"replicas": {"type": "integer"}}}', [], None),
    ("big number", "size: 1000000\n", '{"properties": {"size": {"type": "integer"}}}', [], None),
    ("yes is boolean", "on: yes\n", '{"properties": {"on": {"type": "boolean"}}}', [], None),
    ("null value for string", "name: ~\n", '{"properties": {"name": {"type": "string"}}}', [], None),
    ("required present", "image: {tag: x}\n", '{"required": ["image"]}', [], None),
    ("required missing", "other: 1\n", '{"required": ["image"]}', [], None),
    ("required null", "image: ~\n", '{"required": ["image"]}', [], None),
    ("enum ok", "policy: Always\n", '{"properties": {"policy": {"enum": ["Always", "Never"]}}}', [], None),
    ("enum wrong", "policy: Sometimes\n", '{"properties": {"policy": {"enum": ["Always", "Never"]}}}', [], None),
    ("minimum", "port: 0\n", '{"properties": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}}}', [], None),
    ("maximum", "port: 70000\n", '{"properties": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}}}', [], None),
    ("pattern", "tag: latest\n", '{"properties": {"tag": {"type": "string", "pattern": "^[0-9]+\\\\.[0-9]+"}}}', [], None),
    ("additionalProperties false", "a: 1\nb: 2\n", '{"properties": {"a": {}}, "additionalProperties": false}', [], None),
    ("ref to definitions", "image: {tag: 3}\n",
     '{' + D7 + '"properties": {"image": {"$ref": "#/definitions/img"}}, "definitions": {"img": {"properties": {"tag": {"type": "string"}}}}}', [], None),
    ("ref to $defs 2020-12", "image: {tag: 3}\n",
     '{' + D2020 + '"properties": {"image": {"$ref": "#/$defs/img"}}, "$defs": {"img": {"properties": {"tag": {"type": "string"}}}}}', [], None),
    ("draft-04 exclusiveMaximum", "n: 10\n", '{' + D4 + '"properties": {"n": {"maximum": 10, "exclusiveMaximum": true}}}', [], None),
    ("draft-07 format email", "mail: not-an-email\n", '{' + D7 + '"properties": {"mail": {"type": "string", "format": "email"}}}', [], None),
    ("no $schema format date-time", "at: yesterday\n", '{"properties": {"at": {"type": "string", "format": "date-time"}}}', [], None),
    ("2020-12 format ipv4", "ip: 999.1.1.1\n", '{' + D2020 + '"properties": {"ip": {"format": "ipv4"}}}', [], None),
    ("draft-07 if/then", "tls: true\n", '{' + D7 + '"if": {"properties": {"tls": {"const": true}}}, "then": {"required": ["cert"]}}', [], None),
    ("2019-09 dependentRequired", "user: a\n", '{' + D2019 + '"dependentRequired": {"user": ["password"]}}', [], None),
    ("oneOf", "port: x\n", '{"properties": {"port": {"oneOf": [{"type": "integer"}, {"pattern": "^[0-9]+$"}]}}}', [], None),
    ("const", "mode: b\n", '{"properties": {"mode": {"const": "a"}}}', [], None),
    ("minItems", "hosts: []\n", '{"properties": {"hosts": {"type": "array", "minItems": 1}}}', [], None),
    ("items", "hosts: [a, 1]\n", '{"properties": {"hosts": {"items": {"type": "string"}}}}', [], None),
    ("--set breaks it", "replicas: 2\n", '{"properties": {"replicas": {"type": "integer"}}}', ["replicas=abc"], None),
    ("--set fixes it", "replicas: two\n", '{"properties": {"replicas": {"type": "integer"}}}', ["replicas=3"], None),
    ("subchart schema broken by parent values", "sub:\n  size: big\n", '{}', [],
     '{"properties": {"size": {"type": "integer"}}}'),
    ("subchart schema ok", "sub:\n  size: 3\n", '{}', [], '{"properties": {"size": {"type": "integer"}}}'),
    ("schema not json", "a: 1\n", '{"type": "object",}', [], None),
    ("schema invalid type name", "a: 1\n", '{"type": "objekt"}', [], None),
    ("unknown $schema url", "a: 1\n", '{"$schema": "http://json-schema.org/schema#", "properties": {"a": {"type": "string"}}}', [], None),
    ("unknown keywords ignored", "a: 1\n", '{"properties": {"a": {"type": "integer", "form": true, "title": "A"}}}', [], None),
]

TEMPLATE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n"


def write_chart(root, name, values, schema, sub_schema):
    os.makedirs(os.path.join(root, "templates"))
    deps = ""
    if sub_schema is not None:
        deps = "dependencies:\n  - name: sub\n    version: 0.1.0\n"
        sub = os.path.join(root, "charts", "sub")
        os.makedirs(os.path.join(sub, "templates"))
        with open(os.path.join(sub, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: sub\nversion: 0.1.0\n")
        with open(os.path.join(sub, "values.schema.json"), "w") as f:
            f.write(sub_schema)
    with open(os.path.join(root, "Chart.yaml"), "w") as f:
        f.write(f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n{deps}")
    with open(os.path.join(root, "values.yaml"), "w") as f:
        f.write(values)
    with open(os.path.join(root, "values.schema.json"), "w") as f:
        f.write(schema)
    with open(os.path.join(root, "templates", "cm.yaml"), "w") as f:
        f.write(TEMPLATE)


def verdict(helm, chart, sets, env):
    cmd = [helm, "template", "x", chart]
    for s in sets:
        cmd += ["--set", s]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    err = r.stderr.strip().splitlines()
    return {"refused": r.returncode != 0, "error": err[0][:300] if err else ""}


def main():
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KUBECONFIG="/dev/null")
        for var in ("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"):
            env[var] = os.path.join(tmp, var.lower())
        versions = {h: subprocess.run([p, "version", "--short"], capture_output=True, text=True, env=env).stdout.strip()
                    for h, p in (("helm3", helm3), ("helm4", helm4))}
        for name, values, schema, sets, sub_schema in CASES:
            chart = os.path.join(tmp, "c")
            shutil.rmtree(chart, ignore_errors=True)
            write_chart(chart, "c", values, schema, sub_schema)
            out.append({"name": name, "values": values, "schema": schema, "set": sets, "sub_schema": sub_schema,
                        "helm3": verdict(helm3, chart, sets, env), "helm4": verdict(helm4, chart, sets, env)})
    json.dump({"helm": versions, "cases": out}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
