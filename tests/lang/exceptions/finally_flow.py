# finally runs on return, break and continue
def f():
    try:
        return "from try"
    finally:
        print("cleanup in f")


def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"


print(f())
print(g())
