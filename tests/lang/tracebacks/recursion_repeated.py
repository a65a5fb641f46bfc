# Runaway recursion: RecursionError, with repeated traceback lines summarised.
def f(n):
    return f(n + 1)


f(0)
