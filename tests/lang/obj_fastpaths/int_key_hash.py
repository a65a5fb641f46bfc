# Dict and set tables hash small exact ints inline: the hash, the table order and equality
# with floats, bools and int subclasses must be CPython's at every digit-count boundary.
edges = [0, 1, -1, -2, 2**30 - 1, 2**30, -(2**30), 2**60 - 1, 2**60, -(2**60) + 1, 2**61 - 1,
         2**61, -(2**61) + 1, 2**62, 2**64 + 5, -(2**64)]
print([hash(x) for x in edges])
print(list({x: None for x in edges}), list(set(edges)) == list({x: 0 for x in edges}))
print(list({-x for x in range(-20, 20)}))
print(list({x * 2**29 for x in range(12)}))
mixed = {1: "int", 2.0: "float", True: "bool"}
print(mixed, 2 in mixed, 1.0 in mixed, mixed[2], mixed[1.0])
s = {1.0, 2, 3.5, 2**60, float(2**60), -1, -1.0}
print(sorted(s), 2.0 in s, -1 in s, 3 in s, len(s))


class MyInt(int):
    def __hash__(self):
        return 7


print({MyInt(5): "sub", 5: "int"}, {7, MyInt(7)}, hash(MyInt(5)))
d = {}
for i in range(-300, 300, 7):
    d[i * 1000003] = i
print(len(d), d[-6 * 1000003], d.get(1 * 1000003), d.get(8), list(d)[:5])
cols = set()
for r in range(40):
    cols.add(r % 9 - 4)
    cols.discard((r * 5) % 11 - 5)
print(sorted(cols), list(cols), -4 in cols, 100 in cols)
