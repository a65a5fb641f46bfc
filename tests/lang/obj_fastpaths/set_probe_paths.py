# set probing: exact str and int keys compared without __eq__ (ints beyond the small-int
# cache, big ints, negative ints), mixed numeric keys, and keys whose __eq__ must still run.
a = set(range(0, 600, 2)); b = set(range(0, 600, 3))
print(len(a | b), len(a & b), len(a - b), len(a ^ b), sorted(a ^ b)[:10])
print(1000 in a, 598 in a, 2**40 in {2**40}, -(2**40) in {2**40}, 10**20 in {10**20, 5})
s = {"x" + str(i) for i in range(100)}
print("x5" in s, "x" + "99" in s, "y" in s, len(s))
s2 = {1, 1.0, True, 2**64, 2.0**64}
print(len(s2), sorted(s2))
class E:
    def __hash__(self): return hash(300)
    def __eq__(self, o): print("eq"); return o == 300
print(E() in {300}, 300 in {E()} if False else None)
s3 = set()
for r in range(30):
    for i in range(10): s3.add(i * 1000)
    for i in range(0, 10, 2): s3.discard(i * 1000)
print(sorted(s3))
print(frozenset(range(1000, 1010)) == frozenset(list(range(1000, 1010))))
