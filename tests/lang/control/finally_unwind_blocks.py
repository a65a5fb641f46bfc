# A return or break that leaves a loop inside try/finally compiles the finally body inline; the
# blocks that body opens (loops, handlers, with) must not disturb the loops still being
# compiled around the jump (regression: a loop's pending breaks were clobbered).
def search(rows, target):
    log = []
    try:
        for row in rows:
            for item in row:
                if item == target:
                    return ("found", item, log)
                if item < 0:
                    break
            else:
                continue
            log.append("negative")
    finally:
        for r in rows:
            while False:
                break
            for x in r:
                if x > 100:
                    break
        try:
            log.append("cleanup")
        except ValueError:
            pass
    return ("missing", None, log)

print(search([[1, 2], [3, -1, 5], [6]], 6))
print(search([[1, 2], [3, -1, 5], [6]], 9))
print(search([[200, 1]], 200))

def breaks_out():
    out = []
    for i in range(5):
        try:
            if i == 3:
                break
            if i == 1:
                continue
            out.append(i)
        finally:
            for j in range(2):
                if j:
                    break
                out.append(("f", i))
    return out

print(breaks_out())
