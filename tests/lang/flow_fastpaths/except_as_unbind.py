# "except E as name" unbinds name however the clause is left: falling off its end, return,
# break, continue, or an exception escaping it (and the traceback still names the raise).
import sys
import traceback


def leave_by_return():
    try:
        raise ValueError("r")
    except ValueError as e:
        return sys._getframe(), e


def leave_by_raise():
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise KeyError("outer")


def leave_by_loop():
    seen = []
    for i in range(3):
        try:
            raise IndexError(i)
        except IndexError as e:
            seen.append(str(e))
            if i == 0:
                continue
            break
    try:
        return seen, e
    except UnboundLocalError as err:
        return seen, "unbound: " + str(err)


frame, exc = leave_by_return()
print(sorted(frame.f_locals), repr(exc))

try:
    leave_by_raise()
except KeyError as err:
    print(repr(err), repr(err.__context__))
    tb = err.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, sorted(tb.tb_frame.f_locals))
    print("".join(traceback.format_exception(err)).count("During handling"))

print(leave_by_loop())


def nested_same_name():
    try:
        raise TypeError("a")
    except TypeError as e:
        try:
            raise OSError("b")
        except OSError as e:
            pass
        try:
            print(e)
        except UnboundLocalError:
            print("e unbound after the inner clause")


nested_same_name()

g = "global before"


def global_name():
    global g
    try:
        1 / 0
    except ZeroDivisionError as g:
        return "returned"


print(global_name(), "g" in globals())


def finally_after_handler():
    try:
        try:
            raise ValueError("v")
        except ValueError as e:
            return "from handler"
        finally:
            print("finally sees e bound:", "e" in sys._getframe().f_locals)
    finally:
        pass


print(finally_after_handler())


def raising_in_handler_tb():
    try:
        {}["k"]
    except KeyError as e:
        int("x")


try:
    raising_in_handler_tb()
except ValueError:
    lines = traceback.format_exc().splitlines()
    print([ln.strip() for ln in lines if ln.strip().startswith(("File", "{}", "int("))])
