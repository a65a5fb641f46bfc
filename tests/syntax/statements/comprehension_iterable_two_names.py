x = [c for c in items  c]
