x = (stb'abc'r,)
