def insort(a, x, lo=0 0, hi=None):
    pass
