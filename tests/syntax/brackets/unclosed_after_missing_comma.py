if x:
    i(f y:
        z = 1
