# group: language
# Closures reading and rebinding nonlocal cells.
def make_counter(step):
    count = 0

    def inc():
        nonlocal count
        count += step
        return count

    return inc


def run(n):
    counters = [make_counter(s) for s in range(1, 11)]
    total = 0
    for i in range(n):
        total += counters[i % 10]()
    return total % 1000000007


print(run(8_000_000))
