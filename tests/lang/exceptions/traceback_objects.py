# Traceback objects: the tb_next chain (writable since 3.7, with loop and type checks),
# tb_lineno / tb_frame of each entry, and exceptions re-raised with an edited traceback.
def inner():
    raise KeyError("deep")

def middle():
    inner()

def outer():
    middle()

try:
    outer()
except KeyError as e:
    err = e
tb = err.__traceback__
chain = []
t = tb
while t is not None:
    chain.append((t.tb_frame.f_code.co_name, t.tb_lineno - 3))
    t = t.tb_next
print(chain)
for bad in (tb, 5, "x"):
    try:
        tb.tb_next.tb_next = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    del tb.tb_next
except TypeError as e:
    print("TypeError", e)
tb.tb_next.tb_next = None          # cut the chain after middle()
t, n = tb, 0
while t is not None:
    n += 1
    t = t.tb_next
print("entries after cut:", n)
try:
    raise err.with_traceback(tb.tb_next)
except KeyError as e2:
    names = []
    t = e2.__traceback__
    while t is not None:
        names.append(t.tb_frame.f_code.co_name)
        t = t.tb_next
    print(names)
print(type(tb).__name__, tb.tb_lasti >= 0, isinstance(tb.tb_lineno, int))
