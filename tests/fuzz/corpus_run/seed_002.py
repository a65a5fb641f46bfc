class A:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return A(self.v + o.v)
print((A(1) + A(2)).v)
