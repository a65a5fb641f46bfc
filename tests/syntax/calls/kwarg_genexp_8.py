f(a = 1, b = x for x in y)
