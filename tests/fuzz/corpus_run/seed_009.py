print([x for x in range(20) if x % 3 == 0], {x % 4 for x in range(10)})
