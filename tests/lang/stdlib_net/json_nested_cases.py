# json.dumps / json.loads over nested documents through the native _json fast paths:
# non-ASCII text of every string kind (with and without ensure_ascii), floats of each repr
# path (short decimals, general values, inf/nan/-0.0), big ints, sort_keys and indent on
# nested containers, round trips, and decoding errors with their messages and positions.
import json

doc = {
    "name": "café ☃ 😀",
    "greek": ["αβγ", "δ", {"ω": "Ω"}],
    "nested": {"z": [1, [2, [3, {"deep": "ü\u0000\u001f\"\\"}]]], "a": {}, "m": []},
    "floats": [0.0, -0.0, 0.5, 1.25, 248.75, 0.1, 1 / 3, 1e-7, 1e16, 1e22, 2.5e-320, 1.7976931348623157e308],
    "ints": [0, -1, 2**31, -2**63, 10**30, -(10**100), 12345678901234567890],
    "flags": [True, False, None],
}
for kw in ({}, {"ensure_ascii": False}, {"sort_keys": True}, {"indent": 2, "sort_keys": True},
           {"indent": "\t", "ensure_ascii": False}, {"separators": (",", ":"), "sort_keys": True},
           {"indent": 0}):
    text = json.dumps(doc, **kw)
    print(kw, len(text))
    print(text)
    print(json.loads(text) == doc)

print(json.dumps([float("inf"), float("-inf"), float("nan"), -0.0]))
print(json.loads("[Infinity, -Infinity, NaN, -0.0, 0.0, -0, 1E400, -1e-400]"))
for bad in ([float("nan")], {"a": [float("inf")]}, -float("inf")):
    try:
        json.dumps(bad, allow_nan=False)
    except ValueError as e:
        print("ValueError:", e)

# the decoder on text of each kind: ASCII, Latin-1, BMP and astral, escaped and raw
for text in ['{"k": "plain", "n": [1, 2.5, -3e-2]}', '{"ké": "é\\u00e9", "x": ["ÿ"]}',
             '["☃", "\\u2603", {"ω": "ω\\n"}]', '["😀", "\\ud83d\\ude00", {"😀": ["x😀y"]}]',
             '{"a": {"b": {"c": {"d": [[[[]]]]}}}}', ' \t\n[ 1 ,\r\n 2 ] ']:
    v = json.loads(text)
    print(v, json.dumps(v), json.dumps(v, ensure_ascii=False))

big = [{"id": i, "name": f"item-{i}-é" if i % 3 else f"item-{i}", "v": i * 0.1, "tags": [str(i % 7)] * (i % 4)}
       for i in range(60)]
s = json.dumps(big, sort_keys=True)
print(len(s), s[:200], json.loads(s) == big)

for text in ['{"a": 1,}', '[1, 2', '{"a" 1}', '{"a": tru}', '["ab\u0001"]', '[1]\n[2]',
             '{\n  "a": [\n    1,\n    x\n  ]\n}', '"\\ud800\\u"', '[01]', '{"é": "😀", 5}', '  ']:
    try:
        print(json.loads(text))
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.msg, e.pos, e.lineno, e.colno)
