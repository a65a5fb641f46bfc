# Argument checks of posix functions that must fail before any system call: uid/gid
# conversion (OverflowError/TypeError wording), negative counts of copy_file_range/splice,
# mixed str/bytes paths in rename/replace/link, and OSError.filename being the object passed.
import os
import tempfile
import warnings


def show(label, func, *args):
    try:
        func(*args)
        print(label, "no error")
    except Exception as e:
        fn = getattr(e, "filename", "-")
        text = e.strerror if isinstance(e, OSError) else str(e)
        print(label, type(e).__name__, text,
              "filename-is-arg" if args and fn is args[0] else "")


for name in ("setuid", "setgid", "seteuid", "setegid"):
    func = getattr(os, name)
    for value in (1 << 32, -2, 1 << 70, -(1 << 70), "x", 1.5):
        show(name + " " + repr(value), func, value)

for value in (1 << 32, -2, "x"):
    show("chown uid " + repr(value), os.chown, "/nonexistent-pyrs", value, -1)
    show("chown gid " + repr(value), os.chown, "/nonexistent-pyrs", -1, value)
    show("lchown uid " + repr(value), os.lchown, "/nonexistent-pyrs", value, -1)

for func in (os.copy_file_range, os.splice):
    show(func.__name__ + " -10", func, 0, 1, -10)
    show(func.__name__ + " -1", func, 0, 1, -1)
    show(func.__name__ + " str", func, 0, 1, "3")

with tempfile.TemporaryDirectory() as d:
    os.chdir(d)
    missing_b = b"missing-\xff"
    for func in (os.rename, os.replace, os.link):
        show(func.__name__ + " bytes->str", func, missing_b, "dst")
        show(func.__name__ + " str->bytes", func, "missing", b"dst")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        for arg in (bytearray(missing_b), memoryview(missing_b)):
            show("rename " + type(arg).__name__, os.rename, arg, "dst")
        print([str(x.message) for x in w])
    # a real rename across types works
    with open("a.txt", "w") as f:
        f.write("x")
    os.rename(b"a.txt", "b.txt")
    print(sorted(os.listdir(".")))
    os.replace("b.txt", b"c.txt")
    print(sorted(os.listdir(".")))
    os.chdir("/")
