# classes made by calling type() get __module__ from the caller's globals
T = type("T", (), {"x": 1})
print(T.__module__, T.__name__, T.__qualname__, T().x, repr(T).startswith("<class '__main__.T'>"))


def make():
    return type("Inner", (object,), {})


print(make().__module__, make().__qualname__)
