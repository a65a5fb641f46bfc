# group: language
# List, dict and set comprehensions with filters and nesting.
def run(n):
    total = 0
    for r in range(n):
        squares = [x * x for x in range(300) if x % 3]
        table = {x: x % 17 for x in squares}
        uniq = {v for v in table.values()}
        pairs = [(a, b) for a in range(20) for b in range(a)]
        total += len(squares) + sum(table.values()) + len(uniq) + len(pairs) + r
    return total


print(run(24000))
