# common str methods
s = "  Hello, World  "
print(s.strip(), s.lstrip(), s.rstrip(), s.lower(), s.upper())
t = s.strip()
print(t.split(", "), t.replace("l", "L"), t.find("o"), t.rfind("o"), t.count("l"))
print(t.startswith("Hell"), t.endswith("!"), t.title(), t.swapcase(), t.center(20, "*"))
print("-".join(["a", "b", "c"]), "a,b,,c".split(","), "x".zfill(4), "abc"[::-1])
print("42".isdigit(), "abc".isalpha(), "Abc".istitle(), "a b".partition(" "))
print(len("héllo"), "héllo".encode(), ord("é"), chr(233), "%s=%d" % ("x", 5))
print("{} and {}".format(1, 2), "{0}{1}{0}".format("a", "b"), "{:>5}".format("r"))
