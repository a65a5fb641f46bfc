# type and object introspection: __name__, __mro__, __dict__, dir, getattr on builtins
class A:
    x = 1

    def m(self):
        return "m"


class B(A):
    y = 2


b = B()
print(B.__name__, B.__qualname__, [c.__name__ for c in B.__mro__], B.__bases__[0].__name__)
print(type(b) is B, type(B) is type, isinstance(B, type), issubclass(bool, int))
print("x" in dir(b), "m" in dir(B), B.x, b.y, getattr(B, "m")(b), A.m(b))
print(int.__name__, type(None).__name__, type(...).__name__, type(len).__name__)
print(callable(len), callable(b), hasattr(b, "m"), type(b.m).__name__, b.m.__self__ is b)
print(len.__name__, str.upper.__name__, type(str.upper).__name__, type("a".upper).__name__)
setattr(b, "z", 3)
delattr(b, "z")
print(hasattr(b, "z"), vars(A)["x"] if False else A.__dict__["x"])
