import gc
class N:
    pass
a = N(); b = N(); a.b = b; b.a = a
del a, b
print(gc.collect() >= 0)
