f(ca b)
