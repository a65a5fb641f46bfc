# assignment forms: chained, tuple, starred, augmented, swap
a = b = 5
print(a, b)
x, y = 1, 2
x, y = y, x
print(x, y)
first, *middle, last = range(6)
print(first, middle, last)
(p, q), r = (1, 2), 3
print(p, q, r)
n = 10
n += 5
n *= 2
n -= 1
n //= 3
n **= 2
print(n)
s = "ab"
s += "cd"
s *= 2
print(s)
