"""The cases of the `helm template` differential table (tests/helm/template-cases.json).

Each case is a tiny chart (Chart.yaml, maybe values.yaml, one or more templates, other files),
files beside the chart (`outside`: for `-f` and `--set-file`) and the extra arguments of
`helm template rel c --namespace ns`. `template.py` renders every case with the real helm and
records what it printed; tests/helm_template.rs renders the same charts with `ecplint template`.

Names are `group/what`, unique. Most single-expression cases put the expression's output on a YAML
comment line (`# {{ expr }}`): any one-line text is a valid comment, so what is tested is the
template engine, not whether its output happens to be YAML. Multi-line outputs go into a block
scalar (`v: |2` then `indent 2`) or are written as YAML on purpose.

Outputs that change from run to run (random, time, key generation) are only tested through
shape-stable expressions (`len (randAlphaNum 10)`, a prefix, a round trip).
"""

import base64
import gzip
import io
import tarfile

CHART = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
LIBRARY = "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n"

CASES = []
_group = ["?"]


def group(name):
    _group[0] = name


def tgz(files):
    """A chart archive of {path: text}, the same bytes on every run (fixed times, sorted)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for path, text in sorted(files.items()):
            data = text.encode("utf-8")
            info = tarfile.TarInfo(path)
            info.mtime = 1_700_000_000
            info.mode = 0o644
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return gzip.compress(buf.getvalue(), compresslevel=9, mtime=0)


def case(name, template, values=None, args=(), files=None, outside=None, chart=CHART,
         archives=None):
    """template: the text of templates/t.yaml, or {path in the chart: text} for several files.
    archives: {path in the chart: {path in the archive: text}}, written as .tgz files (stored
    in the table as base64 under `binary`)."""
    chart_files = {"Chart.yaml": chart} if chart is not None else {}
    if values is not None:
        chart_files["values.yaml"] = values
    if isinstance(template, str):
        chart_files["templates/t.yaml"] = template
    else:
        chart_files.update(template)
    chart_files.update(files or {})
    CASES.append({
        "name": f"{_group[0]}/{name}",
        "group": _group[0],
        "files": chart_files,
        "outside": dict(outside or {}),
        "args": list(args),
        "binary": {path: base64.b64encode(tgz(content)).decode("ascii")
                   for path, content in (archives or {}).items()},
    })


def e(name, expr, **kw):
    """One expression, its output on a comment line."""
    case(name, "# {{ " + expr + " }}\n", **kw)


def line(name, text, **kw):
    """A line of template text (actions and text), its output on a comment line."""
    case(name, "# " + text + "\n", **kw)


def block(name, expr, **kw):
    """An expression whose output has several lines, in a block scalar."""
    case(name, "v: |2\n{{ " + expr + " | indent 2 }}\n", **kw)


def yaml_of(name, expr, **kw):
    """`toYaml` of something, as charts write it: under a key, indented."""
    case(name, "v:\n{{ " + expr + " | toYaml | indent 2 }}\n", **kw)


# ------------------------------------------------------------------------------------------------
group("action")
line("text-only", "plain text, no action")
line("comment", "a{{/* a comment */}}b")
line("comment-trim", "a {{- /* trimmed both sides */ -}} b")
case("comment-multiline", "# a{{/* line one\nline two */}}b\n")
line("if-true", "{{ if true }}yes{{ end }}")
line("if-false", "{{ if false }}yes{{ else }}no{{ end }}")
line("if-else-if", "{{ if eq 1 2 }}a{{ else if eq 1 1 }}b{{ else }}c{{ end }}")
line("if-else-if-chain", "{{ if false }}a{{ else if false }}b{{ else if true }}c{{ end }}")
line("if-pipeline-result", "{{ if .Values.list }}has{{ end }}", values="list: [1]\n")
line("with-value", "{{ with .Values.a }}{{ . }}{{ end }}", values="a: hello\n")
line("with-empty", "{{ with .Values.a }}{{ . }}{{ else }}none{{ end }}", values="a: ''\n")
line("with-else-with", "{{ with .Values.a }}a{{ else with .Values.b }}b={{ . }}{{ end }}", values="b: 2\n")
line("with-dot-restored", "{{ with .Values.a }}{{ . }}{{ end }} {{ .Values.a }}", values="a: x\n")
line("range-list", "{{ range .Values.l }}[{{ . }}]{{ end }}", values="l: [a, b, c]\n")
line("range-list-index", "{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }} {{ end }}", values="l: [a, b]\n")
line("range-list-one-var", "{{ range $v := .Values.l }}{{ $v }}{{ end }}", values="l: [a, b]\n")
line("range-map-sorted", "{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }} {{ end }}", values="m: {b: 2, a: 1, c: 3, B: 0}\n")
line("range-map-values", "{{ range .Values.m }}{{ . }} {{ end }}", values="m: {z: 1, a: 2}\n")
line("range-empty-else", "{{ range .Values.l }}x{{ else }}empty{{ end }}", values="l: []\n")
line("range-nil-else", "{{ range .Values.nope }}x{{ else }}nil{{ end }}")
line("range-int", "{{ range 3 }}{{ . }}{{ end }}")
line("range-int-zero", "{{ range 0 }}x{{ else }}none{{ end }}")
line("range-int-vars", "{{ range $i, $v := 3 }}{{ $i }}{{ $v }} {{ end }}")
line("range-int-float-value", "{{ range .Values.num }}{{ . }}{{ end }}", values="num: 3\n")
line("range-break", "{{ range list 1 2 3 4 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}")
line("range-break-values-float", "{{ range .Values.l }}{{ if eq . 3.0 }}{{ break }}{{ end }}{{ . }}{{ end }}", values="l: [1, 2, 3, 4]\n")
line("range-eq-values-int-literal", "{{ range .Values.l }}{{ if eq . 3 }}x{{ end }}{{ end }}", values="l: [1, 2, 3]\n")
line("range-continue", "{{ range list 1 2 3 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}")
line("range-break-nested", "{{ range list 1 2 }}{{ range list 0 1 2 3 }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }};{{ end }}")
line("range-string-error", "{{ range \"abc\" }}{{ . }}{{ end }}")
line("range-string-value", "{{ range .Values.s }}{{ . }}{{ end }}", values="s: abc\n")
line("range-dollar", "{{ range .Values.l }}{{ $.Release.Name }}-{{ . }} {{ end }}", values="l: [a]\n")
line("range-nested", "{{ range .Values.l }}{{ range . }}{{ . }}{{ end }}|{{ end }}", values="l: [[1, 2], [3]]\n")
line("range-tuple", "{{ range tuple 1 \"a\" true }}{{ . }},{{ end }}")
line("range-dict", "{{ range $k, $v := dict \"b\" 1 \"a\" 2 }}{{ $k }}{{ $v }}{{ end }}")
line("range-map-int-keys", "{{ range $k, $v := .Values.m }}{{ $k }}{{ end }}", values="m: {10: a, 9: b, x: c}\n")
line("break-outside-range", "{{ break }}")
line("continue-outside-range", "{{ continue }}")
line("parenthesized", "{{ (print \"a\" \"b\") | upper }}")
line("nested-parens", "{{ printf \"%s-%s\" (lower \"A\") (upper (print \"b\")) }}")
line("pipeline-chain", "{{ \"hello\" | upper | repeat 2 | quote }}")
line("pipeline-last-arg", "{{ \"world\" | printf \"%s %s\" \"hello\" }}")
line("field-on-map", "{{ .Values.a.b.c }}", values="a: {b: {c: deep}}\n")
line("field-chain-on-paren", "{{ (dict \"a\" (dict \"b\" 1)).a.b }}")
line("field-on-variable", "{{ $x := dict \"k\" \"v\" }}{{ $x.k }}")
line("dot-is-root", "{{ .Release.Name }} {{ $.Release.Namespace }}")
line("no-space-action", "{{.Release.Name}}")
line("string-literal-escapes", r'{{ "tab\there\u00e9\x41" }}')
line("raw-string", "{{ `raw \\n not escaped` }}")
case("raw-string-multiline", "# {{ `a\n# b` }}\n")
line("char-literal", "{{ 'a' }} {{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }}")
line("number-literals", "{{ 42 }} {{ -7 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}")
line("float-literals", "{{ 1.5 }} {{ 1e3 }} {{ 1.0 }} {{ .5 }} {{ 1e21 }} {{ 0x1p4 }}")
line("big-int-literal", "{{ 9223372036854775807 }}")
line("int-overflow-literal", "{{ 9223372036854775808 }}")
line("imaginary-literal", "{{ 1i }}")
line("bool-nil-literals", "{{ true }} {{ false }}")
line("nil-alone", "{{ nil }}")
line("nil-as-arg", "{{ print nil }}")
line("nil-command", "{{ nil | print }}")
line("printf-nil", "{{ printf \"%v\" nil }}")

group("trim")
case("left", "# a  \n  {{- \"b\" }}\n")
case("right", "# {{ \"a\" -}}  \n\n  b\n")
case("both", "# x \n {{- \"y\" -}} \n z\n")
case("trim-around-if", "# start\n{{- if true }}\n# inside\n{{- end }}\n# after\n")
case("trim-around-range", "items:\n{{- range .Values.l }}\n- {{ . }}\n{{- end }}\n", values="l: [a, b]\n")
case("trim-comment", "# a\n{{- /* c */ -}}\n# b\n")
case("no-trim-minus-number", "# {{ -3 }} {{3 -}} x\n")
case("trim-tabs-crlf", "# a\t\r\n\t{{- \"b\" }}\n")
case("trim-keeps-nbsp", "# a\u00a0{{- \"b\" }}\n")
case("trim-everything", "{{- \"\" -}}\n\n# only\n")
case("whitespace-only-output", "{{ if false }}x{{ end }}\n  \n")
case("trim-needs-space", "# {{-3}}\n")

group("var")
line("declare", "{{ $x := 1 }}{{ $x }}")
line("assign", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}")
line("assign-in-if-visible", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}")
line("declare-in-if-scoped", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}")
line("assign-in-range", "{{ $s := 0 }}{{ range .Values.l }}{{ $s = add $s . }}{{ end }}{{ $s }}", values="l: [1, 2, 3]\n")
line("assign-in-with", "{{ $x := \"a\" }}{{ with 1 }}{{ $x = \"b\" }}{{ end }}{{ $x }}")
line("undefined", "{{ $nope }}")
line("undefined-assign", "{{ $nope = 1 }}")
line("used-after-scope", "{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}")
line("dollar-in-define", "{{ define \"d\" }}{{ $.v }}{{ end }}{{ include \"d\" (dict \"v\" \"inner\") }}")
line("dollar-reassigned", "{{ $ = 1 }}")
line("var-pipeline", "{{ $x := \"a\" | upper }}{{ $x }}")
line("declare-prints-nothing", "[{{ $x := 5 }}]")
line("var-field", "{{ $v := .Values }}{{ $v.a }}", values="a: 1\n")
line("var-method-like", "{{ $c := .Capabilities }}{{ $c.KubeVersion.Major }}")
line("two-vars-non-range", "{{ $a, $b := 1 }}")
line("var-shadow-range", "{{ $i := \"outer\" }}{{ range $i, $v := .Values.l }}{{ end }}{{ $i }}", values="l: [a]\n")
line("range-var-after", "{{ range $i, $v := .Values.l }}{{ end }}{{ $i }}", values="l: [a]\n")

group("define")
case("define-and-template", "{{ define \"x\" }}X{{ . }}{{ end }}# {{ template \"x\" 1 }}\n")
case("template-no-arg", "{{ define \"x\" }}[{{ . }}]{{ end }}# {{ template \"x\" }}\n")
case("template-dot", "{{ define \"x\" }}{{ .Release.Name }}{{ end }}# {{ template \"x\" . }}\n")
case("block", "# {{ block \"b\" . }}default {{ .Release.Name }}{{ end }}\n")
case("block-overridden", {"templates/t.yaml": "# {{ block \"b\" . }}default{{ end }}\n",
                          "templates/_o.tpl": "{{ define \"b\" }}overridden{{ end }}"})
case("define-in-helpers", {"templates/t.yaml": "# {{ include \"h.name\" . }}\n",
                           "templates/_helpers.tpl": "{{- define \"h.name\" -}}\n{{ .Chart.Name }}-{{ .Release.Name }}\n{{- end -}}\n"})
case("define-redefined-later-file-wins", {"templates/t.yaml": "# {{ include \"x\" . }}\n",
                                           "templates/_a.tpl": "{{ define \"x\" }}a{{ end }}",
                                           "templates/_b.tpl": "{{ define \"x\" }}b{{ end }}"})
case("define-same-file-twice", "{{ define \"x\" }}1{{ end }}{{ define \"x\" }}2{{ end }}# {{ include \"x\" . }}\n")
case("template-missing", "# {{ template \"nope\" . }}\n")
case("include-missing", "# {{ include \"nope\" . }}\n")
case("include-pipe", "{{ define \"x\" }}a\nb{{ end }}v: |\n{{ include \"x\" . | indent 2 }}\n")
case("template-cannot-pipe", "{{ define \"x\" }}a{{ end }}# {{ template \"x\" . | upper }}\n")
case("include-recursive-limit", "{{ define \"r\" }}{{ include \"r\" . }}{{ end }}# {{ include \"r\" . }}\n")
case("include-recursion-bounded", "{{ define \"r\" }}{{ if gt (int .) 0 }}{{ . }}{{ include \"r\" (sub . 1) }}{{ end }}{{ end }}# {{ include \"r\" 5 }}\n")
case("define-nested-error", "{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}\n")
case("define-scoped-vars", "{{ $x := 1 }}{{ define \"d\" }}{{ $x }}{{ end }}# {{ include \"d\" . }}\n")
case("include-in-subdir-helpers", {"templates/t.yaml": "# {{ include \"s\" . }}\n",
                                    "templates/sub/_s.tpl": "{{ define \"s\" }}sub{{ end }}"})
case("template-name-from-var", "{{ define \"x\" }}x{{ end }}{{ $n := \"x\" }}# {{ template $n }}\n")
case("include-name-from-var", "{{ define \"x\" }}x{{ end }}{{ $n := \"x\" }}# {{ include $n . }}\n")
case("define-prints-nothing", "{{ define \"x\" }}\nmany\nlines\n{{ end }}# after\n")
case("define-in-rendered-template-shared", {"templates/a.yaml": "{{ define \"from-a\" }}A{{ end }}# a\n",
                                             "templates/b.yaml": "# {{ include \"from-a\" . }}\n"})
case("template-name-own-file", {"templates/t.yaml": "# {{ .Template.Name }} {{ include \"n\" . }}\n",
                                "templates/_n.tpl": "{{ define \"n\" }}{{ .Template.Name }}{{ end }}"})
case("block-in-helpers", {"templates/t.yaml": "# {{ template \"blk\" . }}\n",
                          "templates/_b.tpl": "{{ block \"blk\" . }}from block{{ end }}"})

group("logic")
line("and-returns-first-falsy", "{{ and 1 0 2 }} {{ and 1 2 3 }} {{ and \"\" 1 }}")
line("or-returns-first-truthy", "{{ or 0 \"\" \"x\" }} {{ or 0 false }} {{ or nil 2 }}")
line("and-short-circuit", "{{ and false (fail \"not evaluated\") }}")
line("or-short-circuit", "{{ or true (fail \"not evaluated\") }}")
line("and-short-circuit-nil-field", "{{ and .Values.a .Values.a.b }}", values="a: null\n")
line("or-evaluates-last", "{{ or false (fail \"evaluated\") }}")
line("not", "{{ not 0 }} {{ not 1 }} {{ not \"\" }} {{ not .Values.l }} {{ not .Values.m }}", values="l: []\nm: {}\n")
line("truthiness", "{{ if 0.0 }}f{{ end }}{{ if \"0\" }}s{{ end }}{{ if .Values.m }}m{{ end }}{{ if .Values.e }}e{{ end }}", values="m: {a: 1}\ne: {}\n")
line("eq-basic", "{{ eq 1 1 }} {{ eq \"a\" \"b\" }} {{ eq true true }}")
line("eq-several", "{{ eq 2 1 2 3 }} {{ eq 5 1 2 3 }}")
line("eq-int-float-error", "{{ eq 1 1.0 }}")
line("eq-value-float-int-literal", "{{ eq .Values.num 1 }}", values="num: 1\n")
line("eq-value-float-float", "{{ eq .Values.num 1.0 }}", values="num: 1\n")
line("eq-string-int-error", "{{ eq \"1\" 1 }}")
line("eq-nil-nil", "{{ eq nil nil }}")
line("eq-missing-value-string", "{{ eq .Values.nope \"x\" }}")
line("eq-map-error", "{{ eq .Values.m .Values.m }}", values="m: {a: 1}\n")
line("eq-list-error", "{{ eq .Values.l .Values.l }}", values="l: [1]\n")
line("ne", "{{ ne 1 2 }} {{ ne \"a\" \"a\" }}")
line("lt-gt", "{{ lt 1 2 }} {{ gt 1 2 }} {{ le 2 2 }} {{ ge 1 2 }}")
line("lt-strings", "{{ lt \"a\" \"b\" }} {{ lt \"B\" \"a\" }}")
line("lt-mixed-error", "{{ lt 1 \"2\" }}")
line("lt-int-float-error", "{{ lt 1 2.5 }}")
line("lt-bool-error", "{{ lt true false }}")
line("lt-int-uint", "{{ lt -1 (len \"ab\") }}")
line("lt-values-numbers", "{{ lt .Values.a .Values.b }}", values="a: 1\nb: 2.5\n")
line("gt-int64-int", "{{ gt (int64 3) 2 }}")
line("eq-int64-int", "{{ eq (int64 3) 3 }}")
line("eq-incompatible-name", "{{ eq (list 1) 1 }}")

group("builtin")
line("index-list", "{{ index .Values.l 1 }}", values="l: [a, b, c]\n")
line("index-nested", "{{ index .Values.m \"a\" 0 \"b\" }}", values="m: {a: [{b: deep}]}\n")
line("index-map-missing", "[{{ index .Values.m \"nope\" }}]", values="m: {a: 1}\n")
line("index-out-of-range", "{{ index .Values.l 5 }}", values="l: [a]\n")
line("index-negative", "{{ index .Values.l -1 }}", values="l: [a]\n")
line("index-nil", "{{ index .Values.nope 0 }}")
line("index-string", "{{ index \"abc\" 1 }}")
line("index-float-index", "{{ index .Values.l .Values.i }}", values="l: [a, b]\ni: 1\n")
line("index-no-args", "{{ index .Values.m }}", values="m: {a: 1}\n")
line("index-map-int-key", "{{ index .Values.m 1 }}", values="m: {a: 1}\n")
line("slice-list", "{{ slice .Values.l 1 3 }}", values="l: [a, b, c, d]\n")
line("slice-string", "{{ slice \"hello\" 1 3 }} {{ slice \"hello\" 2 }}")
line("slice-out-of-range", "{{ slice .Values.l 1 9 }}", values="l: [a, b]\n")
line("slice-reversed", "{{ slice .Values.l 2 1 }}", values="l: [a, b, c]\n")
line("slice-map-error", "{{ slice .Values.m 0 }}", values="m: {a: 1}\n")
line("len-kinds", "{{ len \"héllo\" }} {{ len .Values.l }} {{ len .Values.m }}", values="l: [1, 2]\nm: {a: 1}\n")
line("len-int-error", "{{ len 3 }}")
line("len-nil-error", "{{ len .Values.nope }}")
line("print-spacing", "{{ print \"a\" \"b\" 1 2 \"c\" 3.5 true }}")
line("print-strings-no-space", "{{ print \"a\" \"b\" }}|{{ print 1 2 }}|{{ print \"a\" 1 \"b\" }}")
case("println", "v: |2\n  {{ println \"a\" 1 \"b\" }}  x\n")
line("print-map-list", "{{ print .Values.m .Values.l }}", values="m: {b: 2, a: 1}\nl: [x, 1, {k: v}]\n")
line("print-float-values", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }} {{ .Values.d }} {{ .Values.e }}", values="a: 1000000\nb: 0.1\nc: 123456789\nd: 1.5e-7\ne: 100000\n")
line("print-float-values-large", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }}", values="a: 1e21\nb: 12345678901234567890\nc: -0.0\n")
line("print-bools-nulls", "{{ .Values.a }} [{{ .Values.b }}] {{ .Values.c }}", values="a: true\nb: null\nc: yes\n")
line("html", "{{ html \"<a href='x'>&\\\"</a>\" }}")
line("html-nonstring", "{{ html 1 .Values.l }}", values="l: [\"<\"]\n")
line("js", "{{ js \"it's <b> \\\"q\\\" \\\\ & = \\n\" }}")
line("js-unicode", "{{ js \"é\\u2028\" }}")
line("urlquery", "{{ urlquery \"a b&c=d/é\" }}")
line("urlquery-multi", "{{ urlquery \"a\" 1 \"b\" }}")
line("call-non-func", "{{ call .Values.a }}", values="a: 1\n")
line("not-a-function", "{{ nope 1 }}")
line("not-no-args", "{{ not }}")
line("and-no-args", "{{ and }}")
line("too-many-args", "{{ upper \"a\" \"b\" }}")
line("wrong-arg-type", "{{ upper 1 }}")
line("wrong-arg-type-value", "{{ repeat \"x\" \"y\" }}")
line("nil-to-string-param", "{{ upper nil }}")

group("printf")
line("verbs-basic", "{{ printf \"%s|%d|%v|%q|%t\" \"s\" 42 1.5 \"q\" true }}")
line("d-of-float-value", "{{ printf \"%d\" .Values.num }}", values="num: 3\n")
line("d-of-int", "{{ printf \"%d\" (int .Values.num) }}", values="num: 3\n")
line("s-of-int", "{{ printf \"%s\" 3 }}")
line("wrong-verb-type", "{{ printf \"%d\" \"x\" }}")
line("missing-arg", "{{ printf \"%s %s\" \"a\" }}")
line("extra-arg", "{{ printf \"%s\" \"a\" \"b\" }}")
line("bad-verb", "{{ printf \"%z\" 1 }}")
line("percent", "{{ printf \"100%%\" }}")
line("trailing-percent", "{{ printf \"50%\" }}")
line("width-precision", "{{ printf \"[%5s][%-5s][%.2f][%8.3f][%05d][%x][%X][%o][%b][%e][%g]\" \"a\" \"b\" 3.14159 2.5 42 255 255 8 5 1234.5678 0.000012 }}")
line("flags", "{{ printf \"[%+d][% d][%#x][%#o][%-4d]\" 5 5 255 8 7 }}")
line("star-width", "{{ printf \"[%*d][%-*d]\" 5 1 3 2 }}")
line("v-map", "{{ printf \"%v\" .Values.m }}", values="m: {b: [1, 2], a: {c: null}}\n")
line("plus-v-map", "{{ printf \"%+v\" .Values.m }}", values="m: {a: 1}\n")
line("sharp-v", "{{ printf \"%#v\" .Values.m }} {{ printf \"%#v\" \"s\" }} {{ printf \"%#v\" 1 }}", values="m: {a: 1}\n")
line("T-types", "{{ printf \"%T %T %T %T %T %T %T\" 1 1.5 \"s\" true .Values.m .Values.l nil }}", values="m: {a: 1}\nl: [1]\n")
line("T-values-number", "{{ printf \"%T %T\" .Values.i (int .Values.i) }}", values="i: 1\n")
line("v-nil", "{{ printf \"%v %s %d\" nil nil nil }}")
line("v-floats", "{{ printf \"%v %v %v %v %v %v\" 1.0 0.1 1e6 1e20 1e21 123456789.0 }}")
line("f-default", "{{ printf \"%f %.0f %.1f\" 2.5 2.5 0.05 }}")
line("q-special", "{{ printf \"%q\" \"tab\\there \\\"é\\u0001\" }}")
line("q-runs", "{{ printf \"%q|%+q\" .Values.s .Values.s }} {{ quote .Values.s }}", values="s: \"plain ascii run \\\\ back\\\\slash \\\"q\\\" ~\\x7f\\u200b 中文 end\"\n")
line("x-string", "{{ printf \"%x %X % x\" \"hi\" \"hi\" \"hi\" }}")
line("c-U", "{{ printf \"%c %U\" 65 233 }}")
line("s-list", "{{ printf \"%s\" .Values.l }}", values="l: [a, 1, true]\n")
line("d-list", "{{ printf \"%d\" .Values.l }}", values="l: [1, 2]\n")
line("indexed-args", "{{ printf \"%[2]s %[1]s\" \"a\" \"b\" }}")
line("bad-index", "{{ printf \"%[3]s\" \"a\" }}")
line("bool-verbs", "{{ printf \"%v %t %d\" true false true }}")
line("e-large-int", "{{ printf \"%e\" 1000000 }}")
line("g-value", "{{ printf \"%g %G\" .Values.a .Values.b }}", values="a: 100000000\nb: 1.0e-10\n")
line("no-args", "{{ printf \"plain\" }}")
line("nonstring-format", "{{ printf 1 }}")

group("missing")
line("no-value-replaced", "[{{ .Values.nope }}]")
line("no-value-nested-map", "[{{ .Values.a.nope }}]", values="a: {b: 1}\n")
line("nil-pointer", "{{ .Values.a.b.c }}")
line("nil-pointer-two-levels", "{{ .Values.a.b.c.d }}", values="a: {}\n")
line("field-on-string", "{{ .Values.a.b }}", values="a: str\n")
line("field-on-list", "{{ .Values.a.b }}", values="a: [1]\n")
line("field-on-null-value", "{{ .Values.a.b }}", values="a: null\n")
line("no-value-in-print", "[{{ print .Values.nope }}]")
line("no-value-printf", "[{{ printf \"%v\" .Values.nope }}]")
line("no-value-literal-text", "<no value> stays? {{ \"<no value>\" }}")
line("missing-top-field", "[{{ .Nope }}]")
line("missing-release-field", "{{ .Release.Nope }}")
line("missing-chart-field", "{{ .Chart.Nope }}")
line("missing-key-index", "[{{ index .Values \"nope\" }}]")
line("default-missing", "{{ .Values.nope | default \"dflt\" }}")
line("missing-in-toYaml", "{{ toYaml .Values.nope }}")
line("missing-in-quote", "{{ quote .Values.nope }}")
line("missing-in-upper", "[{{ upper .Values.nope }}]")
line("missing-in-eq", "{{ eq .Values.nope nil }}")
line("empty-values-file", "[{{ .Values.a }}]", values="")

group("values")
line("big-float", "{{ .Values.big }}", values="big: 1000000\n")
line("big-float-int", "{{ int .Values.big }} {{ int64 .Values.big }}", values="big: 1000000\n")
line("float-from-values", "{{ .Values.f }} {{ int .Values.f }} {{ .Values.f | floor }}", values="f: 2.7\n")
line("negative-int-cast", "{{ int .Values.num }}", values="num: -2.7\n")
line("int-values-arithmetic", "{{ add .Values.a 1 }} {{ mul .Values.a 1000000 }}", values="a: 2\n")
line("large-int-value", "{{ .Values.a }} {{ int64 .Values.a }}", values="a: 9007199254740993\n")
line("string-number", "{{ .Values.a }} {{ .Values.a | int }}", values="a: \"0123\"\n")
line("octal-value", "{{ .Values.a }}", values="a: 0777\n")
line("hex-value", "{{ .Values.a }}", values="a: 0x1F\n")
line("yes-no-value", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }}", values="a: yes\nb: off\nc: \"yes\"\n")
line("inf-nan-value", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }}", values="a: .inf\nb: -.inf\nc: .nan\n")
line("timestamp-value", "{{ .Values.a }}", values="a: 2020-01-02\n")
line("nested-value-map", "{{ .Values.m }}", values="m: {b: 1, a: [x, {y: z}]}\n")
line("kindOf-values", "{{ kindOf .Values.i }} {{ kindOf .Values.s }} {{ kindOf .Values.b }} {{ kindOf .Values.l }} {{ kindOf .Values.m }} {{ kindOf .Values.n }}", values="i: 1\ns: x\nb: true\nl: []\nm: {}\nn: null\n")
line("typeOf-values", "{{ typeOf .Values.i }} {{ typeOf .Values.s }} {{ typeOf .Values.l }} {{ typeOf .Values.m }} {{ typeOf .Values.n }}", values="i: 1\ns: x\nl: []\nm: {}\nn: null\n")
line("values-file-f", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c.d }}", values="a: 1\nb: 2\nc: {d: 3, e: 4}\n", args=["-f", "over.yaml"], outside={"over.yaml": "b: two\nc: {d: three}\n"})
line("values-file-f-order", "{{ .Values.a }}", values="a: 0\n", args=["-f", "one.yaml", "-f", "two.yaml"], outside={"one.yaml": "a: 1\n", "two.yaml": "a: 2\n"})
line("values-file-null-deletes", "{{ .Values.c }} {{ hasKey .Values.c \"d\" }}", values="c: {d: 3, e: 4}\n", args=["-f", "over.yaml"], outside={"over.yaml": "c: {d: null}\n"})
line("values-file-list-replaces", "{{ .Values.l }}", values="l: [1, 2, 3]\n", args=["-f", "over.yaml"], outside={"over.yaml": "l: [9]\n"})
line("values-file-map-over-scalar", "{{ .Values.a }}", values="a: 1\n", args=["-f", "over.yaml"], outside={"over.yaml": "a: {b: 2}\n"})
line("values-file-scalar-over-map", "{{ .Values.a }}", values="a: {b: 2}\n", args=["-f", "over.yaml"], outside={"over.yaml": "a: 1\n"})
line("values-yaml-error", "x", values="a: [\n")
line("values-f-missing-file", "x", args=["-f", "nope.yaml"])
line("values-toJson-roundtrip", "{{ toJson .Values }}", values="i: 1\nf: 1.5\nbig: 1000000\ns: x\nn: null\nl: [1, a]\n")

group("set")
line("simple", "{{ .Values.a }}", args=["--set", "a=b"])
line("int-inferred", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=1000000"])
line("float-stays-string", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=1.5"])
line("bool-inferred", "{{ .Values.a }} {{ typeOf .Values.a }} {{ typeOf .Values.b }}", args=["--set", "a=true,b=False"])
line("null-deletes", "{{ hasKey .Values \"a\" }} {{ .Values.b }}", values="a: 1\nb: 2\n", args=["--set", "a=null"])
line("set-string", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set-string", "a=123"])
line("set-string-null", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set-string", "a=null"])
line("dotted", "{{ .Values.a.b.c }}", args=["--set", "a.b.c=deep"])
line("dotted-merges", "{{ .Values.a }}", values="a: {x: 1, b: {y: 2}}\n", args=["--set", "a.b.c=3"])
line("comma-multiple", "{{ .Values.a }} {{ .Values.b }}", args=["--set", "a=1,b=2"])
line("escaped-comma", "{{ .Values.a }}", args=["--set", "a=x\\,y"])
line("escaped-dot-key", "{{ index .Values \"a.b\" }}", args=["--set", "a\\.b=v"])
line("list-braces", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a={x,y,3}"])
line("list-index", "{{ .Values.a }}", args=["--set", "a[0]=x,a[2]=z"])
line("list-index-map", "{{ .Values.a }}", args=["--set", "a[0].name=n,a[0].v=1"])
line("list-index-over-values", "{{ .Values.a }}", values="a: [p, q, r]\n", args=["--set", "a[1]=x"])
line("empty-value", "[{{ .Values.a }}] {{ typeOf .Values.a }}", args=["--set", "a="])
line("zero-leading", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=0123"])
line("zero", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=0"])
line("negative", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=-5"])
line("big-int", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=99999999999999999999"])
line("later-set-wins", "{{ .Values.a }}", args=["--set", "a=1", "--set", "a=2"])
line("set-over-f", "{{ .Values.a }}", args=["-f", "o.yaml", "--set", "a=set"], outside={"o.yaml": "a: file\n"})
line("set-string-and-set-order", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=1", "--set-string", "a=2"])
line("equals-in-value", "{{ .Values.a }}", args=["--set", "a=b=c"])
line("no-equals-error", "x", args=["--set", "a"])
line("bad-index-error", "x", args=["--set", "a[x]=1"])
line("spaces-kept", "[{{ .Values.a }}]", args=["--set", "a= spaced "])
line("set-file", "{{ .Values.a | quote }}", args=["--set-file", "a=f.txt"], outside={"f.txt": "line1\nline2\n"})
line("set-file-missing", "x", args=["--set-file", "a=nope.txt"])
line("set-file-dotted", "{{ .Values.a.b | trim }}", args=["--set-file", "a.b=f.txt"], outside={"f.txt": " content \n"})
line("set-map-over-scalar", "{{ .Values.a }}", values="a: 1\n", args=["--set", "a.b=2"])
line("set-list-into-map", "{{ .Values.a }}", values="a: {k: v}\n", args=["--set", "a[0]=x"])
line("set-unicode", "{{ .Values.a }}", args=["--set", "a=中文"])
line("set-true-string-compare", "{{ if .Values.a }}on{{ end }} {{ eq .Values.a true }}", args=["--set", "a=true"])
line("set-nested-list-index", "{{ .Values.a }}", args=["--set", "a[0][1]=x"])
line("set-escaped-brace", "{{ .Values.a }}", args=["--set", "a=\\{x\\}"])
line("set-int-arith", "{{ add .Values.a 1 }} {{ printf \"%d\" .Values.a }}", args=["--set", "a=41"])

group("builtin-object")
line("release", "{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}")
line("release-print", "{{ .Release }}")
line("chart-fields", "{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }} {{ .Chart.Description }} {{ .Chart.Type }}",
     chart="apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: \"1.2\"\ndescription: d e\ntype: application\n")
line("chart-more-fields", "{{ .Chart.Keywords }} {{ .Chart.Home }} {{ .Chart.Sources }} {{ (index .Chart.Maintainers 0).Name }} {{ (index .Chart.Maintainers 0).Email }} {{ .Chart.Icon }} {{ .Chart.KubeVersion }} {{ .Chart.Deprecated }} {{ .Chart.Annotations }}",
     chart="apiVersion: v2\nname: c\nversion: 0.1.0\nkeywords: [a, b]\nhome: https://h\nsources: [https://s]\nmaintainers: [{name: m, email: m@e.x}]\nicon: https://i/x.png\nkubeVersion: '>=1.0.0-0'\ndeprecated: true\nannotations: {x: y}\n")
line("chart-print", "{{ .Chart }}")
line("chart-lowercase-field", "{{ .Chart.name }}")
line("chart-v1", "{{ .Chart.APIVersion }} {{ .Chart.Name }}", chart="apiVersion: v1\nname: c\nversion: 0.1.0\n")
line("capabilities-kube", "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}")
line("capabilities-kube-version-flag", "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}", args=["--kube-version", "1.25.3"])
line("capabilities-kube-version-v", "{{ .Capabilities.KubeVersion.Version }}", args=["--kube-version", "v1.20"])
line("capabilities-kube-version-bad", "x", args=["--kube-version", "banana"])
line("capabilities-has", "{{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Capabilities.APIVersions.Has \"apps/v1/Deployment\" }} {{ .Capabilities.APIVersions.Has \"nope/v1\" }} {{ .Capabilities.APIVersions.Has \"v1\" }}")
line("capabilities-api-versions-flag", "{{ .Capabilities.APIVersions.Has \"x.io/v1\" }} {{ .Capabilities.APIVersions.Has \"x.io/v1/Foo\" }} {{ .Capabilities.APIVersions.Has \"y.io/v2\" }}", args=["--api-versions", "x.io/v1/Foo", "--api-versions", "y.io/v2"])
line("capabilities-api-versions-list", "{{ .Capabilities.APIVersions }}")
line("capabilities-helm-version", "{{ .Capabilities.HelmVersion.Version }}")
line("semverCompare-kube", "{{ semverCompare \">=1.20-0\" .Capabilities.KubeVersion.GitVersion }} {{ semverCompare \"<1.20\" .Capabilities.KubeVersion.Version }}")
line("template-fields", "{{ .Template.Name }} {{ .Template.BasePath }}")
case("template-name-subdir", {"templates/sub/dir/t.yaml": "# {{ .Template.Name }} {{ .Template.BasePath }}\n"})
line("files-get", "{{ .Files.Get \"files/a.txt\" | trim }}", files={"files/a.txt": "hello\n"})
line("files-get-missing", "[{{ .Files.Get \"nope.txt\" }}]")
line("files-getbytes", "{{ .Files.GetBytes \"a.txt\" | len }}", files={"a.txt": "héllo"})
line("files-lines", "{{ range .Files.Lines \"a.txt\" }}[{{ . }}]{{ end }}", files={"a.txt": "one\ntwo\n\nfour"})
line("files-lines-missing", "{{ len (.Files.Lines \"nope\") }}")
block("files-glob-asconfig", "(.Files.Glob \"conf/*\").AsConfig", files={"conf/b.conf": "b=2\n", "conf/a.conf": "a=1", "conf/sub/c.conf": "c"})
block("files-glob-assecrets", "(.Files.Glob \"conf/*\").AsSecrets", files={"conf/a.conf": "a=1\n", "conf/b": "\u00e9"})
line("files-glob-range", "{{ range $p, $_ := .Files.Glob \"**.txt\" }}{{ $p }} {{ end }}", files={"a.txt": "", "d/b.txt": "", "d/e/c.txt": "", "x.md": ""})
line("files-glob-star", "{{ range $p, $_ := .Files.Glob \"*.txt\" }}{{ $p }} {{ end }}", files={"a.txt": "", "d/b.txt": ""})
line("files-glob-brace-class", "{{ range $p, $_ := .Files.Glob \"f/[ab].{txt,md}\" }}{{ $p }} {{ end }}", files={"f/a.txt": "", "f/b.md": "", "f/c.txt": ""})
line("files-glob-no-templates", "{{ range $p, $_ := .Files.Glob \"**\" }}{{ $p }} {{ end }}", files={"a.txt": "x"})
line("files-helmignore", "{{ range $p, $_ := .Files.Glob \"**\" }}{{ $p }} {{ end }}", files={".helmignore": "*.bak\nsecret/\n", "a.txt": "", "b.bak": "", "secret/k": ""})
line("files-get-chart-yaml", "{{ .Files.Get \"Chart.yaml\" | sha256sum | trunc 8 }}")
line("files-get-values-yaml", "{{ .Files.Get \"values.yaml\" | trim }}", values="a: 1\n")
line("files-get-template-excluded", "[{{ .Files.Get \"templates/t.yaml\" | len }}]")
line("files-in-range-dot", "{{ range tuple \"a.txt\" }}{{ $.Files.Get . | trim }}{{ end }}", files={"a.txt": "A\n"})
line("files-get-binary", "{{ .Files.Get \"b.bin\" | b64enc }}", files={"b.bin": "\u00ff\u00fe"})
line("files-as-config-single", "{{ (.Files.Glob \"a.txt\").AsConfig | trim }}", files={"a.txt": "x: 1"})
line("subcharts-empty", "{{ .Subcharts }}")
line("values-top-print", "{{ .Values }}", values="b: 1\na: [x]\n")

group("sprig-string")
e("trim", "trim \"  a b \\t\\n\" | quote")
e("trimAll", "trimAll \"$\" \"$$5.00$\"")
e("trimall-alias", "trimall \"-\" \"--a--\"")
e("trimPrefix-Suffix", "print (trimPrefix \"-\" \"--a\") (trimSuffix \"-\" \"a--\")")
e("upper-lower-title", "print (upper \"héllo\") \" \" (lower \"HÉLLO\") \" \" (title \"hello wORLD\") \" \" (untitle \"Hello World\")")
e("title-punctuation", "title \"hello-world foo_bar o'neil\"")
e("substr", "print (substr 0 5 \"hello world\") \"|\" (substr 6 99 \"hello world\") \"|\" (substr -1 3 \"hello\")")
e("substr-reversed", "substr 3 1 \"hello\"")
e("substr-unicode", "substr 1 3 \"héllo\"")
e("repeat", "repeat 3 \"ab\"")
e("repeat-zero", "repeat 0 \"ab\" | quote")
e("repeat-negative", "repeat -1 \"ab\"")
e("nospace", "nospace \" h e\\tl\\nl o \"")
e("trunc", "print (trunc 5 \"hello world\") \"|\" (trunc -5 \"hello world\") \"|\" (trunc 50 \"hi\") \"|\" (trunc -50 \"hi\")")
e("abbrev", "print (abbrev 5 \"hello world\") \"|\" (abbrev 20 \"hello\") \"|\" (abbrev 3 \"hello\")")
e("abbrevboth", "abbrevboth 5 10 \"1234 5678 9123\"")
e("initials", "initials \"First Try  hello\"")
e("wrap", "wrap 5 \"hello world how are you\" | quote")
e("wrapWith", "wrapWith 5 \"\\t\" \"Hello World\" | quote")
e("contains", "print (contains \"cat\" \"catch\") (contains \"dog\" \"catch\")")
e("hasPrefix-hasSuffix", "print (hasPrefix \"ca\" \"cat\") (hasSuffix \"at\" \"cat\") (hasPrefix \"x\" \"cat\")")
e("quote-squote", "print (quote \"a\" 1 nil \"b\\\"c\") \" \" (squote \"a\" 2)")
e("quote-nil-alone", "quote nil | print \"[\" | print")
e("cat", "cat \"a\" 1 nil \"b\" (list 1 2)")
e("indent", "indent 2 \"a\\nb\" | quote")
e("nindent", "nindent 2 \"a\\nb\" | quote")
e("indent-empty-lines", "indent 2 \"a\\n\\nb\\n\" | quote")
e("replace", "replace \" \" \"-\" \"a b c\"")
e("replace-empty-old", "replace \"\" \"-\" \"abc\"")
e("plural", "print (plural \"one\" \"many\" 1) (plural \"one\" \"many\" 2) (plural \"one\" \"many\" 0)")
e("snakecase", "snakecase \"FirstName HTTPServer someID\"")
e("camelcase", "camelcase \"http_server-name foo bar\"")
e("kebabcase", "kebabcase \"FirstName HTTPServer\"")
e("swapcase", "swapcase \"This Is A.Test\"")
e("shuffle-shape", "shuffle \"abcdef\" | len")
e("toString", "print (toString 1) (toString 1.5) (toString nil) (toString true) (toString (list 1 2))")
e("toStrings", "toStrings (list 1 \"a\" nil 2.5)")
e("atoi", "print (atoi \"42\") \" \" (atoi \"x\") \" \" (atoi \"4.2\")")
e("int-conversions", "print (int \"12\") \" \" (int 3.9) \" \" (int \"x\") \" \" (int nil) \" \" (int true) \" \" (int \"0x1F\")")
e("int64-float64", "print (int64 \"9\") \" \" (float64 \"1.5\") \" \" (float64 3) \" \" (float64 \"x\")")
e("toDecimal", "print (toDecimal \"0777\") \" \" (toDecimal \"x\")")
e("split", "split \"$\" \"foo$bar$baz\"")
e("split-field", "(split \"$\" \"foo$bar\")._1")
e("splitList", "splitList \",\" \"a,b,,c\"")
e("splitn", "splitn \"$\" 2 \"foo$bar$baz\"")
e("join", "print (join \"-\" (list \"a\" 1 nil true)) \" \" (join \",\" \"str\")")
e("sortAlpha", "sortAlpha (list \"b\" \"A\" \"a\" 10 2)")
e("seq", "print (seq 3) \"|\" (seq 2 4) \"|\" (seq 5 -2 1) \"|\" (seq 0)")
e("sha-sums", "print (sha1sum \"a\") \" \" (sha256sum \"a\") \" \" (adler32sum \"a\")")
e("sha512sum", "sha512sum \"a\"")
e("b64", "print (b64enc \"héllo\") \" \" (b64dec \"aMOpbGxv\") \" \" (b64dec \"!!\")")
e("b64dec-bytes-len", "print (len (b64dec \"/w==\")) (len (b64dec \"AAEC/w==\"))")
e("b32", "print (b32enc \"hello\") \" \" (b32dec \"NBSWY3DP\")")
e("hello", "hello")
e("regexMatch", "print (regexMatch \"^[a-z]+$\" \"abc\") (regexMatch \"^[a-z]+$\" \"a1\")")
e("regexMatch-bad", "regexMatch \"[\" \"a\"")
e("mustRegexMatch-bad", "mustRegexMatch \"[\" \"a\"")
e("regexFindAll", "regexFindAll \"[2,4,6,8]\" \"123456789\" -1")
e("regexFindAll-n", "regexFindAll \"[2,4,6,8]\" \"123456789\" 2")
e("regexFind", "print (regexFind \"[a-zA-Z][1-9]\" \"abcd1234\") \"|\" (regexFind \"z\" \"abc\")")
e("regexReplaceAll", "regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\"")
e("regexReplaceAllLiteral", "regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\"")
e("regexSplit", "regexSplit \"z+\" \"pizza\" -1")
e("regexQuoteMeta", "regexQuoteMeta \"1.2.3[x]\"")
e("regex-unicode-class", "regexFindAll \"\\\\p{Han}+\" \"a中文b字\" -1")
e("upper-int-error", "upper 1")
e("trim-list-error", "trim (list 1)")
e("quote-list", "quote (list 1 \"a\")")
e("toString-map", "toString (dict \"b\" 1 \"a\" 2)")

group("sprig-math")
e("add", "print (add 1 2) \" \" (add 1 2 3) \" \" (add \"1\" 2) \" \" (add 1.5 1)")
e("add-values", "add .Values.a .Values.b", values="a: 1.5\nb: 2\n")
e("add1-sub-mul-div-mod", "print (add1 1) \" \" (sub 5 3) \" \" (mul 2 3 4) \" \" (div 7 2) \" \" (mod 7 3) \" \" (div -7 2)")
e("div-zero", "div 1 0")
e("mod-zero", "mod 1 0")
e("max-min", "print (max 1 5 3) \" \" (min 4 2 8) \" \" (max \"3\" 2) \" \" (biggest 1 2)")
e("floor-ceil-round", "print (floor 1.7) \" \" (ceil 1.2) \" \" (round 1.5 0) \" \" (round 2.345 2) \" \" (round -1.5 0) \" \" (round 1.25 1 0.5)")
e("floatmath", "print (addf 1.5 2) \" \" (add1f 1.5) \" \" (subf 5 1.5) \" \" (mulf 1.5 2 2) \" \" (divf 10 4) \" \" (maxf 1 2.5) \" \" (minf 1 -2.5)")
e("divf-zero", "divf 1 0")
e("until", "print (until 5) \" \" (until 0) \" \" (until -3)")
e("untilStep", "print (untilStep 0 10 3) \" \" (untilStep 10 0 -4) \" \" (untilStep 0 5 0)")
e("randInt-shape", "and (ge (randInt 5 10) 5) (lt (randInt 5 10) 10)")
e("int-float-mixed-types", "print (typeOf (add 1 1)) \" \" (typeOf (add1f 1)) \" \" (typeOf (max 1 2)) \" \" (typeOf (floor 1))")
e("add-string-nan", "add \"x\" 1")
e("mul-big", "mul 1000000 1000000 1000000 1000000")
e("sub-float-value", "sub .Values.a 1", values="a: 2.5\n")

group("sprig-list")
e("list", "list 1 \"a\" nil (list 2)")
e("list-empty", "list")
e("first-last-rest-initial", "print (first (list 1 2 3)) (last (list 1 2 3)) (rest (list 1 2 3)) (initial (list 1 2 3))")
e("first-empty", "first (list) | print \"[\" | print")
e("first-string-error", "first \"abc\"")
e("mustFirst-error", "mustFirst \"abc\"")
e("append-prepend", "print (append (list 1) 2) (prepend (list 1) 0) (push (list 1) 9)")
e("append-nil", "append .Values.nope 1")
e("mustAppend-error", "mustAppend 1 2")
e("concat", "concat (list 1) (list 2 3) (list)")
e("reverse", "reverse (list 1 2 3)")
e("uniq", "uniq (list 1 2 1 \"a\" \"a\" 1.0)")
e("without", "without (list 1 2 3 2) 2")
e("has", "print (has 2 (list 1 2)) (has \"2\" (list 1 2)) (has 1 nil)")
e("compact", "compact (list 0 1 \"\" \"a\" nil false (list))")
e("slice-sprig", "print (slice (list 1 2 3 4)) (slice (list 1 2 3 4) 1) (slice (list 1 2 3 4) 1 3)")
e("slice-sprig-out-of-range", "slice (list 1 2) 1 5")
e("chunk", "chunk 2 (list 1 2 3 4 5)")
e("sortAlpha-values", "sortAlpha .Values.l", values="l: [b, 10, a, 1.5]\n")
e("tuple", "tuple 1 \"a\"")
e("has-values-list", "has \"b\" .Values.l", values="l: [a, b]\n")
e("list-of-values-types", "printf \"%T\" (list .Values.i)", values="i: 1\n")
e("mustLast-error", "mustLast 1")
e("rest-nil", "rest nil")

group("sprig-dict")
e("dict", "dict \"b\" 1 \"a\" (list 1)")
e("dict-odd", "dict \"a\"")
e("dict-nonstring-key", "dict 1 2 true 3")
e("get-set-unset", "$d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $_ := unset $d \"a\" }}{{ $d }} {{ get $d \"b\" }} [{{ get $d \"nope\" }}]")
e("set-returns-dict", "set (dict) \"k\" \"v\"")
e("hasKey", "print (hasKey (dict \"a\" nil) \"a\") (hasKey (dict) \"a\")")
e("keys-sorted", "keys (dict \"b\" 1 \"a\" 2 \"c\" 3) | sortAlpha")
e("keys-many", "keys (dict \"a\" 1) (dict \"b\" 2) | sortAlpha")
e("values-fn", "values (dict \"b\" 1) | toString")
e("pluck", "pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3)")
e("pick-omit", "print (pick (dict \"a\" 1 \"b\" 2 \"c\" 3) \"a\" \"c\" \"z\") (omit (dict \"a\" 1 \"b\" 2) \"a\")")
e("merge", "merge (dict \"a\" 1 \"n\" (dict \"x\" 1)) (dict \"a\" 2 \"b\" 2 \"n\" (dict \"y\" 2))")
e("mergeOverwrite", "mergeOverwrite (dict \"a\" 1 \"n\" (dict \"x\" 1)) (dict \"a\" 2 \"n\" (dict \"x\" 9))")
e("merge-into-values-mutates", "$_ := merge .Values.m (dict \"z\" 1) }}{{ .Values.m", values="m: {a: 1}\n")
e("mergeOverwrite-empty-values", "mergeOverwrite (dict \"a\" 1 \"b\" 2) (dict \"a\" 0 \"b\" \"\")")
e("deepCopy", "$a := dict \"x\" (list 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b \"y\" 2 }}{{ $a }} {{ $b }}")
e("dig", "print (dig \"a\" \"b\" \"dflt\" (dict \"a\" (dict \"b\" 1))) \" \" (dig \"a\" \"z\" \"dflt\" (dict \"a\" (dict \"b\" 1)))")
e("dig-values-root-error", "dig \"a\" \"b\" \"none\" .Values", values="a: {b: found}\n")
e("dig-values-map", "dig \"b\" \"c\" \"none\" .Values.a", values="a: {b: {c: found}}\n")
e("dict-print-nested", "dict \"z\" (dict \"y\" (list 1 (dict \"x\" nil)))")
e("get-non-dict-error", "get (list) \"a\"")
e("set-on-values", "$_ := set .Values \"new\" 1 }}{{ .Values.new")
e("dict-int-values-print", "dict \"a\" 1.5 \"b\" 1000000.0 \"c\" 1e21")
e("keys-values-map", "keys .Values.m | sortAlpha", values="m: {z: 1, b: 2}\n")

group("sprig-default")
e("default", "print (default \"d\" nil) (default \"d\" \"\") (default \"d\" 0) (default \"d\" false) (default \"d\" \"x\") (default \"d\" (list)) (default \"d\" (dict))")
e("default-values", "print (.Values.a | default 5) (.Values.b | default 5) (.Values.c | default 5)", values="a: 0\nb: false\nc: 1\n")
e("empty", "print (empty nil) (empty 0) (empty \"\") (empty (list)) (empty (dict)) (empty false) (empty 0.0) (empty \"0\") (empty 1)")
e("coalesce", "print (coalesce nil \"\" 0 \"x\" \"y\") (coalesce nil 0)")
e("all-any", "print (all 1 \"a\" true) (all 1 0) (any 0 \"\" 1) (any 0 \"\") (all) (any)")
e("ternary", "print (ternary \"y\" \"n\" true) (ternary \"y\" \"n\" false) (true | ternary 1 2)")
e("ternary-nonbool", "ternary 1 2 \"x\"")
e("fromJson-toJson", "toJson (fromJson \"{\\\"b\\\": [1, 2.5, null], \\\"a\\\": \\\"x\\\"}\")")
e("fromJson-invalid", "fromJson \"{nope\"")
e("mustFromJson-invalid", "mustFromJson \"{nope\"")
e("fromJson-number-print", "(fromJson \"{\\\"n\\\": 1000000}\").n")
e("toJson-types", "toJson (list 1 1.5 \"s\" true nil (dict \"k\" (list)) (dict))")
e("toJson-html-escape", "toJson \"<a>&'\"")
e("toRawJson", "toRawJson (dict \"a\" \"<b>&\")")
block("toPrettyJson", "toPrettyJson (dict \"b\" 1 \"a\" (list 1 (dict)) \"c\" (dict))")
e("toJson-float-values", "toJson .Values", values="a: 1000000\nb: 1.0\nc: 0.000001\nd: 1e21\ne: 123456789012\n")
e("toJson-special-float", "toJson (float64 \"inf\") | print \"[\"")
e("mustToJson-special-float", "mustToJson (float64 \"inf\")")
e("deepEqual", "print (deepEqual (list 1 2) (list 1 2)) (deepEqual (dict \"a\" 1) (dict \"a\" 2)) (deepEqual 1 1.0)")
e("typeIs-kindIs", "print (typeIs \"string\" \"a\") (kindIs \"map\" (dict)) (kindIs \"slice\" (list)) (typeIsLike \"int\" 1) (kindOf 1.5) (kindOf nil)")
e("typeOf-builtins", "print (typeOf .Release) \" \" (typeOf .Chart) \" \" (typeOf .Files) \" \" (typeOf .Capabilities) \" \" (typeOf .Values)")
e("fail", "fail \"custom failure\"")
e("fromJsonArray", "fromJsonArray \"[1, \\\"a\\\", {\\\"b\\\": null}]\"")
e("fromJsonArray-not-array", "fromJsonArray \"{}\"")
e("fromJson-array", "fromJson \"[1]\"")

group("sprig-path-url")
e("path-funcs", "print (base \"/a/b.txt\") \" \" (dir \"/a/b.txt\") \" \" (ext \"a/b.tar.gz\") \" \" (clean \"a//b/../c/.\") \" \" (isAbs \"/x\") (isAbs \"x\")")
e("path-edge", "print (base \"\") \" \" (dir \"\") \" \" (clean \"\") \" \" (base \"/\") \" \" (dir \"a\")")
e("os-path-funcs", "print (osBase \"/a/b\") \" \" (osDir \"/a/b\") \" \" (osExt \"x.y\") \" \" (osClean \"/a/../b\") \" \" (osIsAbs \"/a\")")
e("urlParse", "urlParse \"https://user:pw@host:8080/p/a?q=1&r=2#frag\"")
e("urlParse-simple", "(urlParse \"http://h/p\").host")
e("urlJoin", "urlJoin (dict \"scheme\" \"https\" \"host\" \"h:1\" \"path\" \"/p\" \"query\" \"a=1\" \"fragment\" \"f\" \"userinfo\" \"u:p\")")
e("semver", "(semver \"1.2.3-beta.1+b5\").Major")
e("semver-fields", "$v := semver \"v1.2.3-rc.1+meta\" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v")
e("semver-invalid", "semver \"nope\"")
e("semverCompare", "print (semverCompare \"^1.2.0\" \"1.5.0\") (semverCompare \"~1.2.0\" \"1.3.0\") (semverCompare \">= 1.0, < 2.0\" \"1.9.9\") (semverCompare \"1.x\" \"2.0.0\") (semverCompare \"<1.0\" \"1.0.0-beta\")")
e("semverCompare-bad-constraint", "semverCompare \"!!\" \"1.0.0\"")
e("semverCompare-bad-version", "semverCompare \">1\" \"banana\"")
e("semverCompare-prerelease", "print (semverCompare \">=1.20-0\" \"1.22.0-gke.1\") (semverCompare \">=1.20\" \"1.22.0-gke.1\")")

group("sprig-time")
e("date-fixed", "date \"2006-01-02 15:04:05 MST\" (toDate \"2006-01-02\" \"2021-03-04\")")
e("date-unix", "date \"2006-01-02T15:04:05Z07:00\" 0")
e("date-int-value", "date \"2006-01-02\" (int .Values.t)", values="t: 1600000000\n")
e("dateInZone", "dateInZone \"2006-01-02 15:04 MST\" 0 \"UTC\"")
e("dateInZone-zone", "dateInZone \"2006-01-02 15:04 -0700\" 0 \"Asia/Shanghai\"")
e("htmlDate", "htmlDate 86400")
e("htmlDateInZone", "htmlDateInZone 86400 \"UTC\"")
e("toDate-bad", "toDate \"2006-01-02\" \"nope\"")
e("mustToDate-bad", "mustToDate \"2006-01-02\" \"nope\"")
e("unixEpoch", "unixEpoch (toDate \"2006-01-02\" \"2021-03-04\")")
e("dateModify", "dateModify \"1h30m\" (toDate \"2006-01-02\" \"2021-03-04\") | date \"2006-01-02 15:04\"")
e("dateModify-bad", "dateModify \"nope\" (toDate \"2006-01-02\" \"2021-03-04\") | date \"2006-01-02\"")
e("duration", "print (duration 90) \" \" (duration \"3661\") \" \" (duration 0)")
e("durationRound", "print (durationRound \"2h10m5s\") \" \" (durationRound 3600) \" \" (durationRound \"400000h\")")
e("now-shape", "now | date \"2006\" | len")
e("ago-shape", "ago (now) | hasSuffix \"s\"")
e("now-type", "typeOf now")
e("date-layouts", "date \"Mon Jan _2 3:04PM .000 2006\" (toDate \"2006-01-02T15:04:05\" \"2021-03-04T05:06:07\")")

group("sprig-random")
e("randAlphaNum", "print (len (randAlphaNum 10)) (regexMatch \"^[a-zA-Z0-9]{5}$\" (randAlphaNum 5))")
e("randAlpha", "regexMatch \"^[a-zA-Z]{7}$\" (randAlpha 7)")
e("randNumeric", "regexMatch \"^[0-9]{4}$\" (randNumeric 4)")
e("randAscii", "len (randAscii 12)")
e("randBytes", "len (randBytes 9)")
e("randBytes-decoded-shape", "regexMatch \"^[A-Za-z0-9+/]{12}$\" (randBytes 9)")
e("rand-zero", "print \"[\" (randAlphaNum 0) \"]\"")
e("uuidv4", "regexMatch \"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$\" uuidv4")
e("derivePassword", "derivePassword 1 \"long\" \"password\" \"user\" \"example.com\"")
e("derivePassword-basic", "derivePassword 2 \"basic\" \"pw\" \"u\" \"s\"")
e("bcrypt-shape", "$h := bcrypt \"pw\" }}{{ len $h }} {{ hasPrefix \"$2a$10$\" $h")
e("htpasswd-shape", "$h := htpasswd \"user\" \"pw\" }}{{ hasPrefix \"user:$2a$\" $h")
e("encryptAES-roundtrip", "decryptAES \"secretkey\" (encryptAES \"secretkey\" \"plain text\")")
e("decryptAES-bad", "decryptAES \"k\" \"not-base64!\"")
e("genPrivateKey-rsa-shape", "genPrivateKey \"rsa\" | hasPrefix \"-----BEGIN RSA PRIVATE KEY-----\"")
e("genPrivateKey-ecdsa-shape", "genPrivateKey \"ecdsa\" | hasPrefix \"-----BEGIN EC PRIVATE KEY-----\"")
e("genPrivateKey-ed25519-shape", "genPrivateKey \"ed25519\" | hasPrefix \"-----BEGIN PRIVATE KEY-----\"")
e("genPrivateKey-dsa-shape", "genPrivateKey \"dsa\" | hasPrefix \"-----BEGIN DSA PRIVATE KEY-----\"")
e("genPrivateKey-bad", "genPrivateKey \"nope\"")
e("genCA-shape", "$ca := genCA \"my-ca\" 365 }}{{ hasPrefix \"-----BEGIN CERTIFICATE-----\" $ca.Cert }} {{ hasPrefix \"-----BEGIN RSA PRIVATE KEY-----\" $ca.Key")
e("genSelfSignedCert-shape", "$c := genSelfSignedCert \"x.example\" (list \"1.2.3.4\") (list \"a.example\") 30 }}{{ hasSuffix \"-----END CERTIFICATE-----\\n\" $c.Cert")
e("genSignedCert-shape", "$ca := genCA \"ca\" 1 }}{{ $c := genSignedCert \"x\" nil nil 1 $ca }}{{ hasPrefix \"-----BEGIN CERTIFICATE-----\" $c.Cert")
e("genCAWithKey-shape", "$ca := genCAWithKey \"ca\" 1 (genPrivateKey \"ecdsa\") }}{{ hasPrefix \"-----BEGIN EC PRIVATE KEY-----\" $ca.Key")
e("buildCustomCert", "$c := buildCustomCert (b64enc \"bad\") (b64enc \"bad\") }}{{ $c.Cert")

group("helm-func")
block("toYaml-map", "toYaml .Values", values="b: 1\na: {d: [x, y], c: null}\n")
line("toYaml-scalar", "{{ toYaml \"s\" }} {{ toYaml 1 }} {{ toYaml true }} [{{ toYaml nil }}]")
line("toYaml-missing", "[{{ toYaml .Values.nope }}]")
block("toYamlPretty", "toYamlPretty .Values", values="a: {b: [1, 2]}\nc: []\n")
line("fromYaml", "{{ (fromYaml \"a: 1\\nb: [x]\").b }} {{ fromYaml \"a: 1\" }}")
line("fromYaml-error", "{{ fromYaml \"a: [\" }}")
line("fromYaml-list", "{{ fromYaml \"- a\\n- b\" }}")
line("fromYaml-scalar", "{{ fromYaml \"hello\" }}")
line("fromYaml-int-type", "{{ typeOf (fromYaml \"a: 1\").a }} {{ typeOf (fromYaml \"a: 1.5\").a }}")
line("fromYamlArray", "{{ fromYamlArray \"- a\\n- 1\" }}")
line("fromYamlArray-error", "{{ fromYamlArray \"a: 1\" }}")
line("toJson-helm", "{{ toJson .Values }}", values="a: {b: [1, x]}\n")
line("mustToJson", "{{ mustToJson (list 1) }}")
block("toToml", "toToml .Values", values="a: 1\nb: {c: x, d: [1, 2]}\ne: str\n")
line("toToml-scalar", "{{ toToml \"x\" }}")
line("fromToml", "{{ (fromToml \"a = 1\\n[b]\\nc = 'x'\").b.c }}")
line("fromToml-error", "{{ fromToml \"a = \" }}")
line("required-ok", "{{ required \"need a\" .Values.a }}", values="a: x\n")
line("required-missing", "{{ required \"need a\" .Values.a }}")
line("required-empty-string", "{{ required \"need a\" .Values.a }}", values="a: ''\n")
line("required-zero", "{{ required \"need a\" .Values.a }}", values="a: 0\n")
line("required-false", "{{ required \"need a\" .Values.a }}", values="a: false\n")
line("fail-helm", "{{ fail \"stop here\" }}")
line("fail-in-false-branch", "{{ if false }}{{ fail \"no\" }}{{ end }}ok")
line("include-returns-string", "{{ typeOf (include \"x\" .) }}{{ define \"x\" }}1{{ end }}")
line("tpl", "{{ tpl \"{{ .Values.a }}-{{ .Release.Name }}\" . }}", values="a: x\n")
line("tpl-value-template", "{{ tpl .Values.t . }}", values="t: '{{ .Values.name | upper }}'\nname: nm\n")
line("tpl-value-key-n-is-bool", "{{ tpl .Values.t . }}", values="t: '{{ .Values.n | upper }}'\nn: name\n")
line("tpl-with-define", "{{ tpl \"{{ define \\\"t1\\\" }}T{{ end }}{{ include \\\"t1\\\" . }}\" . }}")
line("tpl-uses-outer-define", "{{ define \"outer\" }}O{{ end }}{{ tpl \"{{ include \\\"outer\\\" . }}\" . }}")
line("tpl-error", "{{ tpl \"{{ fail \\\"inner\\\" }}\" . }}")
line("tpl-parse-error", "{{ tpl \"{{ nope }}\" . }}")
line("tpl-template-name", "{{ tpl \"{{ .Template.Name }}\" . }}")
line("tpl-custom-dot", "{{ tpl \"{{ .x }}\" (dict \"x\" 1) }}")
line("tpl-custom-dot-no-template", "{{ tpl \"{{ .Template.Name }}\" (dict) }}")
line("lookup", "{{ lookup \"v1\" \"Secret\" \"ns\" \"name\" }} {{ len (lookup \"v1\" \"Pod\" \"\" \"\") }}")
line("lookup-field", "[{{ (lookup \"v1\" \"Secret\" \"ns\" \"x\").data }}]")
line("mustToYaml-undefined", "{{ mustToYaml 1 }}")
line("env-undefined", "{{ env \"HOME\" }}")
line("expandenv-undefined", "{{ expandenv \"$HOME\" }}")
line("include-with-dict", "{{ include \"d\" (dict \"a\" 1) }}{{ define \"d\" }}{{ .a }}{{ end }}")
line("include-error-inside", "{{ include \"d\" . }}{{ define \"d\" }}{{ .Values.x.y }}{{ end }}")
case("include-error-helper-file", {"templates/t.yaml": "# {{ include \"h\" . }}\n",
                                    "templates/_h.tpl": "{{ define \"h\" }}\n{{ required \"h needs v\" .Values.v }}\n{{ end }}"})
case("include-nested-error", {"templates/t.yaml": "# {{ include \"a\" . }}\n",
                               "templates/_h.tpl": "{{ define \"a\" }}{{ include \"b\" . }}{{ end }}{{ define \"b\" }}{{ fail \"deep\" }}{{ end }}"})
line("include-nindent", "{{ include \"d\" . | nindent 4 | quote }}{{ define \"d\" }}a\nb{{ end }}")
line("semverCompare-helm", "{{ semverCompare \">=1.0.0\" .Chart.Version }}")

group("toYaml")
yaml_of("multiline-string", ".Values.s", values="s: \"line1\\nline2\\n\"\n")
yaml_of("multiline-no-final-newline", ".Values.s", values="s: \"line1\\nline2\"\n")
yaml_of("multiline-trailing-spaces", ".Values.s", values="s: \"a  \\nb\"\n")
yaml_of("multiline-keep", ".Values.s", values="s: \"a\\n\\n\\n\"\n")
yaml_of("multiline-leading-space", ".Values.s", values="s: \"  indented\\nb\"\n")
yaml_of("multiline-in-map", ".Values", values="m: {k: \"a\\nb\\n\"}\n")
yaml_of("multiline-tab", ".Values.s", values="s: \"a\\tb\\nc\"\n")
yaml_of("floats-from-values", ".Values", values="d: 1.0\ne: 1000000\nf: 0.1\ng: 1e21\nh: -0.0\ni: 123456789.123\nj: 1e-7\n")
yaml_of("special-floats", "list (float64 \"inf\") (float64 \"-inf\") (float64 \"nan\") (float64 \"-0\")")
yaml_of("ints-and-floats", "list 1 1.5 (int64 2) (float64 3) 1e6", )
yaml_of("keys-need-quotes", ".Values", values="\"yes\": 1\n\"1\": 2\n\"a: b\": 3\n\"-x\": 4\n\"\": 5\n\"null\": 6\n\"~\": 7\n\" sp\": 8\n\"#c\": 9\n")
yaml_of("empty-collections", ".Values", values="m: {}\nl: []\ns: \"\"\nn: null\n")
yaml_of("nested-lists", ".Values", values="l: [[1, 2], [], [[a]], [{k: v}]]\n")
yaml_of("list-of-maps", ".Values.l", values="l: [{b: 1, a: 2}, {c: {d: e}}]\n")
yaml_of("strings-like-other-types", ".Values", values="a: \"yes\"\nb: \"1.0\"\nc: \"null\"\nd: \"~\"\ne: \"2020-01-01\"\nf: \"true\"\ng: \"0x10\"\nh: \"1e3\"\ni: \"on\"\nj: \"N\"\nk: \"012\"\nl: \"+1\"\nm: \".5\"\n")
yaml_of("strings-special-chars", ".Values", values="a: \"*star\"\nb: \"&amp\"\nc: \"!bang\"\nd: \"@at\"\ne: \"`tick\"\nf: \"|pipe\"\ng: \">gt\"\nh: \"%pct\"\ni: \"[x]\"\nj: \"{x}\"\nk: \"a #b\"\nl: \"a: b\"\nm: \"- x\"\nn: \"? q\"\no: \"'sq\"\np: '\"dq'\nq: \"x,y\"\n")
yaml_of("strings-whitespace", ".Values", values="a: \" lead\"\nb: \"trail \"\nc: \"\\ttab\"\nd: \" \"\n")
yaml_of("unicode", ".Values", values="a: 中文\nb: \"é\"\nc: \"emoji 😀\"\nd: \"\\u00a0nbsp\"\ne: \"\\u2028ls\"\n")
yaml_of("control-chars", ".Values", values="a: \"bell\\a\"\nb: \"nul\\0x\"\nc: \"\\x7f\"\n")
yaml_of("long-string", ".Values", values="a: \"" + "word " * 40 + "end\"\n")
yaml_of("long-string-no-spaces", ".Values", values="a: \"" + "x" * 200 + "\"\n")
yaml_of("bools-and-null", "list true false nil \"true\"")
yaml_of("dict-from-template", "dict \"z\" 1 \"a\" (dict \"y\" (list \"b\" \"a\"))")
yaml_of("int-keys-from-values", ".Values", values="1: a\n2.5: b\ntrue: c\n")
yaml_of("timestamp-value", ".Values", values="t: 2001-12-14t21:59:43.10-05:00\nd: 2002-12-14\n")
yaml_of("deep-nesting", ".Values", values="a: {b: {c: {d: {e: [1, [2, [3]]]}}}}\n")
yaml_of("string-with-colon-end", ".Values", values="a: \"key:\"\nb: \"http://x\"\nc: \"a:b\"\n")
yaml_of("numbers-as-strings", ".Values", values="a: \"1\"\nb: \"-1\"\nc: \"1_000\"\nd: \".inf\"\ne: \"0o17\"\nf: \"1e\"\n")
yaml_of("crlf-string", ".Values", values="a: \"a\\r\\nb\"\n")
yaml_of("multiline-with-document-markers", ".Values", values="a: \"---\\nb\\n...\\n\"\n")
yaml_of("list-of-multiline", ".Values.l", values="l: [\"a\\nb\", \"c\"]\n")
yaml_of("mixed-list", ".Values", values="l: [1, a, null, true, {}, []]\n")
yaml_of("big-ints", ".Values", values="a: 9223372036854775807\nb: 18446744073709551616\n")
block("toYaml-nindent-style", "toYaml .Values.r | nindent 2 | trim", values="r: {limits: {cpu: 100m, memory: 1Gi}}\n")
case("resources-idiom", "spec:\n  resources:\n    {{- toYaml .Values.r | nindent 4 }}\n", values="r: {limits: {cpu: 100m}, requests: {}}\n")
case("resources-idiom-empty", "spec:\n  resources:\n    {{- toYaml .Values.r | nindent 4 }}\n", values="r: {}\n")

group("output")
case("configmap", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n  namespace: {{ .Release.Namespace }}\ndata:\n  a: {{ .Values.a | quote }}\n", values="a: 1\n")
case("two-documents", "a: 1\n---\nb: 2\n")
case("leading-separator", "---\na: 1\n")
case("empty-document-dropped", "---\n---\na: 1\n---\n\n---\n")
case("whitespace-documents", "a: 1\n---\n   \n---\nb: 2\n")
case("separator-with-comment", "a: 1\n--- # comment\nb: 2\n")
case("separator-not-at-line-start", "a: \"---\"\nb:  ---x\n")
case("empty-template", "")
case("whitespace-template", "\n\n  \n")
case("conditional-template", "{{ if .Values.on }}a: 1{{ end }}\n", values="on: false\n")
case("comment-only-doc", "# just a comment\n")
case("install-order-kinds", {"templates/a.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\n",
                              "templates/b.yaml": "kind: Service\napiVersion: v1\nmetadata: {name: s}\n",
                              "templates/c.yaml": "kind: Namespace\napiVersion: v1\nmetadata: {name: n}\n",
                              "templates/d.yaml": "kind: ConfigMap\napiVersion: v1\nmetadata: {name: c}\n",
                              "templates/e.yaml": "kind: Unknown\napiVersion: x/v1\nmetadata: {name: u}\n"})
case("install-order-same-file", "kind: Deployment\nmetadata: {name: d}\n---\nkind: Service\nmetadata: {name: s}\n---\nkind: ServiceAccount\nmetadata: {name: sa}\n")
case("install-order-names", {"templates/z.yaml": "kind: ConfigMap\nmetadata: {name: z}\n",
                              "templates/a.yaml": "kind: ConfigMap\nmetadata: {name: a}\n",
                              "templates/m/b.yaml": "kind: ConfigMap\nmetadata: {name: b}\n"})
case("install-order-no-kind", {"templates/a.yaml": "x: 1\n", "templates/b.yaml": "kind: Secret\nmetadata: {name: s}\n"})
case("hooks", {"templates/hook.yaml": "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n",
               "templates/cm.yaml": "kind: ConfigMap\nmetadata: {name: c}\n"})
case("hooks-no-hooks", {"templates/hook.yaml": "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n",
                        "templates/cm.yaml": "kind: ConfigMap\nmetadata: {name: c}\n"}, args=["--no-hooks"])
case("hooks-weights", {"templates/h.yaml": "kind: Job\nmetadata:\n  name: b\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: \"5\"\n---\nkind: Job\nmetadata:\n  name: a\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"-5\"\n"})
case("hooks-test", {"templates/tests/t.yaml": "kind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n"})
case("notes-not-output", {"templates/NOTES.txt": "Thanks {{ .Release.Name }}", "templates/cm.yaml": "a: 1\n"})
case("notes-error-ignored", {"templates/NOTES.txt": "{{ fail \"in notes\" }}", "templates/cm.yaml": "a: 1\n"})
case("partials-not-output", {"templates/_p.yaml": "a: 1\n", "templates/cm.yaml": "b: 2\n"})
case("non-yaml-extension", {"templates/x.txt": "a: 1\n", "templates/y.tpl": "b: 2\n", "templates/z.json": "{\"c\": 3}\n"})
case("crds-excluded", {"templates/cm.yaml": "a: 1\n"}, files={"crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n"})
case("crds-included", {"templates/cm.yaml": "a: 1\n"}, files={"crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n"}, args=["--include-crds"])
case("crds-not-templated", {"templates/cm.yaml": "a: 1\n"}, files={"crds/crd.yaml": "kind: CustomResourceDefinition\nmetadata: {name: \"{{ x }}\"}\n"}, args=["--include-crds"])
case("show-only", {"templates/a.yaml": "a: 1\n", "templates/b.yaml": "b: 2\n"}, args=["--show-only", "templates/b.yaml"])
case("show-only-missing", {"templates/a.yaml": "a: 1\n"}, args=["--show-only", "templates/nope.yaml"])
case("show-only-two", {"templates/a.yaml": "a: 1\n", "templates/b.yaml": "b: 2\n", "templates/c.yaml": "c: 3\n"}, args=["--show-only", "templates/c.yaml", "--show-only", "templates/a.yaml"])
case("yaml-error-in-output", "a: b: c\n")
case("yaml-error-list-output", "- a\n- b\n")
case("yaml-error-scalar-output", "just text\n")
case("yaml-error-tab-indent", "a:\n\tb: 1\n")
case("yaml-error-second-doc", "a: 1\n---\n[\n")
case("duplicate-keys-kept", "a: 1\na: 2\n")
case("output-trailing-spaces", "a: 1   \nb: 2\t\n")
case("output-no-final-newline", "a: 1")
case("output-crlf", "a: 1\r\nb: 2\r\n")
case("output-bom", "\ufeffa: 1\n")
case("metadata-name-templated", "kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n")
case("many-templates-order", {f"templates/{n}.yaml": f"n: {n}\n" for n in ["b", "a10", "a2", "A", "_x", "sub/a", "z"]})
case("parse-error-one-template", {"templates/a.yaml": "a: 1\n", "templates/b.yaml": "b: {{ nope }}\n"})
case("exec-error-one-template", {"templates/a.yaml": "a: 1\n", "templates/b.yaml": "b: {{ fail \"b fails\" }}\n"})
case("two-failing-templates", {"templates/a.yaml": "a: {{ fail \"a fails\" }}\n", "templates/b.yaml": "b: {{ fail \"b fails\" }}\n"})
case("list-kind-sorted", "kind: List\nitems: []\n---\nkind: Pod\nmetadata: {name: p}\n")
case("hook-and-kind-order", "kind: Pod\nmetadata:\n  name: p\n  annotations: {helm.sh/hook: post-install}\n---\nkind: Secret\nmetadata: {name: s}\n")

group("error")
line("unclosed-action", "{{ .Values.a ")
line("unclosed-if", "{{ if true }}x")
line("unexpected-end", "{{ end }}")
line("else-without-if", "{{ else }}")
line("unknown-function", "{{ nope }}")
line("unknown-function-in-false-branch", "{{ if false }}{{ nope }}{{ end }}")
line("bad-number", "{{ 1x }}")
line("unterminated-string", "{{ \"abc }}")
line("unterminated-raw-string", "{{ `abc }}")
line("bad-char-literal", "{{ 'ab' }}")
line("empty-action", "{{ }}")
line("empty-pipeline-if", "{{ if }}x{{ end }}")
line("missing-value-for-command", "{{ upper | }}")
line("bad-pipe-to-non-command", "{{ \"a\" | 1 }}")
line("undefined-var-in-range", "{{ range $x }}{{ end }}")
line("range-too-many-vars", "{{ range $a, $b, $c := list }}{{ end }}")
line("call-field-with-args", "{{ .Values.a 1 }}", values="a: x\n")
line("unexpected-dot-after", "{{ .Values. }}")
line("bad-field-chars", "{{ .Values.a-b }}")
line("hyphen-key-index", "{{ index .Values \"a-b\" }}", values="a-b: ok\n")
line("unclosed-comment", "{{/* no end ")
line("comment-not-alone", "{{ /* c */ 1 }}")
line("double-else", "{{ if true }}{{ else }}{{ else }}{{ end }}")
line("define-not-top-level", "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}")
line("template-name-not-string", "{{ template 1 }}")
line("break-in-if", "{{ if true }}{{ break }}{{ end }}")
line("exec-error-line-col", "ok\n# {{ .Values.a.b }}")
line("error-second-line-parse", "ok\n{{ end }}")
line("nested-template-error-position", "{{ define \"x\" }}\n\n  {{ .Values.a.b }}{{ end }}{{ include \"x\" . }}")
line("wrong-number-args-include", "{{ include \"x\" }}")
line("wrong-number-args-tpl", "{{ tpl \"x\" }}")
line("required-in-include-position", "{{ define \"x\" }}{{ required \"r!\" .Values.none }}{{ end }}{{ include \"x\" . }}")
line("index-of-value-error-text", "{{ index .Values.m \"a\" \"b\" }}", values="m: {a: str}\n")
line("int-divide-error-text", "{{ div 1 0 }}")
line("field-on-int", "{{ $x := 1 }}{{ $x.y }}")
line("method-args-on-map", "{{ .Values.a.b 1 }}", values="a: {b: 1}\n")
line("pipe-into-field", "{{ 1 | .Values.a }}", values="a: 1\n")
line("chart-yaml-missing-name", "x", chart="apiVersion: v2\nversion: 0.1.0\n")
case("chart-yaml-missing", "x\n", chart=None)
line("bad-utf8-string-output", "{{ b64dec \"/w==\" }}")
line("template-self-recursion", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}")

group("compose")
SUB = "apiVersion: v2\nname: sub\nversion: 0.2.0\n"
case("subchart-values-scope", {"templates/t.yaml": "# parent {{ .Values.sub.x }}\n",
                                "charts/sub/Chart.yaml": SUB,
                                "charts/sub/values.yaml": "x: sub-default\ny: 1\n",
                                "charts/sub/templates/s.yaml": "# sub {{ .Values.x }} {{ .Values.y }} {{ .Chart.Name }} {{ .Template.Name }}\n"},
     values="sub:\n  x: from-parent\n")
case("subchart-global", {"templates/t.yaml": "# parent {{ .Values.global.g }}\n",
                          "charts/sub/Chart.yaml": SUB,
                          "charts/sub/values.yaml": "global:\n  own: 1\n",
                          "charts/sub/templates/s.yaml": "# sub {{ .Values.global }}\n"},
     values="global:\n  g: G\n")
case("subchart-set", {"templates/t.yaml": "# p\n",
                       "charts/sub/Chart.yaml": SUB,
                       "charts/sub/templates/s.yaml": "# sub {{ .Values.x }}\n"}, args=["--set", "sub.x=set"])
case("subchart-release-and-capabilities", {"templates/t.yaml": "# p\n",
                                            "charts/sub/Chart.yaml": SUB,
                                            "charts/sub/templates/s.yaml": "# {{ .Release.Name }} {{ .Chart.Version }} {{ .Template.BasePath }}\n"})
case("subchart-condition-false", {"templates/t.yaml": "# p\n",
                                   "charts/sub/Chart.yaml": SUB,
                                   "charts/sub/templates/s.yaml": "# sub\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    condition: sub.enabled\n", values="sub:\n  enabled: false\n")
case("subchart-condition-true", {"templates/t.yaml": "# p\n",
                                  "charts/sub/Chart.yaml": SUB,
                                  "charts/sub/templates/s.yaml": "# sub {{ .Values.enabled }}\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    condition: sub.enabled\n", values="sub:\n  enabled: true\n")
case("subchart-tags", {"templates/t.yaml": "# p\n",
                        "charts/sub/Chart.yaml": SUB,
                        "charts/sub/templates/s.yaml": "# sub\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    tags: [front]\n", values="tags:\n  front: false\n")
case("subchart-alias", {"templates/t.yaml": "# p\n",
                         "charts/sub/Chart.yaml": SUB,
                         "charts/sub/templates/s.yaml": "# {{ .Chart.Name }} {{ .Values.x }}\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    alias: other\n", values="other:\n  x: aliased\n")
case("subchart-import-values", {"templates/t.yaml": "# {{ .Values.imported }} {{ .Values.child }}\n",
                                 "charts/sub/Chart.yaml": SUB,
                                 "charts/sub/values.yaml": "exports:\n  data:\n    imported: yes-imported\nout:\n  v: 1\n",
                                 "charts/sub/templates/s.yaml": "# sub\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    import-values:\n      - data\n      - child: out\n        parent: child\n")
case("subchart-defines-shared", {"templates/t.yaml": "# {{ include \"sub.name\" . }}\n",
                                  "charts/sub/Chart.yaml": SUB,
                                  "charts/sub/templates/_h.tpl": "{{ define \"sub.name\" }}from-sub {{ .Chart.Name }}{{ end }}"})
case("library-chart", {"templates/t.yaml": "# {{ include \"lib.x\" . }}\n",
                        "charts/lib/Chart.yaml": LIBRARY,
                        "charts/lib/templates/_x.tpl": "{{ define \"lib.x\" }}lib {{ .Chart.Name }}{{ end }}",
                        "charts/lib/templates/cm.yaml": "should: not render\n"})
case("subchart-version-mismatch", {"templates/t.yaml": "# p\n",
                                    "charts/sub/Chart.yaml": SUB,
                                    "charts/sub/templates/s.yaml": "# sub\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: ^1.0.0\n")
case("subchart-missing-dependency", {"templates/t.yaml": "# p\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    repository: https://example.com\n")
case("subchart-kubeversion-constraint", {"templates/t.yaml": "# p\n"},
     chart=CHART + "kubeVersion: '>=1.40.0'\n")
case("subchart-order", {"templates/t.yaml": "kind: ConfigMap\nmetadata: {name: parent}\n",
                         "charts/sub/Chart.yaml": SUB,
                         "charts/sub/templates/s.yaml": "kind: ConfigMap\nmetadata: {name: child}\n---\nkind: Service\nmetadata: {name: child-svc}\n"})
case("subchart-subcharts-object", {"templates/t.yaml": "# {{ .Subcharts.sub.Values.x }} {{ .Subcharts.sub.Chart.Name }}\n",
                                    "charts/sub/Chart.yaml": SUB,
                                    "charts/sub/values.yaml": "x: subx\n",
                                    "charts/sub/templates/s.yaml": "# s\n"})
case("subchart-parent-overrides-global", {"templates/t.yaml": "# p\n",
                                          "charts/sub/Chart.yaml": SUB,
                                          "charts/sub/values.yaml": "global:\n  g: sub\n",
                                          "charts/sub/templates/s.yaml": "# {{ .Values.global.g }}\n"},
     values="global:\n  g: parent\n")
case("subchart-null-removes-default", {"templates/t.yaml": "# p\n",
                                        "charts/sub/Chart.yaml": SUB,
                                        "charts/sub/values.yaml": "a: 1\nb: 2\n",
                                        "charts/sub/templates/s.yaml": "# {{ .Values }}\n"},
     values="sub:\n  a: null\n")
case("subchart-files", {"templates/t.yaml": "# {{ .Files.Get \"f.txt\" }}\n",
                         "f.txt": "parent-file",
                         "charts/sub/Chart.yaml": SUB,
                         "charts/sub/f.txt": "sub-file",
                         "charts/sub/templates/s.yaml": "# {{ .Files.Get \"f.txt\" }}\n"})
case("subchart-error-names-path", {"templates/t.yaml": "# p\n",
                                    "charts/sub/Chart.yaml": SUB,
                                    "charts/sub/templates/s.yaml": "# {{ fail \"sub fails\" }}\n"})

group("values")
line("keys-yaml11-booleans", "{{ .Values }}", values="n: 1\ny: 2\non: 3\nNo: 4\nname: 5\n")
line("timestamp-int-is-float", "{{ kindOf .Values.t }}", values="t: 1600000000\n")

group("sprig-must")
e("mustCompact", "mustCompact (list 0 1 \"\" nil \"a\")")
e("mustToPrettyJson", "mustToPrettyJson (list 1) | replace \"\\n\" \"|\"")
e("mustToRawJson", "mustToRawJson (dict \"a\" \"<&>\")")
e("mustToRawJson-special-float", "mustToRawJson (float64 \"nan\")")
e("mustDeepCopy", "mustDeepCopy (dict \"a\" (list 1))")
e("mustDeepCopy-nil", "mustDeepCopy nil")
e("mustMerge", "mustMerge (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)")
e("mustMergeOverwrite", "mustMergeOverwrite (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)")
e("mustPush", "mustPush (list 1) 2")
e("mustPush-error", "mustPush \"s\" 2")
e("mustPrepend", "mustPrepend (list 1) 0")
e("mustPrepend-error", "mustPrepend 1 0")
e("mustRest", "mustRest (list 1 2 3)")
e("mustRest-error", "mustRest 1")
e("mustInitial", "mustInitial (list 1 2 3)")
e("mustInitial-error", "mustInitial \"x\"")
e("mustReverse", "mustReverse (list 1 2)")
e("mustReverse-error", "mustReverse 1")
e("mustUniq", "mustUniq (list 1 1 2)")
e("mustUniq-error", "mustUniq 1")
e("mustWithout", "mustWithout (list 1 2 3) 2 3")
e("mustWithout-error", "mustWithout 1 2")
e("mustHas", "mustHas 1 (list 1)")
e("mustHas-error", "mustHas 1 \"x\"")
e("mustSlice", "mustSlice (list 1 2 3) 1")
e("mustSlice-error", "mustSlice 1 0")
e("mustChunk", "mustChunk 3 (list 1 2 3 4)")
e("mustChunk-error", "mustChunk 2 1")
e("mustRegexFindAll", "mustRegexFindAll \"a.\" \"abacad\" 2")
e("mustRegexFindAll-bad", "mustRegexFindAll \"(\" \"a\" -1")
e("regexFindAll-bad", "regexFindAll \"(\" \"a\" -1")
e("mustRegexFind", "mustRegexFind \"b+\" \"abbbc\"")
e("mustRegexFind-bad", "mustRegexFind \"*\" \"a\"")
e("regexFind-bad", "regexFind \"*\" \"a\" | print \"[\"")
e("mustRegexReplaceAll", "mustRegexReplaceAll \"(a)\" \"banana\" \"<$1>\"")
e("mustRegexReplaceAll-bad", "mustRegexReplaceAll \"(\" \"a\" \"b\"")
e("regexReplaceAll-bad", "regexReplaceAll \"(\" \"a\" \"b\" | print \"[\"")
e("mustRegexReplaceAllLiteral", "mustRegexReplaceAllLiteral \"a\" \"banana\" \"$1\"")
e("mustRegexSplit", "mustRegexSplit \",\\\\s*\" \"a, b,c\" -1")
e("mustRegexSplit-bad", "mustRegexSplit \"[\" \"a\" -1")
e("regexSplit-n", "regexSplit \",\" \"a,b,c\" 2")
e("date_in_zone", "date_in_zone \"2006-01-02 15:04\" 0 \"UTC\"")
e("date_modify", "date_modify \"-24h\" (toDate \"2006-01-02\" \"2021-03-04\") | date \"2006-01-02\"")
e("mustDateModify", "mustDateModify \"48h\" (toDate \"2006-01-02\" \"2021-03-04\") | date \"2006-01-02\"")
e("mustDateModify-bad", "mustDateModify \"x\" (toDate \"2006-01-02\" \"2021-03-04\")")
e("genSelfSignedCertWithKey-shape", "$c := genSelfSignedCertWithKey \"x\" nil nil 1 (genPrivateKey \"ecdsa\") }}{{ hasPrefix \"-----BEGIN CERTIFICATE-----\" $c.Cert")
e("genSignedCertWithKey-shape", "$ca := genCA \"ca\" 1 }}{{ $c := genSignedCertWithKey \"x\" nil nil 1 $ca (genPrivateKey \"ecdsa\") }}{{ hasPrefix \"-----BEGIN EC PRIVATE KEY-----\" $c.Key")
e("genSelfSignedCertWithKey-bad-key", "genSelfSignedCertWithKey \"x\" nil nil 1 \"not a key\"")

group("action")
line("with-declare", "{{ with $x := .Values.a }}{{ $x }}-{{ . }}{{ end }}", values="a: v\n")
line("if-declare", "{{ if $x := .Values.a }}{{ $x }}{{ end }}", values="a: v\n")
line("range-map-key-var", "{{ range $k, $v := .Values.m }}{{ $k }}:{{ typeOf $k }} {{ end }}", values="m: {a: 1}\n")
line("range-list-index-type", "{{ range $i, $v := .Values.l }}{{ typeOf $i }}{{ end }}", values="l: [a]\n")
line("and-values", "{{ and \"a\" \"b\" }} {{ or \"\" \"\" }}|")
line("paren-literal", "{{ (1) }} {{ (\"s\") }} {{ print (.Values.a) }}", values="a: x\n")
line("method-via-pipe", "{{ \"apps/v1\" | .Capabilities.APIVersions.Has }}")
line("getbytes-print", "{{ .Files.GetBytes \"a.txt\" }}", files={"a.txt": "hi"})
line("else-if-with-vars", "{{ $a := 1 }}{{ if false }}{{ else if $a }}{{ $a }}{{ end }}")
line("range-over-values-root", "{{ range $k, $v := .Values }}{{ $k }} {{ end }}", values="b: 1\na: 2\n")
line("nested-define-dot-dollar", "{{ define \"d\" }}{{ $.a }}{{ .a }}{{ end }}{{ template \"d\" (dict \"a\" 1) }}")
line("not-missing", "{{ not .Values.nope }}")
line("if-nil-map-value", "{{ if .Values.m.k }}y{{ else }}n{{ end }}", values="m: {k: null}\n")
line("range-nil-list-value", "{{ range .Values.l }}x{{ else }}none{{ end }}", values="l: null\n")
line("with-zero", "{{ with 0 }}x{{ else }}zero{{ end }}")
line("multiple-else-if-else-with", "{{ with .Values.x }}a{{ else with .Values.y }}b{{ else }}c{{ end }}")
line("long-pipeline", "{{ list 3 1 2 | sortAlpha | reverse | join \",\" | upper | quote | squote }}")

group("printf")
line("q-int", "{{ printf \"%q %q\" 65 \"x\" }}")
line("x-float", "{{ printf \"%x %.2e %08.3f %+.1f\" 1.5 12345.678 3.14159 2.0 }}")
line("padded-strings", "{{ printf \"|%-8s|%8s|%.2s|\" \"ab\" \"cd\" \"efgh\" }}")
line("percent-after-width", "{{ printf \"%5.1f%%\" 12.345 }}")
line("v-int64", "{{ printf \"%v %d\" (int64 5) (int64 5) }}")
line("println-no-args", "[{{ println | quote }}]")
line("print-one-float", "{{ print 1.0 }} {{ print 2.50 }} {{ print -0.0 }}")
line("sprintf-bool-width", "{{ printf \"%6v|%-6t|\" true false }}")
line("o-x-negative", "{{ printf \"%x %o %b\" -255 -8 -5 }}")
line("v-of-set-values", "{{ printf \"%v %T\" .Values.a .Values.a }}", args=["--set", "a=5"])

group("values")
line("float-formats", "{{ .Values.a }} {{ .Values.b }} {{ .Values.c }} {{ .Values.d }} {{ .Values.e }} {{ .Values.f }} {{ .Values.g }}",
     values="a: 1.0\nb: 1e3\nc: 12345678\nd: -1000000\ne: 2147483648\nf: 0.000001\ng: 123456.7\n")
line("anchors-aliases", "{{ .Values.b }} {{ .Values.c.k }}", values="a: &x {k: v}\nb: *x\nc:\n  <<: *x\n")
line("values-multi-doc", "{{ .Values }}", values="a: 1\n---\nb: 2\n")
line("values-root-list", "x", values="- a\n")
line("values-strings", "{{ .Values.a | quote }}|{{ .Values.b | quote }}|{{ .Values.c }}", values="a: |\n  multi\n  line\nb: >\n  folded\n  text\nc: 'it''s'\n")

group("toYaml")
yaml_of("edge-strings", ".Values", values="a: \"007\"\nb: \"0.5\"\nc: \"-\"\nd: \":\"\ne: \"?\"\nf: \"-1e3\"\ng: \"0b1\"\nh: \"1:20\"\ni: \"=\"\nj: \"<<\"\nk: \"\\n\"\nl: \"a\\u0085b\"\nm: \"1.\"\n")
yaml_of("keys-order", ".Values", values="b: 1\nB: 2\n_a: 3\n\"1\": 4\nä: 5\na: 6\n")
yaml_of("anchors-expanded", ".Values", values="a: &x [1, 2]\nb: *x\n")
yaml_of("float-values-yaml", ".Values", values="a: 1e3\nb: 12345678\nc: 1.5\nd: 100000000000000000000\n")
block("toYaml-list-nindent", "toYaml (list \"a\" (dict \"b\" \"c\")) | nindent 2")
line("toYaml-in-quote", "{{ toYaml (dict \"a\" 1) | quote }}")
yaml_of("set-values", ".Values", args=["--set", "a=1,b=x,c=true,d=null,e={1,2},f[1]=z"])

group("set")
line("nested-list-map", "{{ .Values.a }}", args=["--set", "a.b[0].c=1"])
line("brackets-value-string", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=[1]"])
line("empty-braces", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a={}"])
line("exponent-string", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=1e3"])
line("hex-string", "{{ .Values.a }} {{ typeOf .Values.a }}", args=["--set", "a=0x10"])
line("set-string-multi", "{{ .Values.a.b }} {{ .Values.c }} {{ typeOf .Values.c }}", args=["--set-string", "a.b=1,c=2"])
line("index-then-override", "{{ .Values.a }}", args=["--set", "a[0]=1,a[1]=2", "--set", "a[0]=9"])
line("space-in-value", "{{ .Values.a }}", args=["--set", "a=b c"])
line("null-nested", "{{ .Values.a }}", values="a: {b: 1, c: 2}\n", args=["--set", "a.b=null"])
line("set-global-subchart", "{{ .Values.global.x }}", args=["--set", "global.x=1"])
line("key-with-dash", "{{ index .Values \"my-key\" }}", args=["--set", "my-key=v"])
line("list-index-large", "{{ len .Values.a }}", args=["--set", "a[5]=x"])
line("list-index-too-large", "x", args=["--set", "a[70000]=x"])
line("trailing-comma", "{{ .Values }}", args=["--set", "a=1,"])
line("escaped-equals", "{{ .Values }}", args=["--set", "a\\=b=c"])
line("true-capital", "{{ typeOf .Values.a }} {{ typeOf .Values.b }}", args=["--set", "a=TRUE,b=True"])
line("set-file-binary-ish", "{{ .Values.a | b64enc }}", args=["--set-file", "a=f.bin"], outside={"f.bin": "\u00e9\t\r\n"})

group("output")
case("doc-end-marker", "a: 1\n...\n---\nb: 2\n")
case("separator-trailing-spaces", "a: 1\n---   \nb: 2\n")
case("separator-indented", "a: |\n  x\n  ---\n  y\n")
case("separator-no-newline-after", "a: 1\n---")
case("two-separators-comment-doc", "# head\n---\n# only comment\n---\na: 1\n")
case("template-output-starts-with-newlines", "\n\n\na: 1\n")
case("kind-in-list-doc", "apiVersion: v1\nkind: ConfigMapList\nitems: []\n")
case("hooks-crd-install", {"templates/h.yaml": "kind: Job\nmetadata:\n  name: j\n  annotations:\n    \"helm.sh/hook\": crd-install\n"})
case("hooks-multiple-events", {"templates/h.yaml": "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install,post-upgrade\n"})

group("error")
line("required-non-string-message", "{{ required 1 nil }}")
line("fail-non-string", "{{ fail 1 }}")
line("tpl-non-string", "{{ tpl 1 . }}")
line("include-non-string-name", "{{ include 1 . }}")
line("parse-error-line-3", "a\nb\n{{ if }}")
line("exec-error-third-line", "a\nb\n# {{ index .Values.l 3 }}", values="l: [1]\n")
case("helpers-parse-error", {"templates/t.yaml": "# ok\n", "templates/_h.tpl": "{{ define \"x\" }}{{ end"})
case("helpers-parse-error-unused", {"templates/t.yaml": "# ok\n", "templates/_h.tpl": "{{ nope }}"})
case("notes-parse-error", {"templates/t.yaml": "# ok\n", "templates/NOTES.txt": "{{ if }}"})

group("idiom")
HELPERS = """{{- define "c.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "c.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end -}}
"""
DEPLOY_VALUES = """replicas: 3
image:
  repository: nginx
  tag: ""
