# Traceback markers for a failing binary operation: ~ under the operands, ^ under the operator.
def ratio(a, b):
    return a // b


def report(values):
    total = sum(values)
    return "mean: " + str(ratio(total, len(values) - 3))


print(report([1, 2, 3]))
