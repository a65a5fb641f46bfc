# f-strings: conversions, format specs, nested fields
name = "pyrs"
v = 3.14159
print(f"hello {name}!", f"{name!r}", f"{v:.2f}", f"{42:>6}|", f"{42:<6}|", f"{255:#x}")
print(f"{v:{'.3'}f}", f"{1000000:,}", f"{'x' * 3}", f"{{literal}}", f"{name=}")
items = [1, 2, 3]
print(f"{len(items)} items: {items}", f"{items[0] + items[-1]}")
