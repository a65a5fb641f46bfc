# Extended-slice deletion and assignment with huge steps.
# extended slices with huge steps (once overflowed the deletion loop)
a = list(range(10)); del a[9::1 << 333]; print(a)
a = list(range(10)); del a[::-(1 << 333)]; print(a)
a = list(range(10)); a[9::1 << 333] = [5]; print(a)
