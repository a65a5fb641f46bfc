(yield) = 1 = 2
