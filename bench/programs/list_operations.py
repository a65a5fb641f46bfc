# group: objects
# list append, pop, index, slicing, sort, reverse and membership.
def run(n):
    total = 0
    for r in range(n):
        lst = []
        for i in range(500):
            lst.append((i * 7919) % 1000)
        lst.sort()
        total += lst[len(lst) // 2]
        half = lst[::2]
        half.reverse()
        total += sum(half[:10]) + (r in lst)
        while len(lst) > 400:
            total += lst.pop()
        total += lst.index(lst[-1])
    return total


print(run(18000))
