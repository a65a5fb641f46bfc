# list operations and methods
a = [5, 3, 8, 1]
a.append(9)
a.insert(0, 7)
a.extend([2, 2])
print(a, len(a), a.count(2), a.index(8))
a.sort()
print(a, a[::-1], a[1:4], a[-2:])
a.reverse()
print(a.pop(), a.pop(0), a)
a.remove(2)
del a[0]
a[1:3] = ["x", "y", "z"]
print(a, [1, 2] * 3, [1] + [2], sorted("hello"), min([4, 2, 9]), max([3, 1, 2]))
b = [[0] * 3 for _ in range(2)]
b[0][1] = 5
print(b, list(range(5)), list(reversed([1, 2, 3])))
