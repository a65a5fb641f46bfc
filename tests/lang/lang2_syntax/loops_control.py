# Loop control: for/while else clauses with and without break, nested loops with flags,
# continue in try/finally, loop variables after the loop, modification of the iterated list,
# range loops with big steps, and iteration over dict while changing values (allowed).
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print("prime", n, end=" ")
print()
i = 0
while i < 3:
    i += 1
else:
    print("while else ran, i =", i)
while True:
    break
else:
    print("never printed")
for x in []:
    pass
else:
    print("empty for else, x unbound:", "x" not in dir())
total = 0
for i in range(10):
    try:
        if i % 2:
            continue
        total += i
    finally:
        total += 100
print("total", total, "i after loop", i)
items = [1, 2, 3, 4, 5, 6]
for v in items:
    if v % 2 == 0:
        items.remove(v)
print("removed while iterating:", items)
d = {"a": 1, "b": 2}
for k in d:
    d[k] *= 10
print(d)
found = None
for row in range(5):
    for col in range(5):
        if row * col == 6:
            found = (row, col)
            break
    if found:
        break
print("found", found)
print([v for v in range(0, 10**12, 10**11)][-2:], list(range(10, 0, -3)))
count = 0
while (count := count + 1) < 5:
    if count == 2:
        continue
    print("count", count)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c, end=" ")
print()
it = iter(range(10))
for v in it:
    if v == 3:
        print("skipping", next(it))
print("loop over", [c for c in "abc"], *reversed("xyz"))
nested_breaks = []
for outer in range(3):
    while True:
        nested_breaks.append(outer)
        break
    else:
        nested_breaks.append("else")
print(nested_breaks)
