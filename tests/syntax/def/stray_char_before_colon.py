def f(a: int)!:
    pass