env:
  B_VAR: "2"
  A_VAR: one
nodeSelector:
  disk: ssd
resources: {}
port: 8080
"""
case("deployment", {"templates/_helpers.tpl": HELPERS, "templates/deployment.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "c.fullname" . }}
  labels:
    {{- include "c.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    metadata:
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    spec:
      containers:
        - name: main
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - containerPort: {{ .Values.port | int }}
          env:
          {{- range $key, $val := .Values.env }}
            - name: {{ $key }}
              value: {{ $val | quote }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
""", "templates/configmap.yaml": """apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "c.fullname" . }}
data:
  port: {{ .Values.port | quote }}
"""}, values=DEPLOY_VALUES, chart=CHART + "appVersion: \"1.25\"\n")
case("values-mutation-across-templates", {"templates/a.yaml": "{{- $_ := set .Values \"shared\" \"set-in-a\" -}}\n# a {{ .Values.shared }}\n",
                                           "templates/b.yaml": "# b {{ .Values.shared }}\n"}, values="shared: original\n")
case("values-mutation-subdir-order", {"templates/z.yaml": "{{- $_ := set .Values \"x\" \"z\" -}}\n# z\n",
                                       "templates/sub/a.yaml": "# sub/a {{ .Values.x }}\n",
                                       "templates/a.yaml": "# a {{ .Values.x }}\n"}, values="x: orig\n")
