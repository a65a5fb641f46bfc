# group: language
# Raising and catching exceptions, finally blocks and custom exception classes.
class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def risky(i):
    if i % 3 == 0:
        raise AppError(i)
    if i % 3 == 1:
        raise KeyError(i)
    return i


def run(n):
    total = 0
    cleanups = 0
    for i in range(n):
        try:
            total += risky(i)
        except AppError as e:
            total += e.code * 2
        except KeyError:
            total -= 1
        finally:
            cleanups += 1
    return total, cleanups


print(run(1_800_000))
