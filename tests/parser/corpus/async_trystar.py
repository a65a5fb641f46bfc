# async constructs and except* (no stdlib file uses AsyncFor or TryStar).
async def f(a, *, b=1):
    async for x in a:
        await x
    else:
        pass
    async with a as b, c:
        pass
    async with (a as b, c as d,):
        pass
    r = [x async for x in a if await x]
    s = {x: y async for x, y in a}
    g = (await x for x in a)
    return await a.b(c)[d]


try:
    pass
except* ValueError:
    pass
except* (TypeError, KeyError) as e:
    raise
else:
    pass
finally:
    pass

try:
    pass
except* E:
    pass