case("helm-toolkit-tuple", {"templates/_ht.tpl": """{{- define "ht.name" -}}
{{- $envAll := index . 0 -}}
{{- $name := index . 1 -}}
{{- printf "%s-%s" $envAll.Release.Name $name -}}
{{- end -}}
""", "templates/t.yaml": "# {{ tuple . \"api\" | include \"ht.name\" }}\n"})
case("helm-toolkit-envall-range", {"templates/t.yaml": """{{- $envAll := . }}
items:
{{- range $i, $svc := .Values.services }}
- {{ $envAll.Release.Name }}-{{ $svc.name }}-{{ $i }}
{{- end }}
"""}, values="services:\n  - name: api\n  - name: web\n")
case("tpl-toYaml-values", "conf:\n{{ tpl (toYaml .Values.conf) . | indent 2 }}\n", values="conf:\n  url: http://{{ .Release.Name }}:{{ .Values.port }}\nport: 80\n")
case("files-configmap", "kind: ConfigMap\ndata:\n  app.conf: |\n{{ .Files.Get \"conf/app.conf\" | indent 4 }}\n{{ (.Files.Glob \"conf/extra/*\").AsConfig | indent 2 }}\n",
     files={"conf/app.conf": "key=value\nother=1\n", "conf/extra/x.ini": "[x]\na=1\n", "conf/extra/y.txt": "y"})
