# _json: the C scanner, scanstring, encoder and string escapers behind json.loads/dumps: values,
# hooks, every JSONDecodeError message, circular references, key types, NaN handling.
import json, _json, json.decoder, json.scanner, json.encoder
print(json.decoder.c_scanstring is _json.scanstring, json.scanner.c_make_scanner is _json.make_scanner)
def t(f, *a, **k):
    try: print(repr(f(*a, **k)))
    except BaseException as e: print(type(e).__name__, e)
for s in ['{"a": [1, 2.5, -3e2, true, false, null, "x\\u00e9\\n"], "b": {}}', '[]', '{}', ' [1 , 2 ] ',
          '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ud83d\\u0041"', '1E5', '-0', '0.5e-3', '1e', '1.', '-', '-Infinity', 'NaN', 'Infinity',
          '[1,]', '{"a":1,}', '{"a" 1}', '{"a":1 "b":2}', '[1 2]', '{', '[', '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"a\tb"',
          '{1:2}', 'nul', 'tru', '[-]', '01', '[1]x', '', ' ', '\ufeff[]', '{"a":1, "a":2}', '123456789012345678901234567890', '"\\/\\b\\f\\r\\t\\"\\\\"']:
    t(json.loads, s)
t(json.loads, '"a\tb"', strict=False)
t(json.loads, '{"a": 1.5, "b": [2]}', parse_float=str, parse_int=lambda x: int(x) * 10)
t(json.loads, '{"a": 1, "b": 2}', object_pairs_hook=lambda p: p)
t(json.loads, '{"a": {"b": 1}}', object_hook=lambda d: sorted(d))
t(json.loads, '[NaN, Infinity]', parse_constant=lambda c: c.lower())
t(_json.scanstring, '"abc"', 1); t(_json.scanstring, 'abc"def', 0); t(_json.scanstring, 'a\\nb"', 0)
t(_json.scanstring, b'x', 0); t(_json.scanstring, 'x', 5); t(_json.scanstring, 'x', -1)
sc = _json.make_scanner(json.decoder.JSONDecoder())
t(sc, '[1]', 0); t(sc, '  1', 0); t(sc, '1', 5); t(sc, '1', -1); t(sc, b'1', 0); t(sc, '[1, x]', 0)
t(lambda: (sc.strict, sc.parse_float, sc.parse_int, sc.object_hook))
t(_json.make_scanner); t(_json.make_scanner, 1)
for f in (_json.encode_basestring_ascii, _json.encode_basestring):
    t(f, 'plain'); t(f, 'quote" back\\ nl\n tab\t ctl\x01\x1f del\x7f é ☃ 😀'); t(f, 1)
obj = {"b": [1, 2.5, None, True, False, "s"], "a": {"x": (1, 2)}, 3: 4, 1.5: 0, None: 1, True: 2, "é": "😀"}
t(json.dumps, obj); t(json.dumps, obj, ensure_ascii=False); t(json.dumps, obj, separators=(',', ':'))
t(json.dumps, {"b": 1, "a": 2}, sort_keys=True)
t(json.dumps, {"b": 1, 2: 2}, sort_keys=True)
t(json.dumps, {(1,): 1}); t(json.dumps, {(1,): 1, "a": 2}, skipkeys=True)
t(json.dumps, [float("nan"), float("inf"), -float("inf")]); t(json.dumps, [float("nan")], allow_nan=False)
t(json.dumps, {float("inf"): 1})
l = []; l.append(l); t(json.dumps, l)
d = {}; d["d"] = d; t(json.dumps, d)
t(json.dumps, object())
t(json.dumps, {1, 2}, default=sorted)
class C: pass
c = C(); t(json.dumps, c, default=lambda o: o)
t(json.dumps, [1, {"a": [2]}], indent=2)
t(json.dumps, 10**30); t(json.dumps, 1e300); t(json.dumps, -0.0); t(json.dumps, 1e16)
class MyInt(int): pass
class MyFloat(float): pass
class MyStr(str): pass
t(json.dumps, [MyInt(5), MyFloat(2.5), MyStr("s")])
t(json.dumps, {MyStr("k"): 1})
enc = _json.make_encoder(None, str, _json.encode_basestring_ascii, None, ':', ',', False, False, True)
t(enc, [1, "a"], 0); t(enc, {}, 0)
t(_json.make_encoder, 1, str, str, None, ':', ',', False, False, True)
t(lambda: (enc.sort_keys, enc.skipkeys, enc.key_separator, enc.item_separator, enc.markers, enc.indent))
e2 = _json.make_encoder({}, str, lambda s: 5, None, ':', ',', False, False, True)
t(e2, ["x"], 0)
t(lambda: json.loads("[" * 100000 + "]" * 100000) and None)
