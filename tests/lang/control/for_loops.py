# for loops over ranges, lists, strings, dicts; nested loops; for-else
for i in range(3):
    print("range", i)
for ch in "abc":
    print(ch, end=" ")
print()
d = {"one": 1, "two": 2}
for k, v in d.items():
    print(k, v)
for i, x in enumerate(["a", "b"], start=1):
    print(i, x)
for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("not found")
pairs = []
for a in range(3):
    for b in range(a):
        pairs.append((a, b))
print(pairs)
for i in range(10, 0, -3):
    print(i, end=",")
print()
