#!/usr/bin/env python3
"""Chart.yaml as Helm 3 checks it: the differential table of tests/helm/chart-yaml.json.

Every case is one Chart.yaml. For each, this script builds a tiny chart (that Chart.yaml, a
values.yaml, one ConfigMap template and, for `dependencies`, the subcharts it names) and records
what the real Helm says: the [ERROR]/[WARNING]/[INFO] lines of `helm lint` and whether
`helm template` loads the chart (its error message when it refuses). tests/helm_chart_yaml.rs
runs ecplint over the same Chart.yaml (in tests/fixtures/good-project) without Helm and fails on
any disagreement.

Each case also says what ecplint is expected to report (`expect`: the rules with an
error-severity finding on Chart.yaml) and, where ecplint is stricter than Helm on purpose (the
guide's own rules for ECP charts), why (`ecp`).

Usage: scripts/helm-oracle/chart-cases.py [HELM3]   (else $HELM3, else `helm3` on PATH, else
../helm-bin/helm3 beside the repository; `bash ../shared/tools/get-helm.sh DIR` fetches helm
v3.17.3). Writes tests/helm/chart-yaml.json; rerunning it on the same helm changes nothing.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "helm", "chart-yaml.json")
NAME = "mycloud-product"

# The good fixture's Chart.yaml (tests/fixtures/good-project): its ECP keywords keep the ECP
# rules quiet, so a case differs from it only in what it tests.
HEAD = """apiVersion: v1
description: Helm mycloud-product
name: mycloud-product
version: 1.0.0
home: https://docs.openstack.org/mycloud-product
icon: https://www.openstack.org/mycloud-product.png
maintainers:
  - name: OpenStack-Helm Authors
"""
KEYWORDS = """keywords:
  - creator:ems_service_chart
  - zh_CN:我的云产品描述
  - en:description of mycloud-product
  - name_zh_CN:我的云产品
  - name_en:mycloud-product