case("secret-b64", "kind: Secret\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n  conf: {{ toYaml .Values.conf | b64enc }}\n", values="password: s3cret\nconf: {a: 1}\n")
case("ingress-capabilities", """{{- if .Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress" }}
apiVersion: networking.k8s.io/v1
{{- else }}
apiVersion: networking.k8s.io/v1beta1
{{- end }}
kind: Ingress
metadata:
  name: {{ .Release.Name }}
""")
case("ingress-kube-version", """apiVersion: {{ if semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}networking.k8s.io/v1{{ else }}extensions/v1beta1{{ end }}
kind: Ingress
""", args=["--kube-version", "1.18.0"])
case("lookup-default", "kind: Secret\ndata:\n  {{- $s := lookup \"v1\" \"Secret\" .Release.Namespace \"x\" }}\n  pw: {{ ($s.data).pw | default (\"generated\" | b64enc) }}\n")
case("root-in-range-include", {"templates/_h.tpl": "{{ define \"h\" }}{{ .Release.Name }}{{ end }}",
                                "templates/t.yaml": "{{ $root := . }}\n# {{ range .Values.l }}{{ include \"h\" $root }}-{{ . }} {{ end }}\n"}, values="l: [a, b]\n")
case("conditional-resource", "{{- if .Values.enabled -}}\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n", values="enabled: true\n")
case("conditional-resource-off", "{{- if .Values.enabled -}}\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n", values="enabled: false\n")
case("multi-doc-range", "{{- range .Values.names }}\n---\nkind: ConfigMap\nmetadata:\n  name: {{ . }}\n{{- end }}\n", values="names: [one, two]\n")
case("required-image", "image: {{ required \"image.tag is required\" .Values.image.tag }}\n", values="image: {}\n")
case("toJson-annotation", "kind: ConfigMap\nmetadata:\n  annotations:\n    cfg: {{ toJson .Values.cfg | quote }}\n", values="cfg: {b: [1, 2], a: x}\n")
case("default-dict-chain", "# {{ (.Values.a | default dict).b | default \"none\" }}\n")
case("set-in-template-then-toYaml", "{{- $d := dict -}}\n{{- range .Values.l }}{{ $_ := set $d . (upper .) }}{{ end -}}\nv:\n{{ toYaml $d | indent 2 }}\n", values="l: [b, a]\n")

