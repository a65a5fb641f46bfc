f(a, b.c = d for e in f, g)
