# group: objects
# Building strings by += and join, and f-string formatting.
def run(n):
    total = 0
    for r in range(n):
        s = ""
        for i in range(200):
            s += str(i)
        parts = [f"{i}:{i * 2}" for i in range(200)]
        joined = ",".join(parts)
        total += len(s) + len(joined) + r
    return total


print(run(20000))