group("compose")
SUB_TGZ = {"sub/Chart.yaml": SUB, "sub/values.yaml": "x: from-archive\n",
           "sub/templates/s.yaml": "# sub {{ .Values.x }} {{ .Chart.Name }} {{ .Template.Name }}\n"}
case("archive-subchart", {"templates/t.yaml": "# p\n"}, archives={"charts/sub-0.2.0.tgz": SUB_TGZ})
case("archive-subchart-values", {"templates/t.yaml": "# p\n"}, values="sub:\n  x: from-parent\n",
     archives={"charts/sub-0.2.0.tgz": SUB_TGZ})
case("archive-subchart-alias", {"templates/t.yaml": "# p\n"}, values="other:\n  x: aliased\n",
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    alias: other\n",
     archives={"charts/sub-0.2.0.tgz": SUB_TGZ})
case("archive-library", {"templates/t.yaml": "# {{ include \"lib.x\" . }}\n"},
     archives={"charts/lib-0.1.0.tgz": {"lib/Chart.yaml": LIBRARY,
                                         "lib/templates/_x.tpl": "{{ define \"lib.x\" }}lib from archive{{ end }}"}})
case("archive-nested-subchart", {"templates/t.yaml": "# p\n"},
     archives={"charts/sub-0.2.0.tgz": {**SUB_TGZ, "sub/charts/deep/Chart.yaml": "apiVersion: v2\nname: deep\nversion: 1.0.0\n",
                                         "sub/charts/deep/templates/d.yaml": "# deep {{ .Values.y }} {{ .Template.Name }}\n"}},
     values="sub:\n  deep:\n    y: set-from-top\n")
