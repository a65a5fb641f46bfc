# list, set and dict comprehensions, nested loops and conditions
print([x * x for x in range(10) if x % 2 == 0])
print([(a, b) for a in range(3) for b in range(a)])
print({c.upper() for c in "hello"} == set("HELO"))
print({n: n ** 2 for n in range(5)})
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([y for x in matrix for y in x if y != 3])
k = 10
print([k + i for i in range(3)])
