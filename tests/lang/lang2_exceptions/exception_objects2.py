# Exception objects: args and str/repr for 0/1/many arguments, custom __init__/__str__,
# with_traceback, add_note/__notes__, BaseException subclasses, attributes of built-in
# exceptions (KeyError str, StopIteration.value, SystemExit.code, UnicodeError fields,
# SyntaxError fields), and pickling-style __reduce__.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


for args in [(), ("one",), ("a", 2), (None,), ([1],)]:
    e = Exception(*args)
    print(args, repr(e), str(e), e.args)
print(str(KeyError("k")), str(KeyError()), repr(KeyError("k", 1)), str(KeyError("a", "b")))
print(StopIteration(5).value, StopIteration().value, SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)


class AppError(Exception):
    def __init__(self, code, detail="none"):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self):
        return f"[{self.code}] {self.detail}"


class NoSuper(Exception):
    def __init__(self, x):
        self.x = x


a = AppError(404, "not found")
print(a, repr(a), a.args, a.code, NoSuper(1).args, str(NoSuper(2)), repr(NoSuper(3)))
try:
    raise AppError(500)
except AppError as err:
    print(err, err.detail, err.__traceback__.tb_lineno > 0)
e = ValueError("noted")
e.add_note("first note")
e.add_note("second")
print(e.__notes__)
show("bad note", lambda: e.add_note(5))
tb_holder = None
try:
    1 / 0
except ZeroDivisionError as z:
    tb_holder = z.__traceback__
w = RuntimeError("with tb").with_traceback(tb_holder)
print(w.__traceback__ is tb_holder, type(w.__traceback__).__name__)
show("bad traceback", lambda: RuntimeError().with_traceback(5))
try:
    "é".encode("ascii")
except UnicodeEncodeError as u:
    print(u.encoding, repr(u.object), u.start, u.end, u.reason, str(u))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as u:
    print(u.encoding, u.object, u.start, u.end, u.reason, str(u))
try:
    compile("a b", "file.py", "exec")
except SyntaxError as s:
    print(s.msg, s.filename, s.lineno, s.offset, repr(s.text), s.end_lineno, s.end_offset, str(s))
print(repr(SyntaxError("m", ("f", 1, 2, "t", 1, 3))), SyntaxError("m", ("f", 1, 2, "t", 1, 3)).filename)
print(AttributeError("x", name="n", obj=1).name, NameError("y", name="q").name, ImportError("i", name="mod", path="/p").path)
show("bad kw", lambda: ValueError("x", foo=1))
show("import error kw", lambda: ImportError(bogus=1))
print(issubclass(KeyboardInterrupt, Exception), issubclass(GeneratorExit, BaseException), issubclass(StopAsyncIteration, Exception))
print(sorted(c.__name__ for c in LookupError.__subclasses__() if c.__module__ == "builtins"), ArithmeticError.__subclasses__()[0].__name__)
print(ValueError("r").__reduce__(), OSError(1, "e").__reduce__()[1][:2])
e2 = Exception("state")
e2.custom = "attr"
print(e2.__dict__, e2.__reduce__())
print(BaseException.__new__(ValueError).args, ValueError.__new__(ValueError, 1, 2).args)
try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args)
show("raise non-exception", lambda: exec("raise 5"))
show("raise class not exc", lambda: exec("raise int"))
show("except non-class", lambda: exec("try:\n    1/0\nexcept 5:\n    pass"))
