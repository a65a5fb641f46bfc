print(divmod(-7, 2), pow(3, 4, 5), round(2.675, 2), abs(-3j), sum([0.1] * 10))
