# group: objects
# dict insert, lookup, update, deletion and iteration with int and str keys.
def run(n):
    total = 0
    keys = [f"key{i}" for i in range(300)]
    for r in range(n):
        d = {}
        for i, k in enumerate(keys):
            d[k] = i
        for k in keys[::3]:
            total += d[k]
        d2 = {i: i * i for i in range(300)}
        for i in range(0, 300, 2):
            del d2[i]
        total += sum(d2.values()) + len(d) + d.get("missing", r)
        for k, v in d.items():
            total += v & 1
    return total


print(run(16000))
