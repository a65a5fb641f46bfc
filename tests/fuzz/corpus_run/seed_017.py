b = bytearray(b'abc')
b.extend(b'def')
m = memoryview(b)
print(bytes(m[::2]), b.hex())
