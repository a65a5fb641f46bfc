# Tracebacks through generators and yield from, with markers under each failing expression.
def numbers():
    yield 1
    yield 1 / 0


def relay():
    yield from numbers()


for n in relay():
    print("got", n)
