#!/usr/bin/env python3
"""Build the fuzz targets' seed corpora: fuzz/seeds/<target>/ (git-ignored; rebuilt on demand).

Usage: scripts/fuzz-seeds.py [CORPUS_DIR]   (default: ../shared/corpus beside the repo, or
$ECPLINT_CORPUS). Sources: tests/fixtures (every project packed as .tgz, one as .zip and one as a
plain .tar; its YAML, Mako and navigation files) and the smallest chart archives of the shared
corpus (packed as they are, and unpacked for their values.yaml / Chart.yaml / templates). Seeds
are kept small (AFL++ works best on small inputs): archives up to 64 KiB, texts up to 16 KiB.
Multi-file targets (config, navigation) get their files joined by a NUL byte, in the order
fuzz/src/lib.rs reads them.
"""
import io
import os
import sys
import tarfile
import zipfile
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
OUT = ROOT / "fuzz" / "seeds"
MAX_ARCHIVE = 64 << 10
MAX_TEXT = 16 << 10


def corpus_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    env = os.environ.get("ECPLINT_CORPUS")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "corpus"


def put(target, data, hint):
    if not data:
        return
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    name = f"{hint[:40]}-{hashlib.sha1(data).hexdigest()[:10]}"
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    (d / name).write_bytes(data)


def pack_tgz(folder: Path) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.GNU_FORMAT) as tar:
        tar.add(folder, arcname=folder.name)
    return buf.getvalue()


def pack_tar(folder: Path) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        tar.add(folder, arcname=folder.name)
    return buf.getvalue()


