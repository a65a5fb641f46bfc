# Backslash continuations, including a lone backslash before a blank or comment line.
x = 1 + \
    2
if x \
   and x:
    pass
\

y = 2
\
# comment
z = 3
def f():
    a = 1
    \

    b = 2
    \
    c = 3
w = [1,
\
2]
