#!/usr/bin/env python3
"""Ask the real Helm what it does with odd archives and duplicate YAML keys.

Usage: scripts/helm-oracle/input.py HELM_DIR
  (HELM_DIR holds helm3 and helm4: `bash ../shared/tools/get-helm.sh DIR`)

Builds small charts into tests/helm/input/ and records, for each, what `helm template` and
`helm lint` of helm 3 and helm 4 say (exit code, stderr, the rendered `# Source:` files and the
values and chart metadata the test template printed) in tests/helm/input/verdicts.json.
The cases are built the same way every time (fixed mtimes, no gzip timestamp), so the committed
archives are reproducible; `src/rules/helm_oracle.rs` reads them without helm and checks that
ecplint agrees with each verdict.
"""
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "helm", "input")

CHART = b"apiVersion: v2\nname: x\nversion: 0.1.0\n"
VALUES = b"a: 1\n"
# Prints what Helm read: the values, the chart's name and version, and which files it has.
TEMPLATE = (
    b"v: {{ toJson .Values }}\n"
    b"name: {{ .Chart.Name }}\n"
    b"version: {{ .Chart.Version }}\n"
    b"files: {{ range $p, $_ := .Files }}{{ $p }} {{ end }}\n"
)
LATIN1 = "Caf\u00e9 cr\u00e8me: r\u00e9sum\u00e9\n"


def base(prefix="x/"):
    return [
        (prefix + "Chart.yaml", CHART),
        (prefix + "values.yaml", VALUES),
        (prefix + "templates/cm.yaml", TEMPLATE),
    ]


