# async with: awaited __aenter__/__aexit__, exception suppression, break, propagation.
class Res:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        return self.name.upper()
    async def __aexit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return t is KeyError

async def main():
    async with Res("a") as x, Res("b") as y:
        print("body", x, y)
    async with Res("c"):
        raise KeyError("swallowed")
    for i in range(3):
        async with Res("loop%d" % i):
            if i == 1:
                break
    try:
        async with Res("d"):
            raise ValueError("passes")
    except ValueError as e:
        print("outer caught", e)
    return "done"

c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