case("archive-and-folder-same-name", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                       "charts/sub/templates/s.yaml": "# folder\n"},
     archives={"charts/sub-0.2.0.tgz": SUB_TGZ})
case("archive-condition-false", {"templates/t.yaml": "# p\n"}, values="sub:\n  enabled: false\n",
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    condition: sub.enabled\n",
     archives={"charts/sub-0.2.0.tgz": SUB_TGZ})
case("helmignore-templates", {"templates/t.yaml": "# kept\n", "templates/skip.yaml": "# skipped\n"},
     files={".helmignore": "templates/skip.yaml\n"})
case("helmignore-subchart", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                              "charts/sub/templates/s.yaml": "# sub\n"}, files={".helmignore": "charts/\n"})
# What loading a chart folder leaves out, and what it does not: Helm's default rule skips hidden
# files directly under the top chart's templates/ only; a subchart folder's own .helmignore is
# not read (the top's rules cover the whole folder); nothing is left out of an archive.
case("helmignore-hidden-templates", {"templates/t.yaml": "# kept\n", "templates/.hidden.yaml": "# hidden\n",
                                      "templates/.d/x.yaml": "# in a hidden folder\n",
                                      "templates/sub/.deeper.yaml": "# hidden, deeper\n"})
case("helmignore-subchart-folder-own", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                         "charts/sub/.helmignore": "*.md\n", "charts/sub/README.md": "read me\n",
                                         "charts/sub/templates/.hidden.yaml": "# sub hidden\n",
                                         "charts/sub/templates/s.yaml": "# {{ .Files.Get \"README.md\" | trim }}\n"})
