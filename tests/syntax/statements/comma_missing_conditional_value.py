x = (a + b c if d else e)
