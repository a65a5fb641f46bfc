x = b"a" f"{a b}"
