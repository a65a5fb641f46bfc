from x import a, # c
