def w():
    while True:
        try:
            yield 1
        except GeneratorExit:
            return
g = w()
next(g)
g.close()
print('closed')
