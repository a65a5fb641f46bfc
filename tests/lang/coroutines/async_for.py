# async for: __aiter__/__anext__, StopAsyncIteration ends the loop, else/continue/break, errors.
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

class Broken:
    def __aiter__(self):
        return self
    async def __anext__(self):
        raise KeyError("broken")

async def main():
    total = 0
    async for v in Ticker(4):
        if v == 2:
            continue
        total += v
    else:
        print("else runs", total)
    async for v in Ticker(10):
        if v == 3:
            break
    else:
        print("not printed")
    print("after break", v)
    try:
        async for v in Broken():
            pass
    except KeyError as e:
        print("KeyError", e)
    try:
        async for v in 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    return total

c = main()
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
