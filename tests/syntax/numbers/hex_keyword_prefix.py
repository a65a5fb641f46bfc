x = [0x1fork for k in y]
