#!/usr/bin/env python3
"""Record what helm3 (v3.17.3) prints for `toYaml` (or `toYamlPretty`) and `toJson` of tricky values.

Usage: scripts/helm-oracle/to-yaml.py [toYaml|toYamlPretty] [HELM3] > table.rs
  HELM3 defaults to ../helm-bin/helm3. Prints the Rust table of src/render/funcs/yaml/tests.rs
  (`CASES` for toYaml, `PRETTY_CASES` for toYamlPretty: name, input as JSON, helm's output, toJson).

Every case is a key of one values file (JSON text, so numbers are float64 as in Helm); one template
prints each function's output base64-encoded, to keep every byte.
"""
import base64, json, os, re, subprocess, sys, tempfile

# (name, value)
LONG = "this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes"
CASES = [
 ("long_plain", LONG),
 ("emoji", "😀 emoji"),
 ("tab", "tab\there"),
 ("resolving", ["1:30","<<","2020-13-01","2020-1-1","2020-02-30","2020-01-01T10:00:00Z","2020-01-01 10:00:00","1_000",".5","0b101","0x1F","+1","-","~","0o17","1e5","1.",".","-.inf",".Inf","2020-02-29","2019-02-29","2020-01-01t10:00:00+08:00","2020-01-01T10:00:00.5Z","2020-01-01 10:00:00.123","2020-01-01T25:00:00Z","2020-01-01T10:00:00","2020-1-1 1:2:3","12:30:45","-1:30","1:60","190:20:30.15","yes","Yes","yEs","y","Y","n","NO","off","On","true","TRUE","tRUE","null","NULL","nulL","08","0","-0","1e400","._5","0B11","-0b11","+","+.inf","1__0","_1",".e1","1.2.3","0x","1e","+.5","-.5e3"]),
 ("breaks", ["\n","a\n\n","  a\nb","a \nb","a\nb ","a\rb","\ta\nb","x\u0085y","a\u2028b","\u00a0a","\ufeffa","a\u0007b","\u0000","a\u2028","\u2029","a\u2028\u2028b"]),
 ("keys", {"b10":1,"b9":2,"B":3,"a":4,"_x":5,"1":6,"10":7,"9":8,"a0":9,"a00":10,"a01":11,"a1":12,"é":13,"-":14,"z":15,"":16,"a10b":17,"a9c":18,"A1":26,"a-b":27,"a_b":28,"a.b":29,"中":30,"ab":31,"aB":32,"Ab":33, "a 1":34, "a  1": 35, "0": 36, "00": 37, "01": 38, "002": 39, "1.5": 40}),
 ("floats", [1.0,1.5,1e21,1e20,1e-7,0.0001,0.00001,12345678.9,123456,1e19,1.8446744073709552e19,-0.0,1e23,-1.5,0.1,123456.7,1234567.0,9.999999e5,-1e-5,3.14159]),
 ("nested", [[],{},[[]],[{}],{"a":[]},{"a":[1,{"b":[2]}]}, [[1,[2,[3]]]], {"a":{"b":{"c":[{"d":"e","f":["g"]}]}}}]),
 ("html", "<>&\u2028\b\f\u0001"),
 ("complex_keys", {"multi\nline key":1,"a"*129:2,"a"*128:3, "中"*43: 4, "k\u2028x": 5, "long": {"b"*130: {"x": [1, 2]}, "c"*130: [1, 2], "d"*130: "v"}}),
 ("indicators", ["- a","? x","a: b","a #b","#a","a#b","[a","a]","a,b","---","--- a","...x","a:","a:b","%a","!a","&a","*a","|a",">a","'a","\"a","@a","`a"," a","a ","a  b",":a","?a","-a","?","-",":","a\t#b", "a\u00a0#b", "...", "--", "a'b", "it's", "x: ", "\\", "a\\b", "\"", "'"]),
 ("null", None),
 ("str", "x"),
 ("literal_long", "line one\nline two is long long long long long long long long long long long long long long long long long\n"),
 ("quoted_long", ["'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\r yes",
   "double\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces",
   "- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok"]),
 ("short_words", "short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z"),
 ("bom", ["\ufeffab","a\ufeffbc","\ufeff a é"]),
 ("nel", ["a  \u0085  b","a\u0085\u0085b","a \u0085 \u0085 \u0085b","\u0085","a\u0085", " \u0085 ", "a\u0085 b\u0085\u0085 c"]),
 ("unicode", ["\u00e9\u4e2d","\ud7ff\ue000\ufffd"]),
 ("bad_control", ["x\u007fy"]),
 ("bad_fffe", "a\ufffeb"),
 ("bad_c1", "a\u0080b"),
 ("nbsp", "\u00a0"),
 ("literals", ["\n\na","a\n b\n\tc\n","a\nb\n\n\n","a\n\n",{"k":"a\n\n"}, "a\n", "a\nb", " a\nb\n", "\na", "a\n  b\n    c", "a\r\nb", "a\n\u00e9\u2028x", "a\n😀"]),
 ("nested_long", {"a": {"b": {"c": LONG, "d": [LONG, [LONG]], "e": "x\ny"}}}),
 ("top_list", [LONG, "- x", {"k": LONG}]),
 ("empty", ""),
 ("empty_map", {}),
 ("empty_list", []),
 ("bool", True),
 ("int_like", 42),
 ("big", 1e300),
 ("empty_key", {"": "", " ": " "}),
 ("quote_keys", {"yes": 1, "null": 2, "1": 3, "a: b": 4, "#": 5, "- x": 6, "'": 7, "\t": 8, "2020-01-01": 9}),
 ("long_quoted_key", {"x "*70: 1}),
 ("space_runs", ["a" * 79 + "  b c", "a" * 79 + " b", "a" * 80 + " b", "a" * 81 + " b", "a" * 81 + "  b", "x " * 60, "a" * 90, "a" * 85 + " " + "b" * 85 + " c"]),
 ("dq_fold", ["\t" + "a" * 78 + " b c d", "\t" + "a" * 78 + "  b", "\t" + "a" * 78 + " " + " " * 3 + "b", "\t" + "a" * 85 + " "]),
 ("sq_fold", ["#" + "a" * 79 + " b c", "#" + "a" * 80 + " b c", "#" + "a" * 80 + "  b c", "# " + "a" * 80 + " x"]),
 ("deep_list", {"a": [{"b": [{"c": "d"}]}]}),
]


