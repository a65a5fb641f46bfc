# Traceback entries carry frame objects: tb_frame's code, line and locals after unwinding.
import sys
def inner(x):
    y = x * 2
    raise ValueError(y)
def outer():
    inner(21)
try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    while tb is not None:
        fr = tb.tb_frame
        print(fr.f_code.co_name, tb.tb_lineno, fr.f_lineno, sorted(fr.f_locals) if fr.f_code.co_name != "<module>" else "-")
        tb = tb.tb_next
    print(sys.exc_info()[2].tb_frame is sys._getframe())
