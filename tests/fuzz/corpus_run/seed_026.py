s = {1, 2, 3}
s |= {4}
s -= {1}
print(sorted(s), s & {2, 9}, frozenset(s) == s)
