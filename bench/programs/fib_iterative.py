# group: language
# Iterative Fibonacci modulo a prime, many times: local variable and int arithmetic loops.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % 1000000007
    return a


total = 0
for i in range(28000):
    total = (total + fib(500 + i % 7)) % 1000000007
print(total)
