def f():
    ret[urn _tzpath.TZPATH

x = 1
