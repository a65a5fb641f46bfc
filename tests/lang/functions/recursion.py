# recursion: factorial, mutual recursion, deep recursion under a raised limit
import sys


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


print(fact(30), is_even(100), is_odd(7))
sys.setrecursionlimit(120000)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(100000))
