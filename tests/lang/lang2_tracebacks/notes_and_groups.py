# An uncaught exception carrying notes (add_note), then printed with its notes after the
# message; the stdout before it appears first.
def risky(values):
    total = 0
    for v in values:
        try:
            total += 10 // v
        except ZeroDivisionError as e:
            e.add_note(f"while processing value {v!r}")
            e.add_note("values must be non-zero")
            raise
    return total


print(risky([1, 2, 5]))
risky([4, 0, 1])
