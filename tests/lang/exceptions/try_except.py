# try / except / else / finally, exception matching and `as`
def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("error:", e)
        return None
    else:
        print("ok")
        return result
    finally:
        print("finally for", a, b)


print(divide(6, 3))
print(divide(1, 0))
try:
    [][1]
except (KeyError, IndexError) as e:
    print(type(e).__name__, e)
try:
    {}["k"]
except LookupError as e:
    print("lookup", repr(e))
