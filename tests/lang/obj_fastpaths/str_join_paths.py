# str.join: the one-pass ASCII path (exact ASCII pieces and separator) and the general path
# for non-ASCII pieces, str subclasses and errors.
print(",".join([]), ",".join(["a"]), ",".join(["a", "b", ""]), "".join(["x", "yz"]), "-".join("abc"))
print("\xe9".join(["a", "b"]), ",".join(["a", "\xe9", "\u20ac"]), repr("".join([])), "ab".join(["", ""]))
class S(str): pass
r = ",".join([S("a"), "b"]); print(r, type(r).__name__)
r = S(",").join(["a", "b"]); print(r, type(r).__name__)
x = S("solo"); print(type("".join([x])).__name__, "".join([x]))
try: ",".join(["a", 1])
except TypeError as e: print(type(e).__name__, e)
try: ",".join(["a", b"b"])
except TypeError as e: print(type(e).__name__, e)
print(" ".join(str(i) for i in range(12)), f"{1}:{2}-{'x'}{3.5}")
print(len("ab".join(["xyz"] * 1000)), "::".join(map(str, range(5))))
