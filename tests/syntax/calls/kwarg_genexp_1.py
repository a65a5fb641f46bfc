f(a.b = i for i in y)
