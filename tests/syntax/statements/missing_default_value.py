def f(a, *, key=):
    pass
