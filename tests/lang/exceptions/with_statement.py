# with statements: __enter__/__exit__, suppression, exceptions passing through
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None)
        return self.suppress


with Ctx("a") as c:
    print("inside", c.name)
with Ctx("b", suppress=True):
    raise ValueError("hidden")
try:
    with Ctx("c"), Ctx("d"):
        raise KeyError("k")
except KeyError as e:
    print("caught", e)
