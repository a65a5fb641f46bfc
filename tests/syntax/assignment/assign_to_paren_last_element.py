a, (b if c else d) = 1
