# Traceback objects: CPython's layout (entries reach their code through tb_frame), TracebackType().
import sys, types, traceback
def f(): 1/0
try:
    f()
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)
    t2 = types.TracebackType(None, sys._getframe(), 6, 42)
    print(t2.tb_lineno, t2.tb_lasti, t2.tb_next, t2.tb_frame is sys._getframe())
    for bad in [lambda: types.TracebackType(1, sys._getframe(), 0, 0), lambda: types.TracebackType(None, 5, 0, 0)]:
        try: bad()
        except TypeError as ex: print("TypeError", ex)
    print(''.join(traceback.format_tb(tb)))
raise ValueError("end")