def pack_zip(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                z.write(p, f"{folder.name}/{p.relative_to(folder)}")
    return buf.getvalue()


def chart_dirs():
    """Every chart folder (holding a Chart.yaml) under tests/fixtures."""
    return sorted(p.parent for p in FIX.rglob("Chart.yaml"))


def read(p: Path) -> bytes:
    return p.read_bytes() if p.is_file() else b""


def tgz(files) -> bytes:
    """A .tgz of {path: bytes}."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.USTAR_FORMAT) as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def hostile_seeds():
    """Hand-made shapes of issue 8 (small versions, for the fuzzer to grow): aliases that expand,
    deep nesting, many keys, long Mako chains."""
    laughs = b"a: &a [x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%c: &%c [%s]\n" % (c, c, b", ".join([b"*%c" % (c - 1)] * 8)) for c in range(ord("b"), ord("f"))
    )
    deep = b"k: " + b"[" * 200 + b"]" * 200 + b"\n" + b"m:\n" + b"".join(b"  " * i + b"k%d:\n" % i for i in range(1, 60))
    many = b"".join(b"key%d: %d\n" % (i, i) for i in range(2000))
    merge = b"base: &b {a: 1, b: [1, 2]}\nx:\n  <<: *b\n  c: !!binary aGk=\ny: [*b, *b, *b]\n"
    for name, data in (("laughs", laughs), ("deep", deep), ("many-keys", many), ("merge", merge)):
        put("yaml", data, "hostile-" + name)
    helpers = read(FIX / "good-project" / "chart" / "mycloud-product" / "templates" / "_config_helpers.yaml.tpl")
    ifs = b"data_template: |\n" + b"".join(
        b"%s%% if a%d:\n  k%d: ${a%d.get('x', {}).get('y') or 'z'}\n" % (b"  " * (i % 2), i, i, i) for i in range(200)
    ) + b"  %% endif\n" * 200
    put("mako", ifs, "hostile-nested-ifs")
    arith = b"data_template: |\n  a: ${[[1] * 50] * 50}\n  b: ${str(['x' * 10] * 10) + 'y'}\n  c: ${{'k': [1, 2] + [3]}}\n"
    put("mako", arith, "hostile-arith")
    put("config", b"\0".join([many, helpers]), "hostile-many-keys")
    put("config", b"\0".join([laughs, helpers, laughs, laughs, laughs]), "hostile-laughs")
    chart = b"apiVersion: v1\nname: h\nversion: 1.0.0\n"
    for name, values in (("laughs", laughs), ("many-keys", many), ("deep", deep)):
        files = {f"h{i}/Chart.yaml": chart.replace(b"name: h", b"name: h%d" % i) for i in range(4)}
        for i in range(4):
            files[f"h{i}/values.yaml"] = values
            files[f"h{i}/templates/_config_helpers.yaml.tpl"] = helpers
        put("check", tgz(files), "hostile-" + name)
        put("archive", tgz(files), "hostile-" + name)


def template_seeds():
    """template: a template, values.yaml, _helpers.tpl and --set lines, from the cases helm's
    verdicts were recorded for (tests/helm/template-cases.json) and the render fixtures."""
    import json

    cases = json.loads((ROOT / "tests" / "helm" / "template-cases.json").read_text())["cases"]
    for case in cases:
        files = case.get("files", {})
        templates = [k for k in files if k.startswith("templates/") and not k.endswith(".tpl")]
        helpers = [k for k in files if k.startswith("templates/") and k.endswith(".tpl")]
        args = case.get("args", [])
        sets = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--set"]
        parts = [
            files[templates[0]] if templates else "",
            files.get("values.yaml", ""),
            files[helpers[0]] if helpers else "",
            "\n".join(sets),
        ]
        data = "\0".join(parts).rstrip("\0").encode()
        if len(data) <= MAX_TEXT:
            put("template", data, case["name"])
    for t in sorted((FIX / "render").rglob("templates/*")):
        if t.is_file() and t.stat().st_size <= MAX_TEXT:
            put("template", t.read_bytes() + b"\0" + read(t.parent.parent / "values.yaml"), t.name)


def share_seeds():
    """share: link payloads (src/share/payload.rs) of fixture projects and charts as folders, and
    one link as typed."""
    def varint(n):
        out = bytearray()
        while n >= 0x80:
            out.append(n & 0x7F | 0x80)
            n >>= 7
        out.append(n)
        return bytes(out)

    def lv(b):
        return varint(len(b)) + b

    for kind, p in enumerate([FIX / "good-project", FIX / "cli-bad-chart"] + chart_dirs()[:3]):
        files = sorted(f for f in p.rglob("*") if f.is_file())
        body = b"".join(lv(f"{p.name}/{f.relative_to(p).as_posix()}".encode()) + lv(f.read_bytes()) for f in files)
        payload = bytes([1]) + varint(1) + bytes([kind % 4]) + lv(p.name.encode()) + varint(len(files)) + body
        if len(payload) <= MAX_ARCHIVE:
            put("share", payload, p.name + ".payload")
    import base64, zlib
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = packed.compress(bytes([1, 1, 0]) + lv(b"p") + varint(1) + lv(b"p/Chart.yaml") + lv(b"name: p\n")) + packed.flush()
    put("share", b"ecplint=1.0.1.0." + base64.urlsafe_b64encode(raw).rstrip(b"="), "link")


def main():
    import shutil

    if OUT.exists():
        shutil.rmtree(OUT)
    # Archives: every fixture project / chart packed, plus a zip and a plain tar.
    projects = [p for p in sorted(FIX.iterdir()) if p.is_dir()]
    for p in projects:
        data = pack_tgz(p)
        if len(data) <= MAX_ARCHIVE:
            for t in ("archive", "check"):
                put(t, data, p.name + ".tgz")
    for c in chart_dirs():
        data = pack_tgz(c)
        if len(data) <= MAX_ARCHIVE:
            put("check", data, c.name + ".tgz")
    put("archive", pack_zip(FIX / "good-project"), "good-project.zip")
    put("check", pack_zip(FIX / "good-project"), "good-project.zip")
    put("archive", pack_tar(FIX / "cli-bad-chart"), "cli-bad-chart.tar")
    # The smallest corpus charts, as they are and unpacked.
    corpus = corpus_dir() / "charts"
    archives = sorted(corpus.rglob("*.tgz"), key=lambda p: p.stat().st_size) if corpus.is_dir() else []
    if not archives:
        print(f"note: no corpus archives under {corpus}; seeds from the fixtures only", file=sys.stderr)
    for a in archives[:12]:
        data = a.read_bytes()
        if len(data) <= MAX_ARCHIVE:
            put("archive", data, a.name)
            put("check", data, a.name)
    for a in archives[:40]:
        with tarfile.open(a) as tar:
            for m in tar.getmembers():
                base = m.name.rsplit("/", 1)[-1]
                if not m.isfile() or m.size > MAX_TEXT:
                    continue
                if base in ("values.yaml", "Chart.yaml", "requirements.yaml") or (
                    base.endswith(".yaml") and "/templates/" in m.name and len(m.name) % 5 == 0
                ):
                    put("yaml", tar.extractfile(m).read(), f"{a.stem}-{base}")
    # Fixture YAML, Mako and navigation files.
    for p in sorted(FIX.rglob("*")):
        if not p.is_file() or p.stat().st_size > MAX_TEXT:
            continue
        if p.suffix == ".yaml":
            put("yaml", p.read_bytes(), p.name)
        if p.name.endswith(".yaml.tpl"):
            put("mako", p.read_bytes(), p.name)
            if p.name == "_config_helpers.yaml.tpl":
                # Its static view is YAML too.
                put("yaml", p.read_bytes(), p.name)
    # config: values, helpers, license, config CRD, custom, products, other helpers.
    cp = FIX / "config-preview"
    docs = [read(cp / n) for n in ("license.yaml", "config-crd.yaml", "custom.yaml")]
    for c in chart_dirs():
        helpers = read(c / "templates" / "_config_helpers.yaml.tpl")
        if not helpers:
            continue
        values = read(c / "values.yaml")
        put("config", b"\0".join([values, helpers]), c.name + "-plain")
        put("config", b"\0".join([values, helpers] + docs), c.name + "-layers")
    put(
        "config",
        b"\0".join(
            [
                read(cp / "orbit-portal" / "values.yaml"),
                read(cp / "orbit-portal" / "templates" / "_config_helpers.yaml.tpl"),
                read(cp / "license-guide.yaml"),
                b"",
                b"",
                b"mariadb:\n  endpoints:\n    oslo_db:\n      auth:\n        admin:\n          password: x\n",
                read(cp / "mariadb" / "templates" / "_config_helpers.yaml.tpl"),
            ]
        ),
        "orbit-portal-products",
    )
    # navigation: _navigation, _category, _navigation_policy, _wizard, a picture.
    for c in chart_dirs():
        t = c / "templates"
        files = [read(t / n) for n in ("_navigation.yaml", "_category.yaml", "_navigation_policy.yaml", "_wizard.yaml")]
        if any(files):
            put("navigation", b"\0".join(files + [b"\x89PNG\r\n\x1a\n"]), c.name)
    template_seeds()
    hostile_seeds()
    share_seeds()
    for t in sorted(OUT.iterdir()):
        n = len(list(t.iterdir()))
        size = sum(f.stat().st_size for f in t.iterdir())
        print(f"{t.name:<12} {n:4} seeds, {size // 1024} KiB")


if __name__ == "__main__":
    main()
