# A suspended generator that dies is closed: its finally blocks and GeneratorExit handlers run.
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally runs")


g = fin()
next(g)
del g
print("after del")


def counter():
    i = 0
    while True:
        i += 1
        try:
            yield i
        except GeneratorExit:
            print("exit at", i)
            raise


c = counter()
print(next(c), next(c))
c.close()
print(c.gi_frame)
for v in counter():
    if v == 3:
        break
print("loop left")
