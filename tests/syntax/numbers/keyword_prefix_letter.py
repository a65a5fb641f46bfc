x = 1 if y else 2
z = 1elsewhere