case("helmignore-not-in-archives", {"templates/t.yaml": "# p\n"}, files={".helmignore": "*.md\n"},
     archives={"charts/sub-0.2.0.tgz": {"sub/Chart.yaml": SUB, "sub/.helmignore": "*.md\n",
                                        "sub/README.md": "read me\n",
                                        "sub/templates/.hidden.yaml": "# archived hidden\n",
                                        "sub/templates/s.yaml": "# {{ .Files.Get \"README.md\" | trim }}\n"}})
# A v2 chart with dependencies in both Chart.yaml and requirements.yaml: requirements.yaml's count.
case("requirements-over-chart-yaml", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                       "charts/sub/templates/s.yaml": "# {{ .Chart.Name }}\n",
                                       "requirements.yaml": "dependencies:\n  - name: sub\n    version: 0.2.0\n    alias: fromreq\n"},
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    alias: fromchart\n")
case("show-only-subchart", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                             "charts/sub/templates/s.yaml": "# sub only\n"}, args=["--show-only", "charts/sub/templates/s.yaml"])
case("subchart-notes-and-crds", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                  "charts/sub/templates/NOTES.txt": "sub notes",
                                  "charts/sub/crds/c.yaml": "kind: CustomResourceDefinition\nmetadata: {name: sub-crd}\n",
                                  "charts/sub/templates/s.yaml": "# sub\n"}, args=["--include-crds"])
case("subchart-global-set", {"templates/t.yaml": "# p {{ .Values.global.g }}\n", "charts/sub/Chart.yaml": SUB,
                              "charts/sub/templates/s.yaml": "# sub {{ .Values.global.g }}\n"}, args=["--set", "global.g=G"])
