foo(a,
b = 3
c = 4
