# dict operations, methods and ordering
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "b" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"a": 10, "d": 4})
del d["b"]
print(d, d.pop("c"), d.setdefault("e", 5), d)
print({k: v * 2 for k, v in d.items() if v > 4}, dict(x=1, y=2), dict([("k", "v")]))
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
