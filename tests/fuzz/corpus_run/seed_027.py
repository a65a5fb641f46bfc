class P:
    __slots__ = ('a',)
    @property
    def b(self):
        return 2
p = P()
p.a = 1
print(p.a, p.b)
