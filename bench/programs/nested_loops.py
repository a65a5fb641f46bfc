# group: language
# Triple nested for-range loops with an accumulator.
def run(n):
    acc = 0
    for i in range(n):
        for j in range(n):
            for k in range(n):
                acc += (i ^ j) & k
    return acc


print(run(300))
