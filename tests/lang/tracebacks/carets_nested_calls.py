# Markers in every frame of a chain of calls, with arguments on the same line.
def level3(x):
    return x.upper() + len(x)


def level2(x):
    return [level3(x)]


def level1():
    return level2("abc")[0]


print(level1())