func = sys.argv[1] if len(sys.argv) > 1 else "toYaml"
HERE = os.path.dirname(os.path.abspath(__file__))
helm = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../../../helm-bin/helm3")
chart = os.path.join(tempfile.mkdtemp(), "c")
os.makedirs(chart + "/templates", exist_ok=True)
open(chart + "/Chart.yaml", "w").write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
open(chart + "/templates/t.yaml", "w").write(
 "{{- range $k, $v := .Values }}\n{{ $k }}: [{{ %s $v | b64enc | quote }}, {{ toJson $v | b64enc | quote }}]\n{{- end }}\n" % func)
vals = {"c%03d" % i: v for i, (n, v) in enumerate(CASES)}
open(chart + "/values.yaml", "w").write("".join(ch if (ord(ch) < 0x7f or (0xa0 < ord(ch) < 0xfeff and ord(ch) not in (0x2028,0x2029))) or ord(ch) > 0xffff else "\\u%04x" % ord(ch) for ch in json.dumps(vals, ensure_ascii=False)))
r = subprocess.run([helm, "template", chart], capture_output=True)
out = r.stdout.decode()
if r.returncode:
    print(r.stderr.decode(), file=sys.stderr); sys.exit(1)
res = {}
for m in re.finditer(r'^(c\d+): \["([^"]*)", "([^"]*)"\]$', out, re.M):
    res[m.group(1)] = (base64.b64decode(m.group(2)).decode("utf-8", "surrogateescape"), base64.b64decode(m.group(3)).decode())
def rs(s):
    o = '"'
    for ch in s:
        c = ord(ch)
        if ch == '"': o += '\\"'
        elif ch == '\\': o += '\\\\'
        elif ch == '\n': o += '\\n'
        elif ch == '\t': o += '\\t'
        elif ch == '\r': o += '\\r'
        elif c < 0x20 or 0x7f <= c <= 0xa0 or c in (0x2028, 0x2029, 0xfeff, 0x85, 0xfffe, 0xffff) or c > 0xffff: o += '\\u{%x}' % c
        else: o += ch
    return o + '"'
print("// Generated by scripts/helm-oracle/to-yaml.py %s from helm3 v3.17.3 (each case: name, input as JSON, %s, toJson)." % (func, func))
print("pub(super) const %s: &[(&str, &str, &str, &str)] = &[" % ("CASES" if func == "toYaml" else "PRETTY_CASES"))
for i, (n, v) in enumerate(CASES):
    y, j = res["c%03d" % i]
    print("    (%s, %s, %s, %s)," % (rs(n), rs(json.dumps(v, ensure_ascii=False)), rs(y), rs(j)))
print("];")
