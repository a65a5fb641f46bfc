# An exception escaping from a generator consumed by a for loop inside a function called from
# a class body: the traceback lists the module, the class body, the function and the generator.
def numbers(limit):
    for i in range(limit):
        if i == 3:
            raise ValueError(f"bad number {i}")
        yield i


def total(limit):
    acc = 0
    for n in numbers(limit):
        acc += n
    return acc


print(total(3))


class Report:
    first = total(2)
    second = total(10)
