# group: numeric
# Arbitrary-precision integers: factorials, powers, digits of e, int<->str.
def digits_of_e(n):
    # Sum 1/k! scaled by 10**n, with enough guard digits.
    scale = 10 ** (n + 10)
    total = 0
    term = scale
    k = 1
    while term:
        total += term
        term //= k
        k += 1
    return str(total)[:n]


def run():
    f = 1
    for i in range(1, 1500):
        f *= i
    p = pow(3, 20000, 10**200 + 7)
    s = str(f)
    back = int(s)
    e = digits_of_e(3000)
    return len(s), back % 1000003, p % 1000003, e[-20:], sum(map(int, e)) % 97


print([run() for _ in range(300)][-1])
