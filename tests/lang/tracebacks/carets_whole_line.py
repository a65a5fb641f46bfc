# No markers when the failing expression is the whole line; markers for a call inside it.
def fail():
    raise ValueError("whole line")


def outer():
    fail()


try:
    outer()
except ValueError as e:
    print("caught", e)
values = [fail for _ in range(2)]
x = 1 if values else values[0]()
outer()
