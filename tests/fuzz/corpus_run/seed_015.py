x = [1, 2, 3]
x[1:2] = [9, 9, 9]
del x[0]
print(x, x.pop(), x.index(9))
