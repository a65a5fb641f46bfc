a, *b, c = range(5)
print(a, b, c)
