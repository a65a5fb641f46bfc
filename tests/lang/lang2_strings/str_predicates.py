# str.is* predicates over a spread of characters (ASCII, Unicode digits, numerics, spaces).
chars = ["a", "Z", "5", "٣", "²", "½", "Ⅻ", "一", " ", "\t", "\u00a0", "\u2028", "\x1c", "_",
         "-", "é", "ǅ", "\u0300", "\U0001d7d8", "\x00", "\x7f", "\ufeff", "ß", "ª", "\U00010400"]
names = ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
         "isnumeric", "isprintable", "isspace", "istitle", "isupper"]
for c in chars:
    flags = "".join("1" if getattr(c, n)() else "0" for n in names)
    print(ascii(c), flags)
words = ["", "abc", "ABC", "Abc Def", "abc1", "1abc", "_x", "class", "x y", "ab\u00e9", "Ab'Cd",
         "ǅx", "123", "12.3", "  ", "a\nb", "Ⅻ", "\u00b2\u00b3", "x\u200b"]
for w in words:
    flags = "".join("1" if getattr(w, n)() else "0" for n in names)
    print(repr(w), flags)
for n in names:
    try:
        getattr("a", n)(1)
    except TypeError as e:
        print(n, type(e).__name__, e)
