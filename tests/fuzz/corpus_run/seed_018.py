class M(type):
    def __new__(m, n, b, d):
        d['extra'] = 1
        return super().__new__(m, n, b, d)
class K(metaclass=M):
    pass
print(K.extra)
