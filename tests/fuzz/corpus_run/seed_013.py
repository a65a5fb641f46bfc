async def c():
    return 5
co = c()
try:
    co.send(None)
except StopIteration as e:
    print(e.value)
