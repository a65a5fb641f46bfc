x = 0o1a
