# _pickle and shared or recursive structures: the memo, POP/POP_MARK fix-ups for recursive
# tuples, fast mode, memo proxies, and RecursionError for deep nesting.
import io
import sys
import _pickle

a = [1, 2]
a.append(a)
d = {"k": 1}
d["self"] = d
t = ([],)
t[0].append(t)
fs_holder = []


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None


root = Node("root")
child = Node("child")
child.parent = root
root.children.append(child)

shared = ["shared"]
pair = [shared, shared, (shared, shared)]

for proto in range(6):
    for label, obj in [("list", a), ("dict", d), ("tuple", t), ("tree", root), ("pair", pair)]:
        data = _pickle.dumps(obj, proto)
        back = _pickle.loads(data)
        print(proto, label, data)
        if label == "list":
            print("   ", back[2] is back, back[:2])
        elif label == "dict":
            print("   ", back["self"] is back, back["k"])
        elif label == "tuple":
            print("   ", back[0][0] is back)
        elif label == "tree":
            print("   ", back.children[0].parent is back, back.children[0].name)
        else:
            print("   ", back[0] is back[1] is back[2][0] is back[2][1])

# memo and clear_memo across dumps of one Pickler
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.dump(shared)
p.dump(shared)
p.clear_memo()
p.dump(shared)
print(f.getvalue())
memo = p.memo.copy()
print(len(memo), sorted((v[0], v[1]) for v in memo.values()))
p.memo.clear()
print(len(p.memo.copy()))
p.memo = {id(shared): (5, shared)}
f.seek(0)
f.truncate()
p.dump([shared])
print(f.getvalue())
q = _pickle.Pickler(io.BytesIO(), 2)
q.memo = p.memo
print(list(q.memo.copy().values()) == [(5, shared)])
print(type(p.memo).__name__, p.memo.__reduce__()[0].__name__)
for bad in (1, {1: 2}):
    try:
        p.memo = bad
    except TypeError as e:
        print("TypeError", e)

# Unpickler memo
u = _pickle.Unpickler(io.BytesIO(b"]q\x05."))
print(u.load(), u.memo.copy())
u2 = _pickle.Unpickler(io.BytesIO(b"h\x05."))
u2.memo = u.memo
print(u2.load(), u2.memo.copy(), u.memo.__reduce__())
u.memo.clear()
print(u.memo.copy(), u2.memo.copy())
for bad in ({"a": 1}, {-1: 1}, []):
    try:
        u.memo = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# fast mode: no memo, cycles refused past the nesting limit
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.fast = 1
p.dump([shared, shared])
print(f.getvalue(), p.fast, p.bin)
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.fast = True
try:
    p.dump(a)
except ValueError as e:
    print("ValueError", str(e).split(" at ")[0])

# deep nesting: RecursionError, no crash; unpickling deep data is iterative
deep = []
for _ in range(100000):
    deep = [deep]
for proto in (0, 2, 4):
    try:
        _pickle.dumps(deep, proto)
    except RecursionError as e:
        print("RecursionError", e)
deepd = {}
for _ in range(100000):
    deepd = {"x": deepd}
try:
    _pickle.dumps(deepd)
except RecursionError as e:
    print("RecursionError", e)
data = b"(" * 5000 + b"l" * 5000 + b"."
x = _pickle.loads(data)
n = 0
while x:
    x = x[0] if x else None
    n += 1
print("nested lists loaded", n)
