# milestone 2: a 1,000,000-deep recursion under a raised limit (the VM is stackless)
import sys

sys.setrecursionlimit(10**6 + 100)


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


print(down(10**6))
