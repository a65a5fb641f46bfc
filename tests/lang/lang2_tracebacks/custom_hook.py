# sys.excepthook replaced by the program: it receives type, value and traceback of the uncaught
# exception; then a hook that itself fails falls back to the default printing.
import sys


def hook(exc_type, exc, tb):
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("hook:", exc_type.__name__, exc, frames, file=sys.stderr)


sys.excepthook = hook


def level1():
    level2()


def level2():
    raise KeyError("handled by hook")


print("before")
level1()
