# Circular imports resolved as CPython resolves them, and partially initialised modules.
import circ.a
print(circ.a.A, circ.b.B)
import circ
print(sorted(k for k in vars(circ) if not k.startswith("_")))
try:
    import circ.c
except ImportError as e:
    print(type(e).__name__, e.args[0].split(" (")[0])
