# gen.throw() and gen.close(): handlers and finally blocks inside the generator run.
def worker():
    try:
        while True:
            try:
                yield "ready"
            except ValueError as e:
                print("handled", e)
    finally:
        print("cleanup")


w = worker()
print(next(w))
print(w.throw(ValueError("bad")))
print(w.throw(ValueError, "worse"))
try:
    w.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(w.gi_suspended if hasattr(w, "gi_suspended") else None)
try:
    next(w)
except StopIteration:
    print("closed after throw")

c = worker()
next(c)
c.close()
c.close()
print("closed twice")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
    yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def fresh():
    print("never runs")
    yield 1


f = fresh()
f.close()
print(list(f))
try:
    fresh().throw(IndexError("early"))
except IndexError as e:
    print("early", e)
try:
    worker().throw(1)
except TypeError as e:
    print("TypeError:", e)
