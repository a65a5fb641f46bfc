# except clause matching: tuples of classes, subclass order, bare except catching BaseException,
# exception variable deletion after the handler, handlers that raise, exceptions from
# except expressions, and sys.exc_info()/sys.exception() in and after handlers.
import sys


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup:" + type(e).__name__
    except ArithmeticError as e:
        return "arith:" + type(e).__name__
    except Exception as e:
        return "other:" + type(e).__name__
    except BaseException as e:
        return "base:" + type(e).__name__


for exc in [KeyError("k"), IndexError, ZeroDivisionError, OverflowError("o"), ValueError, KeyboardInterrupt, SystemExit(0)]:
    print(classify(exc))


def var_deleted():
    try:
        raise ValueError("v")
    except ValueError as err:
        pass
    return err


show("var deleted", var_deleted)


def var_shadow():
    err = "before"
    try:
        raise ValueError
    except ValueError as err:
        pass
    try:
        return err
    except NameError as e:
        return "NameError: " + str(e)


print(var_shadow())


def bare():
    try:
        raise GeneratorExit
    except:
        return "bare caught " + sys.exc_info()[0].__name__


print(bare())


def dynamic_except():
    errors = (ValueError, TypeError)
    try:
        int([])
    except errors as e:
        return type(e).__name__


print(dynamic_except())


def except_expression_raises():
    try:
        raise ValueError
    except undefined_name_in_except:
        return "unreachable"


show("except expr NameError", except_expression_raises)


def non_class_in_tuple():
    try:
        raise ValueError
    except (ValueError, 5):
        return "matched first"


print(non_class_in_tuple())


def non_class_miss():
    try:
        raise KeyError
    except (ValueError, 5):
        return "x"


show("non-class miss", non_class_miss)


def state():
    out = [sys.exc_info()[0]]
    try:
        raise KeyError("outer")
    except KeyError:
        out.append(sys.exception().args)
        try:
            raise ValueError("inner")
        except ValueError:
            out.append(sys.exc_info()[1].args)
        out.append(sys.exception().args)
    out.append(sys.exception())
    return out


print(state())


def handler_raises():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise IndexError("b")
    except IndexError as e:
        return type(e.__context__).__name__, str(e)


print(handler_raises())
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError(count)
        break
    except ValueError as e:
        print("retry after", e)
print("count", count)


class Custom(Exception):
    pass


class Sub(Custom):
    pass


for exc in [Sub, Custom, Exception]:
    try:
        raise exc("x")
    except Sub:
        print("Sub handler")
    except Custom:
        print("Custom handler")
    except Exception:
        print("Exception handler")
