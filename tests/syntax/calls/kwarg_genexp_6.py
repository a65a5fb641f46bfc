f(x, b = i async for i in y)
