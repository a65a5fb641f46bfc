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
# The first backslash of a line sets its indentation (CPython 3.11's cont_line_col).
if w:
  \
  g = 1
  h = 2
if w:
  \
i = 1
if w:
\
	if w:
		j = 1
