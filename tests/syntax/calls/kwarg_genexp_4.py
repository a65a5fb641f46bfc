f(None = i for i in y)
