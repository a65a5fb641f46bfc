def f():
    def g():
    x = 1
