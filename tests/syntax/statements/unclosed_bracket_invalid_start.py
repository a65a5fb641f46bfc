x = (if a else b
