# except* (PEP 654): splitting groups between clauses, naked exceptions, re-raising the rest,
# handlers that raise, invalid clause types, else/finally, and the SyntaxErrors.
def show(e, indent=0):
    pad = " " * indent
    if isinstance(e, BaseExceptionGroup):
        print(pad + type(e).__name__, repr(e.message))
        for x in e.exceptions:
            show(x, indent + 2)
    else:
        print(pad + repr(e))

try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as e:
    print("caught V"); show(e)
except* TypeError as e:
    print("caught T"); show(e)

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        print("V")
except ExceptionGroup as e:
    show(e)

try:
    raise KeyError("naked")
except* KeyError as e:
    show(e)

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("in handler")
except ExceptionGroup as e:
    show(e)
    print(repr(e.exceptions[0].__context__))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(5)])])
    except* ValueError:
        raise
except ExceptionGroup as e:
    show(e)
try:
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError(1)
    except* 42:
        pass
except TypeError as e:
    print(e)
for src in ["for x in y:\n  try: pass\n  except* E: break", "def f():\n  try: pass\n  except* E: return"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(e)
try:
    pass
except* ValueError:
    pass
else:
    print("else ran")
finally:
    print("finally ran")
