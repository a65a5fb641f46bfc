x = 5
print(x if x > 3 else -x, [x := 7, x], not x, x and 0 or 9)
