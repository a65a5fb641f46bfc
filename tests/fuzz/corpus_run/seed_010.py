def deco(f):
    def w(*a, **k):
        return f(*a, **k) + 1
    return w
@deco
def h(x):
    return x
print(h(1))
