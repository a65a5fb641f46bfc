# str: the rest of the method set
s = "Hello World"
print(s.casefold(), s.capitalize(), s.ljust(15, "."), s.rjust(15), s.expandtabs())
print("a\tb".expandtabs(4), "ab12".isalnum(), " ".isspace(), "ABC".isupper(), "abc".islower())
print("x".isidentifier(), "1x".isidentifier(), "½".isnumeric(), "٣".isdecimal(), "ascii".isascii())
print(s.index("o"), s.rindex("o"), s.rsplit(" ", 1), s.rpartition("o"), s.splitlines())
print("a\nb\r\nc".splitlines(True), "prefix-body".removeprefix("prefix-"), "x.py".removesuffix(".py"))
print(s.translate(str.maketrans("lo", "01")), s.startswith(("He", "x")), s.endswith("ld", 0, 11))
print("%5.2f|%-4s|%03d|%x|%r" % (3.14159, "ab", 7, 255, "q"), "{:^9}".format("mid"))
print("straße".upper(), "İ".lower(), "ΣΑΣ".lower(), "ß".casefold(), "ǅ".title())
print(sorted(["b", "A", "c"]), "abc" < "abd", "é".encode("utf-8"), b"\xc3\xa9".decode())
