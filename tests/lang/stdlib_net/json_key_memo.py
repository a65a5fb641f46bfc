# json.loads shares the str of a repeated object key across the whole document (the
# decoder's memo), whatever the text's kind, with escapes, colliding keys of equal length and
# ends, the empty key, control characters under strict=False, and a decoder re-entered from
# an object_hook (which empties the memo of the outer call mid-way).
import json

text = '[' + ', '.join('{"axc": %d, "ayc": %d, "": 0, "\\u0061xc": 1, "é": 2}' % (i, i) for i in range(4)) + ']'
docs = json.loads(text)
print(docs[0], len(docs))
keys = [list(d) for d in docs]
print(keys[0])
print([keys[0][i] is keys[3][i] for i in range(4)])

for t in ['[{"ω": 1, "ab": 2}, {"ω": 3, "ab": 4}]', '[{"😀k": 1}, {"😀k": 2}]', '[{"k": 1}, {"k\\n": 2}, {"k": 3}]']:
    v = json.loads(t)
    print(v, list(v[0])[0] is list(v[-1])[0])

ctl = '[{"a\tb": 1}, {"a\tb": 2}]'
try:
    json.loads(ctl)
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
v = json.loads(ctl, strict=False)
print(v, list(v[0])[0] is list(v[1])[0])

dec = json.JSONDecoder()


def hook(d):
    if "inner" in d:
        d["inner"] = dec.decode(d["inner"])
    return d


dec = json.JSONDecoder(object_hook=hook)
r = dec.decode('[{"key": 1, "inner": "{\\"key\\": 2, \\"x\\": [{\\"key\\": 3}]}"}, {"key": 4}, {"key": 5}]')
print(r)
print(list(r[1])[0] is list(r[2])[0], list(r[0])[0] == list(r[1])[0])
