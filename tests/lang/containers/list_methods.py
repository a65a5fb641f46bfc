# Extended-slice deletion and assignment with huge steps.
# extended slices with huge steps (once overflowed the deletion loop)
a = list(range(10)); del a[9::1 << 333]; print(a)
a = list(range(10)); del a[::-(1 << 333)]; print(a)
a = list(range(10)); a[9::1 << 333] = [5]; print(a)
for seq in (list(range(10)), tuple(range(10)), "0123456789", b"0123456789", bytearray(b"0123456789")):
    print(seq[9::1 << 333], seq[::-(1 << 333)], seq[3::1 << 70])
print(memoryview(b"0123456789")[9::1 << 333].tobytes())
