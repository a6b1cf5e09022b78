#!/usr/bin/env python3
"""Record what Helm 3 reads from each values.yaml case of yaml_cases.py.

Usage: scripts/helm-oracle/values-yaml.py [HELM3] > tests/helm/values-yaml.json
  HELM3 defaults to ../helm-bin/helm3 (bash ../shared/tools/get-helm.sh ../helm-bin), v3.17.3.

Each case is written as the values.yaml of a tiny chart whose one template puts
`{{ toJson .Values | b64enc }}` into a ConfigMap, and rendered with `helm template`. The verdict is
either {"values": <what toJson printed>} or {"error": <helm's message>, "line": <N or null>}.
The table is committed; tests/helm_values_yaml.rs checks ecplint against it without helm.
"""
import base64, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yaml_cases import CASES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
helm = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../helm-bin/helm3")

TEMPLATE = (
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
    "data:\n  v: {{ toJson .Values | b64enc | quote }}\n"
)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        for var in ("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"):
            env[var] = os.path.join(tmp, var.lower())
        env["KUBECONFIG"] = "/dev/null"
        chart = os.path.join(tmp, "c")
        os.makedirs(os.path.join(chart, "templates"))
        with open(os.path.join(chart, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        with open(os.path.join(chart, "templates", "v.yaml"), "w") as f:
            f.write(TEMPLATE)
        version = subprocess.run([helm, "version", "--short"], capture_output=True, text=True, env=env).stdout.strip()
        out = []
        for name, text in CASES:
            with open(os.path.join(chart, "values.yaml"), "wb") as f:
                f.write(text.encode("utf-8", "surrogatepass"))
            r = subprocess.run([helm, "template", "x", chart], capture_output=True, env=env)
            stdout = r.stdout.decode("utf-8", "replace")
            m = re.search(r'^  v: "([^"]*)"$', stdout, re.M)
            if r.returncode == 0 and m:
                verdict = {"values": json.loads(base64.b64decode(m.group(1)))}
            else:
                err = r.stderr.decode("utf-8", "replace").strip()
                err = err[len("Error: "):] if err.startswith("Error: ") else err
                line = re.search(r"\bline (\d+)", err)
                verdict = {"error": err, "line": int(line.group(1)) if line else None}
            out.append({"name": name, "yaml": text, **verdict})
        json.dump({"helm": version, "cases": out}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")


main()