def tar_bytes(entries):
    """entries: (name, bytes) for a file, or (name, ("symlink"|"hardlink", target))."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, body in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 1_700_000_000
            info.mode = 0o644
            if isinstance(body, tuple):
                kind, target = body
                info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                             "fifo": tarfile.FIFOTYPE}[kind]
                info.linkname = target
                t.addfile(info)
            else:
                info.size = len(body)
                t.addfile(info, io.BytesIO(body))
    return buf.getvalue()


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def utf16(text):
    return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")


# name -> (what it shows, archive bytes)
def archive_cases():
    c = {}

    def add(name, what, data):
        c[name] = (what, data)

    add("plain", "a well-formed chart archive (the control case)", gz(tar_bytes(base())))
    add(
        "symlink",
        "a symlink entry templates/link.yaml -> cm.yaml",
        gz(tar_bytes(base() + [("x/templates/link.yaml", ("symlink", "cm.yaml"))])),
    )
    add(
        "symlink-outside",
        "a symlink entry README.md -> /etc/passwd",
        gz(tar_bytes(base() + [("x/README.md", ("symlink", "/etc/passwd"))])),
    )
    add(
        "symlink-chart-yaml",
        "Chart.yaml is a symlink to other.yaml (which holds the metadata)",
        gz(tar_bytes([("x/Chart.yaml", ("symlink", "other.yaml")), ("x/other.yaml", CHART)]
                     + base()[1:])),
    )
    add(
        "fifo",
        "a named pipe entry templates/pipe.yaml",
        gz(tar_bytes(base() + [("x/templates/pipe.yaml", ("fifo", ""))])),
    )
    add(
        "hardlink",
        "a hard link entry templates/link.yaml -> x/templates/cm.yaml",
        gz(tar_bytes(base() + [("x/templates/link.yaml", ("hardlink", "x/templates/cm.yaml"))])),
    )
    add(
        "latin1-readme",
        "README.md in Latin-1",
        gz(tar_bytes(base() + [("x/README.md", LATIN1.encode("latin-1"))])),
    )
    add(
        "latin1-notes",
        "templates/NOTES.txt in Latin-1",
        gz(tar_bytes(base() + [("x/templates/NOTES.txt", LATIN1.encode("latin-1"))])),
    )
    add(
        "latin1-values",
        "values.yaml with a Latin-1 comment and value",
        gz(tar_bytes([e for e in base() if not e[0].endswith("values.yaml")]
                     + [("x/values.yaml", ("# " + LATIN1 + "a: caf\u00e9\n").encode("latin-1"))])),
    )
    add(
        "latin1-template",
        "a template with a Latin-1 value",
        gz(tar_bytes(base() + [("x/templates/other.yaml", "k: caf\u00e9\n".encode("latin-1"))])),
    )
    add(
        "latin1-helpers",
        "templates/_helpers.tpl with a Latin-1 comment",
        gz(tar_bytes(base() + [("x/templates/_helpers.tpl",
                                 ("{{/* " + LATIN1 + "*/}}\n").encode("latin-1"))])),
    )
    add(
        "utf16-chart",
        "Chart.yaml in UTF-16LE with a BOM",
        gz(tar_bytes([("x/Chart.yaml", utf16(CHART.decode()))] + base()[1:])),
    )
    add(
        "utf16be-values",
        "values.yaml in UTF-16BE with a BOM",
        gz(tar_bytes([e for e in base() if not e[0].endswith("values.yaml")]
                     + [("x/values.yaml", "\ufeffa: 1\n".encode("utf-16-be"))])),
    )
    add(
        "utf16-readme",
        "README.md in UTF-16LE with a BOM",
        gz(tar_bytes(base() + [("x/README.md", utf16(LATIN1))])),
    )
    add(
        "utf16-values",
        "values.yaml in UTF-16LE with a BOM",
        gz(tar_bytes([e for e in base() if not e[0].endswith("values.yaml")]
                     + [("x/values.yaml", utf16("a: 1\n"))])),
    )
    add(
        "utf16-template",
        "a template in UTF-16LE with a BOM",
        gz(tar_bytes(base() + [("x/templates/other.yaml", utf16("k: v\n"))])),
    )
    add(
        "bom-values",
        "values.yaml with a UTF-8 BOM",
        gz(tar_bytes([e for e in base() if not e[0].endswith("values.yaml")]
                     + [("x/values.yaml", b"\xef\xbb\xbf" + VALUES)])),
    )
    add(
        "bom-chart",
        "Chart.yaml with a UTF-8 BOM",
        gz(tar_bytes([("x/Chart.yaml", b"\xef\xbb\xbf" + CHART)] + base()[1:])),
    )
    add(
        "bom-template",
        "a template with a UTF-8 BOM",
        gz(tar_bytes(base() + [("x/templates/other.yaml", b"\xef\xbb\xbfk: v\n")])),
    )
    plain = gz(tar_bytes(base()))
    add("zero-padding", "10240 zero bytes after the gzip stream (a tape-style block pad)",
        plain + b"\0" * 10240)
    add("zero-padding-short", "3 zero bytes after the gzip stream", plain + b"\0" * 3)
    add("garbage-after", "non-zero bytes after the gzip stream", plain + b"junk after the end\n")
    add("truncated", "the gzip stream cut in the middle", plain[: len(plain) // 2])
    add("trailer-cut", "the gzip stream missing its last 4 bytes (the size in its trailer)",
        plain[:-4])
    add("root-chart", "Chart.yaml at the archive root (no top folder)", gz(tar_bytes(base(""))))
    add("dot-slash", "every path starts with ./ (`tar -C x -czf x.tgz .` style)",
        gz(tar_bytes(base("./x/"))))
    add("dot-slash-root", "paths ./Chart.yaml, ./values.yaml, … (tar czf of `.` inside the chart)",
        gz(tar_bytes(base("./"))))
    add("root-extra-file", "a chart in x/ and a README.md at the archive root",
        gz(tar_bytes(base() + [("README.md", b"hi\n")])))
    add("two-top-folders", "a chart in x/ and a file y/README.md in a second top folder",
        gz(tar_bytes(base() + [("y/README.md", b"hi\n")])))
    return c


def dup_cases():
    """Folder charts with duplicate keys: name -> (what, {path: bytes})."""
    c = {}
    c["dup-values"] = (
        "values.yaml repeats `a` and `b.c`",
        {"values.yaml": b"a: 1\na: 2\nb:\n  c: 1\n  c: 3\n"},
    )
    c["dup-chart"] = (
        "Chart.yaml repeats `name` and `version`",
        {"Chart.yaml": b"apiVersion: v2\nname: first\nname: second\nversion: 0.1.0\nversion: 0.2.0\n"},
    )
    c["dup-chart-other"] = (
        "Chart.yaml repeats `description`",
        {"Chart.yaml": CHART + b"description: one\ndescription: two\n"},
    )
    c["dup-chart-nested"] = (
        "Chart.yaml repeats a key inside `maintainers`",
        {"Chart.yaml": CHART + b"maintainers:\n  - name: a\n    name: b\n"},
    )
    c["dup-template"] = (
        "a template whose output repeats a key",
        {"templates/dup.yaml": b"kind: ConfigMap\ndata:\n  k: one\n  k: two\n"},
    )
    return c


def run(helm, args, env):
    p = subprocess.run([helm] + args, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def clean(text, tmp):
    text = text.replace(tmp, "TMP")
    return [l.rstrip() for l in text.splitlines() if l.strip()]


def verdict(helm, target, env, tmp):
    code, out, err = run(helm, ["template", "r", target], env)
    rendered = [l for l in out.splitlines() if re.match(r"^(# Source:|v:|name:|version:|files:)", l)]
    t = {"exit": code, "stderr": clean(err, tmp), "rendered": rendered}
    code, out, err = run(helm, ["lint", target], env)
    lint = [l for l in clean(out + "\n" + err, tmp)
            if not l.startswith("[WARNING] templates/cm.yaml: object name")
            and not l.startswith("[WARNING] templates/other.yaml: object name")]
    return {"template": t, "lint": {"exit": code, "output": lint}}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    helms = {h: os.path.join(os.path.abspath(sys.argv[1]), h) for h in ("helm3", "helm4")}
    tmp = tempfile.mkdtemp(prefix="helm-oracle-")
    env = dict(os.environ)
    env.update(HELM_CACHE_HOME=tmp + "/cache", HELM_CONFIG_HOME=tmp + "/config",
               HELM_DATA_HOME=tmp + "/data", KUBECONFIG="/dev/null")
    versions = {h: run(p, ["version", "--short"], env)[1].strip() for h, p in helms.items()}
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "archives"))
    os.makedirs(os.path.join(OUT, "duplicate-keys"))
    result = {"helm": versions, "archives": {}, "duplicate-keys": {}}
    try:
        for name, (what, data) in archive_cases().items():
            path = os.path.join(OUT, "archives", name + ".tgz")
            with open(path, "wb") as f:
                f.write(data)
            # helm is given a copy in the temp folder, so messages name TMP/<case>.tgz.
            target = os.path.join(tmp, name + ".tgz")
            shutil.copy(path, target)
            result["archives"][name] = {"what": what}
            for h, p in helms.items():
                result["archives"][name][h] = verdict(p, target, env, tmp)
        for name, (what, files) in dup_cases().items():
            folder = os.path.join(OUT, "duplicate-keys", name)
            for path, body in dict(base(""), **files).items():
                os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
                with open(os.path.join(folder, path), "wb") as f:
                    f.write(body)
            target = os.path.join(tmp, name)
            shutil.copytree(folder, target)
            result["duplicate-keys"][name] = {"what": what}
            for h, p in helms.items():
                result["duplicate-keys"][name][h] = verdict(p, target, env, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(os.path.join(OUT, "verdicts.json"), "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(os.path.join(OUT, "verdicts.json"))


if __name__ == "__main__":
    main()