"""
BASE = HEAD + KEYWORDS


def sub(old, new, text=BASE):
    """BASE with the line(s) `old` replaced by `new` ("" deletes them)."""
    assert old in text, old
    return text.replace(old, new, 1)


def add(lines, text=BASE):
    """BASE with `lines` added before `keywords:`."""
    return text.replace("keywords:\n", lines + "keywords:\n", 1)


def ver(v):
    return sub("version: 1.0.0\n", f"version: {v}\n")


def api(v):
    return sub("apiVersion: v1\n", f"apiVersion: {v}\n" if v is not None else "")


def v2(text):
    return text.replace("apiVersion: v1\n", "apiVersion: v2\n", 1)


DEP = "dependencies:\n  - name: helm-toolkit\n    version: 0.1.0\n    repository: file://../helm-toolkit\n"

# (id, Chart.yaml, expect: rules with an error on Chart.yaml, ecp: why ecplint is stricter than
# Helm[, helm_env: why Helm's refusal depends on its environment, not on the chart])
CASES = [
    # --- the good fixture and the guide's own example -------------------------------------
    ("good", BASE, [], None),
    ("good-v2", v2(BASE), [], None),
    ("guide-full-example",
     "apiVersion: v1\ndescription: Helm mycloud-product\nname: mycloud-product\nversion: 1.0\n"
     "home: https://docs.openstack.org/mycloud-product\n"
     "icon: https://www.openstack.org/mycloud-product.png\nsources:\n"
     "  - https://git.openstack.org/\n  - https://git.openstack.org/mycloud-product\n\n"
     "maintainers:\n  - name: OpenStack-Helm Authors\n\n" + KEYWORDS
     + "  - catalog:Cloud Native\n  - creator:ems_service_chart\n",
     ["CHART-007"], None),
    ("ecp-catalog-keyword", BASE + "  - catalog:Cloud Native\n", [], None),
    ("ecp-foundation-word", sub("  - creator:ems_service_chart\n", "  - creator:foundation\n  - foundation\n"), [], None),
    # --- version --------------------------------------------------------------------------
    ("version-float", ver("1.0"), ["CHART-007"], None),
    ("version-float-1.10", ver("1.10"), ["CHART-007"], None),
    ("version-int", ver("1"), ["CHART-007"], None),
    ("version-bool", ver("true"), ["CHART-007"], None),
    ("version-list", ver("[1, 0, 0]"), ["CHART-007"], None),
    ("version-missing", sub("version: 1.0.0\n", ""), ["CHART-007"], None),
    ("version-empty", ver(""), ["CHART-007"], None),
    ("version-empty-string", ver("''"), ["CHART-007"], None),
    ("version-loose-string", ver('"1.0"'), [], None),
    ("version-v-prefix", ver("v1.2.3"), [], None),
    ("version-leading-zero-core", ver("01.2.3"), [], None),
    ("version-prerelease-leading-zero", ver("1.2.3-01"), ["CHART-007"], None),
    ("version-prerelease-part-leading-zero", ver("1.2.3-alpha.01"), ["CHART-007"], None),
    ("version-prerelease-zero", ver("1.2.3-0"), [], None),
    ("version-prerelease-alnum-leading-zero", ver("1.2.3-0a"), [], None),
    ("version-build-leading-zero", ver("1.2.3+build.01"), [], None),
    ("version-pre-and-build", ver("1.2.3-rc.1+build.5"), [], None),
    ("version-overflow-major", ver("99999999999999999999.0.0"), ["CHART-007"], None),
    ("version-overflow-minor", ver("1.18446744073709551616.0"), ["CHART-007"], None),
    ("version-max-u64", ver("18446744073709551615.0.0"), [], None),
    ("version-overflow-u64-plus-one", ver("18446744073709551616.0.0"), ["CHART-007"], None),
    ("version-prerelease-overflow", ver("1.2.3-99999999999999999999"), [], None),
    ("version-four-parts", ver("1.0.0.0"), ["CHART-007"], None),
    ("version-word", ver("latest"), ["CHART-007"], None),
    ("version-empty-prerelease", ver('"1.2.3-"'), ["CHART-007"], None),
    ("version-underscore", ver("1.2.3-a_b"), ["CHART-007"], None),
    ("version-two-parts-pre", ver("1.2-beta"), [], None),
    ("version-trailing-space-quoted", ver('"1.2.3 "'), ["CHART-007"], None),
    # --- name -----------------------------------------------------------------------------
    ("name-missing", sub("name: mycloud-product\n", ""), ["CHART-001"], None),
    ("name-empty", sub("name: mycloud-product\n", "name:\n"), ["CHART-001"], None),
    ("name-int", sub("name: mycloud-product\n", "name: 123\n"), ["CHART-001"], "the platform reads the product ID from Chart.yaml itself: a YAML number is no ID string"),
    ("name-capitals-underscore", sub("name: mycloud-product\n", "name: My_Cloud\n"), ["CHART-001", "LAYOUT-002"],
     "§1.1.6.2: the product ID is lowercase letters and digits joined by `-`"),
    ("name-dot", sub("name: mycloud-product\n", "name: mycloud.product\n"), ["CHART-001", "LAYOUT-002"],
     "§1.1.6.2: no `.` in the product ID"),
    ("name-space", sub("name: mycloud-product\n", "name: my cloud\n"), ["CHART-001", "LAYOUT-002"], "§1.1.6.2: the product ID is lowercase letters and digits joined by `-`"),
    ("name-slash", sub("name: mycloud-product\n", "name: a/b\n"), ["CHART-001", "LAYOUT-002"], None),
    ("name-dotdot", sub("name: mycloud-product\n", "name: ..\n"), ["CHART-001", "LAYOUT-002"], "§1.1.6.2: the product ID is lowercase letters and digits joined by `-`"),
    ("name-map", sub("name: mycloud-product\n", "name: {a: b}\n"), ["CHART-001"], None),
    # --- apiVersion -----------------------------------------------------------------------
    ("apiversion-missing", api(None), ["CHART-008"], None),
    ("apiversion-empty", api(""), ["CHART-008"], None),
    ("apiversion-v3", api("v3"), ["CHART-008"], None),
    ("apiversion-capital", api("V1"), ["CHART-008"], None),
    ("apiversion-int", api("1"), ["CHART-008"], None),
    ("apiversion-list", api("[v1]"), ["CHART-008"], None),
    # --- type -----------------------------------------------------------------------------
    ("type-bogus", add("type: bogus\n"), ["CHART-008", "CHART-012"], None),
    ("type-bogus-v2", v2(add("type: bogus\n")), ["CHART-012"], None),
    ("type-application", add("type: application\n"), ["CHART-008"], None),
    ("type-library-v2", v2(add("type: library\n")), ["CHART-012"], None),
    ("type-empty", add("type: ''\n"), [], None),
    ("type-int", add("type: 1\n"), ["CHART-008", "CHART-012"], None),
    # --- dependencies ---------------------------------------------------------------------
    ("dependencies-in-v1", add(DEP), ["CHART-008"], None),
    ("dependencies-in-v2", v2(add(DEP)), [], None),
    ("dependencies-not-a-list", v2(add("dependencies: helm-toolkit\n")), ["CHART-012"], None),
    ("dependencies-item-without-name", v2(add("dependencies:\n  - version: 0.1.0\n")), ["CHART-012"], None),
    ("dependencies-empty-list-v1", add("dependencies: []\n"), [], None),
    # --- appVersion -----------------------------------------------------------------------
    ("appversion-float", add("appVersion: 1.0\n"), ["CHART-012"], None),
    ("appversion-int", add("appVersion: 2\n"), ["CHART-012"], None),
    ("appversion-string", add('appVersion: "1.0"\n'), [], None),
    ("appversion-text", add("appVersion: v1.2.3-abc\n"), [], None),
    ("appversion-bool", add("appVersion: true\n"), ["CHART-012"], None),
    # --- fields of the wrong type ---------------------------------------------------------
    ("deprecated-string", add('deprecated: "yes"\n'), ["CHART-012"], None),
    ("deprecated-yaml11-yes", add("deprecated: yes\n"), [], None),
    ("deprecated-true", add("deprecated: true\n"), [], None),
    ("description-map", sub("description: Helm mycloud-product\n", "description:\n  en: Helm\n"), ["CHART-012"], None),
    ("description-list", sub("description: Helm mycloud-product\n", "description: [a, b]\n"), ["CHART-012"], None),
    ("description-int", sub("description: Helm mycloud-product\n", "description: 42\n"), [], None),
    ("description-null", sub("description: Helm mycloud-product\n", "description:\n"), [], None),
    ("maintainers-string", sub("maintainers:\n  - name: OpenStack-Helm Authors\n", "maintainers: OpenStack-Helm Authors\n"), ["CHART-012"], None),
    ("maintainers-item-string", sub("  - name: OpenStack-Helm Authors\n", "  - OpenStack-Helm Authors\n"), ["CHART-012"], None),
    ("maintainers-without-name", sub("  - name: OpenStack-Helm Authors\n", "  - email: a@example.com\n"), ["CHART-012"], None),
    ("maintainers-bad-email", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: not-an-email\n"), ["CHART-012"], None),
    ("maintainers-bad-url", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: not a url\n"), ["CHART-012"], None),
    ("maintainers-good-email-url", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@example.com\n    url: https://example.com\n"), [], None),
    ("maintainers-null-item", sub("  - name: OpenStack-Helm Authors\n", "  -\n"), ["CHART-012"], None),
    ("keywords-string", sub(KEYWORDS, "keywords: creator:ems_service_chart\n"), ["CHART-003", "CHART-012"],
     "§1.1.6.2: keywords is the list of the product's `key:value` items"),
    ("keywords-item-int", BASE + "  - 42\n", [], None),
    ("keywords-item-map", sub("  - creator:ems_service_chart\n", "  - creator: ems_service_chart\n"), ["CHART-002"], None),
    ("annotations-int-value", add("annotations:\n  count: 3\n"), [], None),
    ("annotations-bool-value", add("annotations:\n  enabled: true\n"), [], None),
    ("annotations-string-values", add('annotations:\n  count: "3"\n  example.com/x: y\n'), [], None),
    ("annotations-list", add("annotations: [a, b]\n"), ["CHART-012"], None),
    ("sources-string", add("sources: https://git.openstack.org/\n"), ["CHART-012"], None),
    ("sources-list", add("sources:\n  - https://git.openstack.org/\n  - https://git.openstack.org/mycloud-product\n"), [], None),
    ("sources-not-url", add("sources:\n  - not a url\n"), ["CHART-012"], None),
    ("home-not-url", sub("home: https://docs.openstack.org/mycloud-product\n", "home: not a url\n"), [], None),
    ("home-list", sub("home: https://docs.openstack.org/mycloud-product\n", "home: [a]\n"), ["CHART-012"], None),
    ("icon-missing", sub("icon: https://www.openstack.org/mycloud-product.png\n", ""), [], None),
    ("icon-relative", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: icon.png\n"), ["CHART-012"], None),
    ("icon-int", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 1\n"), ["CHART-012"], None),
    ("kubeversion-valid", add('kubeVersion: ">=1.20.0-0"\n'), [], None),
    ("kubeversion-range", add('kubeVersion: ">= 1.20, < 2.0"\n'), [], None),
    ("kubeversion-or", add('kubeVersion: "~1.20 || ^1.22"\n'), [], None),
    ("kubeversion-invalid", add("kubeVersion: bogus\n"), ["CHART-012"], None),
    ("kubeversion-float", add("kubeVersion: 1.20\n"), ["CHART-012"], None,
     "helm template assumes Kubernetes 1.32; ecplint reports the number Helm reads as `1.2`"),
    ("kubeversion-bad-operator", add('kubeVersion: "=>1.20"\n'), [], None),
    ("engine-gotpl", add("engine: gotpl\n"), [], None),
    ("engine-map", add("engine: {a: b}\n"), [], None),
    ("tags-string", add("tags: a,b\n"), [], None),
    ("tags-list", add("tags: [a, b]\n"), ["CHART-012"], None),
    ("condition-map", add("condition: {a: b}\n"), ["CHART-012"], None),
    ("condition-int", add("condition: 1\n"), [], None),
    ("unknown-top-level-key", add("tillerVersion: '>=2.0.0'\nfoo: bar\n"), [], None),
    # --- duplicates, YAML ------------------------------------------------------------------
    ("duplicate-key-same-value", BASE + "name: mycloud-product\n", [], None),
    ("duplicate-version-last-bad", BASE + "version: 1.0\n", ["CHART-007"], None),
    ("duplicate-version-first-bad", ver("1.0") + "version: 1.0.0\n", [], None),
    ("yaml-unclosed-quote-at-end", BASE + 'home2: "unclosed\n', ["HELM-001"], None),
    ("yaml-bad-indent-after-version", sub("home: https://docs.openstack.org/mycloud-product\n", "home: https://docs.openstack.org/mycloud-product\n   bad: indent\n  worse\n"), ["HELM-001"], None),
    ("yaml-error-and-bad-version-before", ver("1.2.3-01") + "x: [\n", ["CHART-007", "HELM-001"], None),
    ("yaml-tab-after-colon", sub("version: 1.0.0\n", "version:\t1.0.0\n"), [], None),
    ("yaml-tab-indent", sub("  - name: OpenStack-Helm Authors\n", "\t- name: OpenStack-Helm Authors\n"), ["HELM-001"], None),
    ("yaml-second-document", BASE + "---\nfoo: bar\n", [], None),
    ("yaml-anchor-alias", sub("description: Helm mycloud-product\n", "description: &d Helm mycloud-product\nhome: *d\n").replace("home: https://docs.openstack.org/mycloud-product\n", ""), [], None),
    ("yaml-bom", "\ufeff" + BASE, [], None),
    ("empty-file", "", ["CHART-001", "CHART-003", "CHART-007", "CHART-008"], None),
    ("root-list", "- a\n- b\n", ["CHART-012"], None),
    ("root-scalar", "hello\n", ["CHART-012"], None),
    # --- URLs and e-mail addresses as Helm checks them ---------------------------------------
    ("icon-absolute-path", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: /icon.png\n"), ["CHART-012"], None),
    ("icon-space-in-host", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a b/i.png\n"), ["CHART-012"], None),
    ("icon-space-in-path", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a/b c.png\n"), [], None),
    ("icon-mailto", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: mailto:a@b.c\n"), [], None),
    ("icon-scheme-only", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'x:'\n"), [], None),
    ("icon-unicode-host", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: https://例子.com/i.png\n"), [], None),
    ("icon-bad-ipv6", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://[::1/i.png\n"), ["CHART-012"], None),
    ("icon-percent-bad", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a/%zz\n"), ["CHART-012"], None),
    ("icon-empty-string", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: ''\n"), [], None),
    ("icon-fragment-only", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: '#x'\n"), ["CHART-012"], None),
    ("icon-scheme-digit", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 1http://a\n"), ["CHART-012"], None),
    ("icon-bad-port", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a:xx/i.png\n"), ["CHART-012"], None),
    ("sources-absolute-path", add("sources:\n  - /src\n"), ["CHART-012"], None),
    ("sources-int-item", add("sources:\n  - 42\n"), ["CHART-012"], None),
    ("sources-null-item", add("sources:\n  -\n"), ["CHART-012"], None),
    ("maintainers-email-with-name", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: A <a@b.c>\n"), ["CHART-012"], None),
    ("maintainers-email-no-dot", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b\n"), ["CHART-012"], None),
    ("maintainers-email-no-domain", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@\n"), ["CHART-012"], None),
    ("maintainers-email-no-local", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: '@b.c'\n"), ["CHART-012"], None),
    ("maintainers-email-space", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a b@c.d\n"), ["CHART-012"], None),
    ("maintainers-email-quoted-local", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: '\"a b\"@c.d'\n"), ["CHART-012"], None),
    ("maintainers-email-two", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b.c, d@e.f\n"), ["CHART-012"], None),
    ("maintainers-email-empty", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: ''\n"), [], None),
    ("maintainers-url-path", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: /team\n"), ["CHART-012"], None),
    ("maintainers-name-empty", sub("  - name: OpenStack-Helm Authors\n", "  - name: ''\n"), ["CHART-012"], None),
    ("maintainers-name-int", sub("  - name: OpenStack-Helm Authors\n", "  - name: 7\n"), [], None),
    ("maintainers-item-list", sub("  - name: OpenStack-Helm Authors\n", "  - [a]\n"), ["CHART-012"], None),
    ("maintainers-unknown-key", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    phone: 123\n"), [], None),
    ("maintainers-empty-list", sub("maintainers:\n  - name: OpenStack-Helm Authors\n", "maintainers: []\n"), [], None),
    ("maintainers-email-one-letter-tld", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b.c\n"), [], None),
    ("maintainers-email-dots", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a.b+c@d-e.example.com\n"), [], None),
    ("maintainers-email-double-dot", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a..b@c.de\n"), ["CHART-012"], None),
    ("maintainers-email-leading-dot", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: .a@c.de\n"), ["CHART-012"], None),
    ("maintainers-email-hyphen-label", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b-.de\n"), ["CHART-012"], None),
    ("maintainers-email-ip", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@1.2.3.4\n"), ["CHART-012"], None),
    ("maintainers-email-unicode", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 张@例子.中国\n"), [], None),
    ("maintainers-email-underscore-domain", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b_c.de\n"), [], None),
    ("maintainers-email-numeric-tld", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b.12\n"), ["CHART-012"], None),
    ("maintainers-email-specials", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: \"a!#$%&'*/=?^_`{|}~-@b.de\"\n"), [], None),
    ("maintainers-email-map", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: {a: b}\n"), ["CHART-012"], None),
    ("maintainers-url-query", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/?q=a b\n"), ["CHART-012"], None),
    ("maintainers-url-userinfo", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://us er@a.b/\n"), ["CHART-012"], None),
    ("icon-empty-authority", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://'\n"), [], None),
    ("icon-host-brace", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://a{b}/i.png'\n"), ["CHART-012"], None),
    ("dependency-enabled-string", v2(add("dependencies:\n  - name: helm-toolkit\n    version: 0.1.0\n    enabled: 'yes'\n")), ["CHART-012"], None),
    ("dependency-version-float", v2(add("dependencies:\n  - name: helm-toolkit\n    version: 0.1\n")), [], None),
    ("dependency-tags-string", v2(add("dependencies:\n  - name: helm-toolkit\n    version: 0.1.0\n    tags: a\n")), ["CHART-012"], None),
    ("dependency-bad-alias", v2(add("dependencies:\n  - name: helm-toolkit\n    version: 0.1.0\n    alias: a_b\n")), [], None),
    ("dependency-name-map", v2(add("dependencies:\n  - name: {a: b}\n")), ["CHART-012"], None),
    ("maintainers-url-space-in-path", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/c d\n"), ["CHART-012"], None),
    ("maintainers-url-mailto", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: mailto:a@b.c\n"), [], None),
    ("maintainers-url-scheme-only", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: 'x:'\n"), ["CHART-012"], None),
    ("maintainers-url-no-host", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: 'http://'\n"), ["CHART-012"], None),
    ("maintainers-url-single-label", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://localhost\n"), [], None),
    ("maintainers-url-ftp", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: ftp://a.b/x\n"), [], None),
    ("maintainers-url-big-port", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b:99999/\n"), [], None),
    ("maintainers-url-percent-bad", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/%zz\n"), ["CHART-012"], None),
    ("maintainers-url-underscore-host", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a_b.c/\n"), ["CHART-012"], None),
    ("maintainers-url-unicode-host", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://例子.中国/\n"), [], None),
    ("maintainers-url-no-scheme", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: a.b/c\n"), [], None),
    ("maintainers-url-fragment", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/#x y\n"), ["CHART-012"], None),
    ("sources-space-in-path", add("sources:\n  - https://a.b/c d\n"), [], None),
    ("sources-query-space", add("sources:\n  - https://a.b/?q=a b\n"), [], None),
    ("sources-mailto", add("sources:\n  - mailto:a@b.c\n"), [], None),
    ("sources-no-scheme", add("sources:\n  - a.b/c\n"), ["CHART-012"], None),
    ("sources-scheme-only", add("sources:\n  - 'x:'\n"), [], None),
    ("icon-query-space", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: https://a.b/?q=a b\n"), [], None),
    ("icon-no-scheme", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: a.b/i.png\n"), ["CHART-012"], None),
    ("icon-userinfo-space", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: https://us er@a.b/i.png\n"), ["CHART-012"], None),
    # --- probes of the URL, e-mail and constraint checks ------------------------------------
    ("maintainers-email-probe-1", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@b.c.'\n"), [], None),
    ("maintainers-email-probe-2", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@-b.cd'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-3", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@b..cd'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-4", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a-@b.cd'\n"), [], None),
    ("maintainers-email-probe-5", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a.@b.cd'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-6", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'A.B@C.DE'\n"), [], None),
    ("maintainers-email-probe-7", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@b.c1'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-8", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@b.1c'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-9", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@xn--fsq.com'\n"), [], None),
    ("maintainers-email-probe-10", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@b.museum'\n"), [], None),
    ("maintainers-email-probe-11", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a@[1.2.3.4]'\n"), ["CHART-012"], None),
    ("maintainers-email-probe-12", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: 'a%b@c.de'\n"), [], None),
    ("maintainers-url-probe-1", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: HTTP://A.B\n"), ["CHART-012"], None),
    ("maintainers-url-probe-2", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: git://a.b\n"), ["CHART-012"], None),
    ("maintainers-url-probe-3", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: 'https://a.b:'\n"), ["CHART-012"], None),
    ("maintainers-url-probe-4", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b:123456\n"), ["CHART-012"], None),
    ("maintainers-url-probe-5", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://-a.b\n"), ["CHART-012"], None),
    ("maintainers-url-probe-6", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a-.b\n"), ["CHART-012"], None),
    ("maintainers-url-probe-7", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b.\n"), [], None),
    ("maintainers-url-probe-8", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://1.2.3.4\n"), [], None),
    ("maintainers-url-probe-9", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://1.2.3.256\n"), ["CHART-012"], None),
    ("maintainers-url-probe-10", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: 'https://[::1]/'\n"), [], None),
    ("maintainers-url-probe-11", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: www.a.b\n"), [], None),
    ("maintainers-url-probe-12", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: a.b.c1\n"), ["CHART-012"], None),
    ("maintainers-url-probe-13", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/%41\n"), [], None),
    ("maintainers-url-probe-14", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://u:p@a.b/\n"), [], None),
    ("maintainers-url-probe-15", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: a.b:8080\n"), [], None),
    ("maintainers-url-probe-16", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: 'https://a.b?x'\n"), [], None),
    ("maintainers-url-probe-17", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a--b.c\n"), [], None),
    ("maintainers-url-probe-18", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    url: https://a.b/x?y#z\n"), [], None),
    ("icon-probe-1", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: HTTP://a\n"), [], None),
    ("icon-probe-2", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://a:'\n"), [], None),
    ("icon-probe-3", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a:80x\n"), ["CHART-012"], None),
    ("icon-probe-4", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://user:pass@a/\n"), [], None),
    ("icon-probe-5", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a/%41\n"), [], None),
    ("icon-probe-6", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: data:image/png;base64,xx\n"), [], None),
    ("icon-probe-7", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: file:///x\n"), [], None),
    ("icon-probe-8", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://a b'\n"), ["CHART-012"], None),
    ("icon-probe-9", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http:///x'\n"), [], None),
    ("icon-probe-10", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a/b%\n"), ["CHART-012"], None),
    ("icon-probe-11", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://a/b\\c'\n"), [], None),
    ("icon-probe-12", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://a/b|c\n"), [], None),
    ("icon-probe-13", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: 'http://a|b/c'\n"), ["CHART-012"], None),
    ("icon-probe-14", sub("icon: https://www.openstack.org/mycloud-product.png\n", "icon: http://[fe80::1%25eth0]/\n"), [], None),
    ("kubeversion-probe-1", add("kubeVersion: '>= 1.20'\n"), [], None),
    ("kubeversion-probe-2", add("kubeVersion: '1.20.x-0'\n"), [], None,
     "helm template assumes Kubernetes 1.32; `1.20.x-0` is a valid constraint a 1.20 cluster meets"),
    ("kubeversion-probe-3", add("kubeVersion: '^1'\n"), [], None),
    ("kubeversion-probe-4", add("kubeVersion: '~1'\n"), [], None),
    ("kubeversion-probe-5", add("kubeVersion: '<=1.40, >=1.20'\n"), [], None),
    ("kubeversion-probe-6", add("kubeVersion: ' >=1.20 '\n"), [], None),
    ("kubeversion-probe-7", add("kubeVersion: '1.20 -1.30'\n"), ["CHART-012"], None),
    ("kubeversion-probe-8", add("kubeVersion: 'v1.x || v2.x'\n"), [], None),
    ("kubeversion-probe-9", add("kubeVersion: '='\n"), ["CHART-012"], None),
    ("kubeversion-probe-10", add("kubeVersion: '!1.2'\n"), ["CHART-012"], None),
    ("kubeversion-probe-11", add("kubeVersion: '>=1.20.0+build'\n"), [], None),
    ("kubeversion-probe-12", add("kubeVersion: '>=1.20.0-0,<2'\n"), [], None),
    ("kubeversion-probe-13", add("kubeVersion: '>1.2.3-'\n"), ["CHART-012"], None),
    ("kubeversion-probe-14", add("kubeVersion: '1.2.3 - 1.2'\n"), [], None,
     "helm template assumes Kubernetes 1.32; `1.2.3 - 1.2` is a valid (empty) range, not a syntax error"),
    ("kubeversion-probe-15", add("kubeVersion: '>=01.20'\n"), [], None),
    ("kubeversion-probe-16", add("kubeVersion: 'x'\n"), [], None),
    ("kubeversion-probe-17", add("kubeVersion: '1.*.*'\n"), [], None),
    ("kubeversion-probe-18", add("kubeVersion: '>=1.20 <=1.40 !=1.30'\n"), [], None),
    # --- kubeVersion constraints -----------------------------------------------------------
    ("kubeversion-x-wildcard", add('kubeVersion: "1.x"\n'), [], None),
    ("kubeversion-hyphen-range", add('kubeVersion: "1.20 - 1.40"\n'), [], None),
    ("kubeversion-not-equal", add('kubeVersion: "!=1.20.0"\n'), [], None),
    ("kubeversion-v-prefix", add('kubeVersion: ">=v1.20.0"\n'), [], None),
    ("kubeversion-tilde-arrow", add('kubeVersion: "~>1.20"\n'), [], None,
     "helm template assumes Kubernetes 1.32; `~>1.20` is a valid constraint a 1.20 cluster meets"),
    ("kubeversion-four-parts", add('kubeVersion: ">=1.2.3.4"\n'), ["CHART-012"], None),
    ("kubeversion-letters", add('kubeVersion: ">=a"\n'), ["CHART-012"], None),
    ("kubeversion-empty-or", add('kubeVersion: ">=1.20 ||"\n'), ["CHART-012"], None),
    ("kubeversion-double-comma", add('kubeVersion: ">=1.20,,<2"\n'), ["CHART-012"], None),
    ("kubeversion-empty", add("kubeVersion: ''\n"), [], None),
    ("kubeversion-excludes-1.32", add('kubeVersion: ">=1.20.0 <1.21.0"\n'), [], None,
     "helm template assumes Kubernetes 1.32; a cluster in range installs it"),
    ("kubeversion-prerelease", add('kubeVersion: ">=1.20.0-0"\n'), [], None),
    ("kubeversion-star", add('kubeVersion: "*"\n'), [], None),
    ("kubeversion-overflow", add('kubeVersion: ">=99999999999999999999"\n'), ["CHART-012"], None),
    ("kubeversion-int", add("kubeVersion: 1\n"), [], None),
    ("kubeversion-list", add("kubeVersion: [a]\n"), ["CHART-012"], None),
    # --- more wrong types --------------------------------------------------------------------
    ("type-capital", v2(add("type: Application\n")), ["CHART-012"], None),
    ("type-library-v1", add("type: library\n"), ["CHART-008", "CHART-012"], None),
    ("appversion-null", add("appVersion:\n"), ["CHART-012"], None),
    ("appversion-list", add("appVersion: [1]\n"), ["CHART-012"], None),
    ("deprecated-null", add("deprecated:\n"), [], None),
    ("deprecated-int", add("deprecated: 1\n"), ["CHART-012"], None),
    ("deprecated-map", add("deprecated: {a: 1}\n"), ["CHART-012"], None),
    ("description-bool", sub("description: Helm mycloud-product\n", "description: true\n"), [], None),
    ("annotations-null-value", add("annotations:\n  a:\n"), [], None),
    ("annotations-int-key", add("annotations:\n  1: a\n"), [], None),
    ("annotations-map-value", add("annotations:\n  a: {b: c}\n"), ["CHART-012"], None),
    ("annotations-null", add("annotations:\n"), [], None),
    ("keywords-item-null", BASE + "  -\n", [], None),
    ("keywords-item-bool", BASE + "  - true\n", [], None),
    ("keywords-item-list", BASE + "  - [a]\n", ["CHART-009"], None),
    ("dependencies-item-string", v2(add("dependencies:\n  - helm-toolkit\n")), ["CHART-012"], None),
    ("dependencies-null-item", v2(add("dependencies:\n  -\n")), ["CHART-012"], None),
    ("dependencies-in-v1-null", add("dependencies:\n"), [], None),
    ("name-backslash", sub("name: mycloud-product\n", "name: 'a\\\\b'\n"), ["CHART-001", "LAYOUT-002"], "§1.1.6.2: the product ID is lowercase letters and digits joined by `-`"),
    ("name-float", sub("name: mycloud-product\n", "name: 1.10\n"), ["CHART-001"], "the platform reads the product ID from Chart.yaml itself: a YAML number is no ID string"),
    ("home-int", sub("home: https://docs.openstack.org/mycloud-product\n", "home: 5\n"), [], None),
    ("home-map", sub("home: https://docs.openstack.org/mycloud-product\n", "home: {a: b}\n"), ["CHART-012"], None),
    ("version-timestamp-like", ver("2020-01-01"), [], None),
    ("version-hex-like", ver("0x10"), ["CHART-007"], None),
    ("version-exponent", ver("1e3"), ["CHART-007"], None),
    ("version-quoted-float", ver("'1.0'"), [], None),
    ("apiversion-v1-quoted", api("'v1'"), [], None),
    ("apiversion-bool", api("yes"), ["CHART-008"], None),
    ("yaml-error-after-name", sub("version: 1.0.0\n", "version: 1.0.0\nx: ]\n"), ["HELM-001"], None),
    ("yaml-error-bad-name-before", sub("name: mycloud-product\n", "name: My_Cloud\n") + "y: \"\n", ["CHART-001", "HELM-001"], None),
    ("yaml-error-keywords-cut", BASE + "  - catalog :Computing\n  - [\n", ["CHART-002", "HELM-001"], None),
    ("yaml-error-in-maintainer-name", sub("  - name: OpenStack-Helm Authors\n", "  - email: a@b.cd\n    name: \"unclosed\n"), ["HELM-001"], None),
    ("yaml-error-after-bad-maintainer-email", sub("  - name: OpenStack-Helm Authors\n", "  - name: A\n    email: a@b\n") + "z: ]\n", ["CHART-012", "HELM-001"], None),
    ("yaml-duplicate-name-bad-last", BASE + "name: Bad_Name\n", ["CHART-001", "LAYOUT-002"], "§1.1.6.2: the product ID is lowercase letters and digits joined by `-`, and the name Helm reads (the last) must be the chart's folder"),
]


def run(cmd, env):
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def lint_lines(out):
    """[LEVEL] file: message lines of `helm lint`, with their indented continuation lines."""
    found = []
    for line in out.splitlines():
        m = re.match(r"^\[(ERROR|WARNING|INFO)\] (.*)$", line)
        if m:
            found.append({"level": m.group(1), "text": m.group(2)})
        elif line.startswith("\t") and found:
            found[-1]["text"] += "\n" + line.strip()
    return found


def main():
    helm = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HELM3")
            or shutil.which("helm3") or os.path.join(ROOT, "..", "helm-bin", "helm3"))
    _, version, _ = run([helm, "version", "--short"], os.environ.copy())
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case id"
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KUBECONFIG="/dev/null",
                   HELM_CACHE_HOME=f"{tmp}/cache", HELM_CONFIG_HOME=f"{tmp}/config",
                   HELM_DATA_HOME=f"{tmp}/data")
        for (cid, text, expect, ecp, *rest) in CASES:
            env_note = rest[0] if rest else None
            chart = os.path.join(tmp, cid, NAME)
            os.makedirs(os.path.join(chart, "templates"))
            with open(os.path.join(chart, "Chart.yaml"), "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(chart, "values.yaml"), "w") as f:
                f.write("a: 1\n")
            with open(os.path.join(chart, "templates", "cm.yaml"), "w") as f:
                f.write('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "{{ .Values.a }}"\n')
            if "helm-toolkit" in text:
                # The dependency a case declares, so that `helm template` finds it.
                sub_dir = os.path.join(chart, "charts", "helm-toolkit")
                os.makedirs(sub_dir)
                with open(os.path.join(sub_dir, "Chart.yaml"), "w") as f:
                    f.write("apiVersion: v2\nname: helm-toolkit\nversion: 0.1.0\n")
            _, lout, _ = run([helm, "lint", chart], env)
            trc, _, terr = run([helm, "template", "x", chart], env)
            refusal = None
            if trc != 0:
                refusal = "\n".join(l.removeprefix("Error: ") for l in terr.strip().splitlines()
                                    if not l.startswith("WARNING") and not l.startswith("walk.go"))
            case = {"id": cid, "chart_yaml": text, "expect": expect}
            if ecp:
                case["ecp"] = ecp
            if env_note:
                case["helm_env"] = env_note
            # Paths of the temporary chart, as the same text on every run.
            lint = [{"level": l["level"], "text": l["text"].replace(chart, NAME)}
                    for l in lint_lines(lout)]
            if refusal:
                refusal = refusal.replace(chart, NAME)
            case["helm"] = {"lint": lint, "template_refuses": refusal}
            table.append(case)
    doc = {
        "generated_by": "scripts/helm-oracle/chart-cases.py",
        "helm": version.strip(),
        "note": "expect: rules with an error-severity finding on Chart.yaml; ecp: why ecplint "
                "reports an error where Helm is silent (the guide is stricter); helm_env: why "
                "helm template's refusal depends on where it runs (the Kubernetes version it "
                "assumes), not on the chart; helm.lint: helm lint's lines; "
                "helm.template_refuses: helm template's error, null when it loads",
        "cases": table,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(table)} cases -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
