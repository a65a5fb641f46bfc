# A failing expression spanning lines: markers run to the end of its first line.
def f(n):
    return n + 1


value = [1, 2, 3]
result = (f(value[0]) +
          f(value[1]) *
          f(None))
