l = sorted(['b', 'A', 'c'], key=str.lower, reverse=True)
print(l, min(l), max(l, key=len))
