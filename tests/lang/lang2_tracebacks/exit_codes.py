# sys.exit with a string: the message goes to stderr and the status is 1; atexit handlers and
# finally blocks run first, in CPython's order.
import atexit
import sys


def goodbye(name):
    print("atexit", name)


atexit.register(goodbye, "first registered")
atexit.register(goodbye, "second registered")
try:
    print("about to exit")
    sys.exit("fatal: configuration missing")
finally:
    print("finally runs before atexit")
