f(True = i for i in y)
