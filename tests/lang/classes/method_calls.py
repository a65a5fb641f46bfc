# Method calls: functions found on the type called with self, instance attributes, static/class methods, properties, errors.
class K:
    def m(self, a, b=2, *, c=3):
        return a + b + c
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def cm(cls, y):
        return cls.__name__ + str(y)
k = K()
print(k.m(1), k.m(1, c=10), k.s(4), k.cm(5), K.s(3), K.cm(1), K.m(k, 2))
k.m = lambda a: "instance attr " + str(a)
print(k.m(7))
print([].append(1), "a,b".split(","), {"x": 1}.get("x"))
import sys
print(sys.getrecursionlimit() > 0)
class P:
    @property
    def f(self):
        return lambda z: z + 1
print(P().f(1))
try:
    k.nope(1)
except AttributeError as e:
    print(e)
try:
    K().m()
except TypeError as e:
    print(e)
k2 = K()
k2.missing_method(3)
