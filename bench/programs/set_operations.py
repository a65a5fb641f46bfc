# group: objects
# set construction, membership, union/intersection/difference.
def run(n):
    total = 0
    for r in range(n):
        a = set(range(0, 600, 2))
        b = set(range(0, 600, 3))
        total += len(a | b) + len(a & b) + len(a - b) + len(a ^ b)
        for i in range(600):
            if i in a:
                total += 1
        a.add(r)
        a.discard(4)
        total += len(a)
    return total


print(run(24000))
