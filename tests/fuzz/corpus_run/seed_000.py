x = 1
while x < 100:
    x = x * 2 + 1
print(x)
