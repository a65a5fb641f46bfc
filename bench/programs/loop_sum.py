# group: language
# A plain counting loop with integer accumulation.
def run(n):
    total = 0
    i = 0
    while i < n:
        total += i * i % 7
        i += 1
    return total


print(run(8_000_000))
