# runaway recursion raises RecursionError at the default limit, and the program goes on
def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print("still running")
