# property, staticmethod and classmethod
class Temp:
    scale = "C"

    def __init__(self, c):
        self._c = c

    @property
    def f(self):
        return self._c * 9 / 5 + 32

    @f.setter
    def f(self, value):
        self._c = (value - 32) * 5 / 9

    @staticmethod
    def boiling():
        return 100

    @classmethod
    def make(cls, c):
        return cls(c)


t = Temp.make(25)
print(t.f, Temp.boiling(), t.boiling(), type(t).__name__)
t.f = 212
print(t._c)
try:
    del t.f
except AttributeError as e:
    print("AttributeError:", e)
