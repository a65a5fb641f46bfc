# group: language
# Tuple packing/unpacking, starred unpacking and swaps.
def run(n):
    a, b, c = 1, 2, 3
    total = 0
    seq = (1, 2, 3, 4, 5)
    for _ in range(n):
        a, b, c = c, a, b
        x, *rest, y = seq
        p, (q, r) = a, (b, c)
        total += x + y + len(rest) + p + q + r
    return total


print(run(4_500_000))
