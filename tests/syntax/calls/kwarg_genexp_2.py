f(x+1 = i for i in y)