case("subchart-include-parent-define", {"templates/_p.tpl": "{{ define \"parent.def\" }}parent-def {{ .Chart.Name }}{{ end }}",
                                         "templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                         "charts/sub/templates/s.yaml": "# {{ include \"parent.def\" . }}\n"})
case("subchart-values-precedence", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                     "charts/sub/values.yaml": "a: sub\nb: sub\nc: sub\n",
                                     "charts/sub/templates/s.yaml": "# {{ .Values.a }} {{ .Values.b }} {{ .Values.c }}\n"},
     values="sub:\n  a: parent\n  b: parent\n", args=["-f", "o.yaml", "--set", "sub.a=set"], outside={"o.yaml": "sub:\n  b: file\n"})

group("toYaml")
yaml_of("long-string-needs-quotes", ".Values", values="a: \"" + "key: value, " * 10 + "end\"\nb: \"" + "x " * 60 + "#c\"\n")
yaml_of("long-lines-in-block", ".Values", values="a: \"" + "long line " * 12 + "\\nsecond\\n\"\n")
yaml_of("long-key", ".Values", values="\"" + "k" * 140 + "\": v\n")
yaml_of("invisible-unicode", ".Values", values="a: \"zero\\u200bwidth\"\nb: \"bom\\ufeff\"\nc: \"\\u00e9t\\u00e9\"\nd: \"tab\\tend\"\n")
yaml_of("leading-trailing-newlines", ".Values", values="a: \"\\nlead\"\nb: \"trail\\n\\n\"\nc: \" \\n\"\nd: \"a\\n b\"\n")
yaml_of("string-dash-space", ".Values", values="a: \"- item\"\nb: \"-\"\nc: \"--\"\nd: \"---\"\ne: \"...\"\n")
yaml_of("nested-empty", ".Values", values="a: {b: {}, c: [], d: [{}], e: [[]]}\n")
yaml_of("list-top-level", ".Values.l", values="l: [a, [b, c], {d: [e]}]\n")
yaml_of("from-fromYaml", "fromYaml \"b: 2\\na: [1, {c: x}]\\n\"")
yaml_of("from-fromJson-ints", "fromJson \"{\\\"big\\\": 12345678901234, \\\"f\\\": 1.0}\"")
yaml_of("windows-path-string", ".Values", values="a: 'C:\\\\dir\\\\file'\nb: '\\\\\\\\server'\n")
yaml_of("octal-like-strings", ".Values", values="a: \"0777\"\nb: \"0o777\"\nc: \"08\"\nd: \"0.0\"\ne: \"00\"\n")
yaml_of("bool-like-keys", "dict \"y\" 1 \"n\" 2 \"on\" 3 \"Yes\" 4 \"null\" 5")

group("values-type")
# .Values is chartutil.Values, not map[string]interface{}: which Sprig functions take it.
line("keys", "{{ keys .Values | sortAlpha }}", values="b: 1\na: 2\n")
line("hasKey", "{{ hasKey .Values \"a\" }}", values="a: 1\n")
line("get", "{{ get .Values \"a\" }}", values="a: 1\n")
line("pick", "{{ pick .Values \"a\" }}", values="a: 1\nb: 2\n")
line("omit", "{{ omit .Values \"a\" }}", values="a: 1\nb: 2\n")
line("merge-into-values", "{{ merge .Values (dict \"z\" 1) }}", values="a: 1\n")
line("merge-values-into-dict", "{{ merge (dict \"z\" 1) .Values }}", values="a: 1\n")
line("mergeOverwrite-values", "{{ mergeOverwrite (dict \"a\" 0) .Values }}", values="a: 1\n")
line("deepCopy", "{{ deepCopy .Values }}", values="a: {b: 1}\n")
line("unset", "{{ unset .Values \"a\" }}", values="a: 1\nb: 2\n")
line("values-fn", "{{ values .Values }}", values="a: 1\n")
line("pluck", "{{ pluck \"a\" .Values }}", values="a: 1\n")
line("dig-nested-map", "{{ dig \"b\" \"x\" .Values.a }}", values="a: {b: 1}\n")
line("kindOf-typeOf", "{{ kindOf .Values }} {{ typeOf .Values }} {{ kindIs \"map\" .Values }}")
line("len", "{{ len .Values }}", values="a: 1\nb: 2\n")
line("empty-values", "{{ empty .Values }}")
line("default-values", "{{ default (dict \"x\" 1) .Values }}")
line("toJson", "{{ toJson .Values }}", values="b: 1\na: [x]\n")
line("index-values", "{{ index .Values \"a\" \"b\" }}", values="a: {b: c}\n")
line("subchart-values-typeOf", "{{ typeOf .Values.a }}", values="a: {b: c}\n")
line("dict-with-values", "{{ (dict \"v\" .Values).v.a }}", values="a: 1\n")
line("include-values-as-dot", "{{ include \"d\" .Values }}{{ define \"d\" }}{{ .a }}{{ end }}", values="a: 1\n")
line("tpl-values-as-dot", "{{ tpl \"{{ .a }}\" .Values }}", values="a: 1\n")

group("number")
line("constants", "{{ 1e6 }} {{ 100000000.0 }} {{ 0.000001 }} {{ 3.0 }} {{ 1e-7 }} {{ 123456789.0 }} {{ 1e20 }} {{ 1e21 }}")
line("int-overflow-add", "{{ add 9223372036854775807 1 }}")
line("eq-set-int64-literal", "{{ eq .Values.a 5 }} {{ lt .Values.a 10 }} {{ gt .Values.a 1 }}", args=["--set", "a=5"])
line("eq-float-value-float-literal", "{{ eq .Values.f 1.5 }}", values="f: 1.5\n")
line("eq-string-missing", "{{ eq \"a\" .Values.missing }}")
line("nil-map-value", "[{{ .Values.a.b }}] [{{ printf \"%v\" .Values.a.b }}]", values="a: {b: null}\n")
line("toString-float-values", "{{ toString .Values.f }} {{ toString .Values.g }}", values="f: 1000000\ng: 0.5\n")
line("atoi-spaces", "{{ atoi \" 12\" }} {{ atoi \"12 \" }} {{ atoi \"+5\" }}")
line("int-string-bases", "{{ int \"010\" }} {{ int64 \"0x10\" }} {{ int \"1e3\" }} {{ int \"0b11\" }} {{ int \"-7\" }}")
line("float64-strings", "{{ float64 \"1e3\" }} {{ float64 \"0x10\" }} {{ float64 \" 1\" }} {{ float64 \"-0\" }}")
line("add1-float", "{{ add1 .Values.f }} {{ mul 1.5 2 }} {{ div 7.0 2 }} {{ max 1.5 2 }} {{ sub 5.9 1 }}", values="f: 2.7\n")
line("round-string", "{{ round \"2.5\" 0 }} {{ round 2.675 2 }} {{ round -0.5 0 }}")
line("ceil-floor-values", "{{ ceil .Values.f }} {{ floor .Values.g }} {{ ceil \"1.1\" }}", values="f: 1.2\ng: -1.2\n")
line("until-json", "{{ until 3 | toJson }} {{ untilStep 1 4 1 | toJson }}")
line("seq-json", "{{ seq 3 | toJson }}")
line("float-arith-format", "{{ addf 0.1 0.2 }} {{ mulf 3 0.1 }} {{ divf 1 3 }} {{ subf 1 0.9 }}")
line("int-division-negative", "{{ div -7 2 }} {{ mod -7 2 }} {{ mod 7 -2 }}")
line("biggest-min-strings", "{{ max \"10\" \"9\" }} {{ min \"a\" 1 }}")

group("printf")
line("precision-runes", "{{ printf \"%.3s|%5.2q|%08.3f|%-08d|\" \"héllo\" \"abc\" -3.14159 5 }}")
line("v-empty-list", "{{ printf \"%v %d %s\" (list) (list 1 2) (list \"a\") }}")
line("v-nested-dict", "{{ printf \"%v\" (dict \"a\" (list (dict \"b\" nil))) }}")
line("q-list", "{{ printf \"%q\" (list \"a\" \"b\") }}")
line("x-list", "{{ printf \"%x\" (list 10 11) }}")
line("t-list", "{{ printf \"%t\" (list true false) }}")
line("s-bytes", "{{ printf \"%s|%v|%x\" (.Files.GetBytes \"a.txt\") (.Files.GetBytes \"a.txt\") (.Files.GetBytes \"a.txt\") }}", files={"a.txt": "hi"})
line("g-precision", "{{ printf \"%.3g|%.10g|%g|%G\" 1234.5678 1.0 100000000.0 1e-20 }}")
line("e-small", "{{ printf \"%e|%E|%.0e\" 0.000123 123456.0 5.5 }}")
line("f-large", "{{ printf \"%f|%.2f|%.0f\" 1e20 1e-5 0.5 }}")
line("v-special-floats", "{{ printf \"%v %v %v %f\" (float64 \"inf\") (float64 \"-inf\") (float64 \"nan\") (float64 \"inf\") }}")
line("print-special-floats", "{{ float64 \"inf\" }} {{ float64 \"nan\" }}")

group("action")
line("slice-3-index", "{{ slice .Values.l 0 1 2 }}", values="l: [a, b, c]\n")
line("slice-3-index-string", "{{ slice \"abc\" 0 1 2 }}")
line("files-get-no-arg", "{{ .Files.Get }}")
line("files-get-two-args", "{{ .Files.Get \"a\" \"b\" }}")
line("html-unicode", "{{ html \"é<>\\u0000\" }} {{ js \"😀'\" }}")
line("template-in-range", "{{ define \"item\" }}<{{ . }}>{{ end }}{{ range .Values.l }}{{ template \"item\" . }}{{ end }}", values="l: [a, b]\n")
line("break-keeps-var", "{{ $last := \"\" }}{{ range .Values.l }}{{ $last = . }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ end }}{{ $last }}", values="l: [a, b, c]\n")
line("continue-in-with", "{{ range .Values.l }}{{ with . }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}{{ end }}", values="l: [a, b, c]\n")
line("values-dotted-key", "{{ index .Values \"a.b\" }} [{{ .Values.a }}]", values="a.b: dotted\n")
line("values-uppercase-key", "{{ .Values.Name }} [{{ .Values.name }}]", values="Name: upper\n")
line("comment-trim-left-only", "a {{- /* c */}} b")
line("comment-trim-right-only", "a {{/* c */ -}} b")

group("builtin-object")
case("chart-isroot-subchart", {"templates/t.yaml": "# {{ .Chart.IsRoot }}\n", "charts/sub/Chart.yaml": SUB,
                                "charts/sub/templates/s.yaml": "# sub {{ .Chart.IsRoot }}\n"})
line("chart-dependencies", "{{ len .Chart.Dependencies }} {{ (index .Chart.Dependencies 0).Name }} {{ (index .Chart.Dependencies 0).Condition }}",
     chart=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    condition: sub.on\n",
     files={"charts/sub/Chart.yaml": SUB, "charts/sub/templates/s.yaml": "# sub\n"}, values="sub:\n  on: true\n")
line("kube-version-satisfies-constraint", "{{ .Capabilities.KubeVersion }}", chart=CHART + "kubeVersion: '>=1.40.0'\n", args=["--kube-version", "1.41.0"])
line("kube-version-minor-only", "{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}", args=["--kube-version", "1.20"])
line("kube-version-prerelease", "{{ .Capabilities.KubeVersion }} {{ semverCompare \">=1.25-0\" .Capabilities.KubeVersion.Version }}", args=["--kube-version", "v1.26.3-gke.100"])
line("api-versions-appended", "{{ last .Capabilities.APIVersions }} {{ len .Capabilities.APIVersions }}", args=["--api-versions", "x.io/v1", "--api-versions", "y.io/v1/Kind"])
line("api-versions-comma", "{{ .Capabilities.APIVersions.Has \"a.io/v1\" }} {{ .Capabilities.APIVersions.Has \"b.io/v1\" }}", args=["--api-versions", "a.io/v1,b.io/v1"])
case("files-glob-subchart-own", {"templates/t.yaml": "# {{ range $p, $_ := .Files.Glob \"*.txt\" }}{{ $p }} {{ end }}\n", "p.txt": "",
                                  "charts/sub/Chart.yaml": SUB, "charts/sub/s.txt": "",
                                  "charts/sub/templates/s.yaml": "# sub {{ range $p, $_ := .Files.Glob \"*.txt\" }}{{ $p }} {{ end }}\n"})
line("files-get-dot-slash", "[{{ .Files.Get \"./a.txt\" }}] [{{ .Files.Get \"d/../a.txt\" }}] [{{ .Files.Get \"/a.txt\" }}]", files={"a.txt": "A"})
line("files-lines-crlf", "{{ range .Files.Lines \"a.txt\" }}[{{ . | quote }}]{{ end }}", files={"a.txt": "one\r\ntwo\r\n"})
line("files-glob-len", "{{ len (.Files.Glob \"**\") }}", files={"a.txt": "", "b/c.txt": ""})
line("files-glob-get", "{{ (.Files.Glob \"conf/*\").Get \"conf/a\" }}", files={"conf/a": "inner"})
line("files-glob-glob", "{{ range $p, $_ := (.Files.Glob \"**\").Glob \"conf/*\" }}{{ $p }} {{ end }}", files={"conf/a": "", "b": ""})
line("files-asconfig-empty", "[{{ (.Files.Glob \"nope/*\").AsConfig }}] [{{ (.Files.Glob \"nope/*\").AsSecrets }}]")
line("files-ignored-by-default", "{{ range $p, $_ := .Files.Glob \"**\" }}{{ $p }} {{ end }}", files={"a.txt": "", ".hidden": "", "README.md": "", "crds/c.yaml": "a: 1\n"})
case("template-basepath-subchart", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                     "charts/sub/templates/x/s.yaml": "# {{ .Template.BasePath }} {{ .Template.Name }}\n"})
case("include-template-name-in-define", {"templates/_h.tpl": "{{ define \"h\" }}{{ .Template.Name }}{{ end }}",
                                          "templates/a.yaml": "# {{ include \"h\" . }}\n",
                                          "templates/b.yaml": "# {{ include \"h\" . }}\n"})

group("error")
case("subchart-required", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                            "charts/sub/templates/s.yaml": "# {{ required \"sub needs x\" .Values.x }}\n"})
case("subchart-parse-error", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                               "charts/sub/templates/s.yaml": "# {{ if }}\n"})
case("error-in-define-from-subchart", {"templates/t.yaml": "# {{ include \"sub.h\" . }}\n", "charts/sub/Chart.yaml": SUB,
                                        "charts/sub/templates/_h.tpl": "{{ define \"sub.h\" }}\n{{ .Values.nope.deeper }}{{ end }}"})
case("yaml-error-in-subchart", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                 "charts/sub/templates/s.yaml": "a: b: c\n"})
case("subchart-values-yaml-error", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": SUB,
                                     "charts/sub/values.yaml": "a: [\n", "charts/sub/templates/s.yaml": "# s\n"})
case("subchart-chart-yaml-invalid", {"templates/t.yaml": "# p\n", "charts/sub/Chart.yaml": "name: sub\nversion: [\n",
                                      "charts/sub/templates/s.yaml": "# s\n"})

group("output")
KINDS = ["Deployment", "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
         "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
         "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
         "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
         "ReplicationController", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler", "Job", "CronJob",
         "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
         "Zebra", "Alpha"]
case("install-order-all-kinds", "".join(f"---\nkind: {k}\nmetadata:\n  name: n{i}\n" for i, k in enumerate(reversed(KINDS))))
case("install-order-same-kind-names", "kind: ConfigMap\nmetadata: {name: b}\n---\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: c}\n")
case("install-order-across-files-same-kind", {"templates/b.yaml": "kind: Secret\nmetadata: {name: a}\n",
                                               "templates/a.yaml": "kind: Secret\nmetadata: {name: z}\n"})
case("hooks-order-weights-names", "".join(
    f"---\nkind: Job\nmetadata:\n  name: {n}\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"{w}\"\n"
    for n, w in [("b", "1"), ("a", "1"), ("c", "-1"), ("d", "0")]))
case("hook-delete-policy-kept", "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-delete-policy: hook-succeeded\n")
case("hook-unknown-event", "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: nope\n")
case("hook-annotation-not-string", "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: 1\n")
case("metadata-not-map", "kind: ConfigMap\nmetadata: just-a-string\n")
case("kind-not-string", "kind: [a]\nmetadata: {name: x}\n")
