# comparisons, chained comparisons, boolean operators and truthiness
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 >= 2, 1 == 1.0)
print(not 0, not [], not [0], bool(""), bool("a"), None is None, 1 != 2)
print(0 or "x", 1 and 2, [] or {} or "last", 0 and 1 / 0)
a = [1, 2]
print(a is a, a is not [1, 2], 2 in a, 3 not in a)
print("b" > "a", (1, 2) < (1, 3), [1, 2] == [1, 2])
