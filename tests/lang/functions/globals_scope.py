# global declarations, shadowing and UnboundLocalError
count = 0


def bump():
    global count
    count += 1


bump()
bump()
print(count)


def shadow():
    count = "local"
    return count


print(shadow(), count)


def broken():
    print(undefined_name_xyz)


try:
    broken()
except NameError as e:
    print("NameError:", e)


def unbound():
    if False:
        v = 1
    return v


try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
