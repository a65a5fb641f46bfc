# str case mapping and predicates: ASCII, Latin-1, Greek, special casing (ß, ŉ, ǅ), errors.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


samples = ["hello world", "HeLLo WoRLD", "straße", "ǅemal", "ŉ", "İstanbul", "ΣΊΣΥΦΟΣ",
           "o'neil's", "123abc def", "", "ﬁre", "éclair Ünïcode", "a1b2-c3_d4"]
for s in samples:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.casefold()))
    print("   ", repr(s.capitalize()), repr(s.title()), repr(s.swapcase()))
    print("   ", s.isupper(), s.islower(), s.istitle(), len(s.upper()), len(s.lower()))

show("upper arg", lambda: "a".upper(1))
show("lower kw", lambda: "a".lower(x=1))
show("title none", lambda: str.title(None))
show("capitalize int", lambda: str.capitalize(5))
show("casefold unbound", lambda: str.casefold("ABC"))
print("ß".upper() == "SS", "ß".casefold() == "ss", "ΣΑΣ".lower())
print("ﬃ".upper(), len("ﬃ".upper()))
# title-casing around apostrophes and digits
for s in ["they're bill's friends", "3rd place", "hello-world foo_bar", "x1y2"]:
    print(s.title(), s.title().istitle())
# swapcase is not always an involution
s = "ßİ"
print(repr(s.swapcase()), repr(s.swapcase().swapcase()))
