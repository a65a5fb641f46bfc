# Hash-based .pyc files (PEP 552): py_compile and compileall in each invalidation mode write
# the header CPython writes; an import honours it (timestamp files compare mtime and size,
# checked hash files the source's hash, unchecked ones never look at the source), as
# _imp.check_hash_based_pycs says; a stale checked file is rewritten hash-based; code
# compiled under another file name reports the file it was imported from; a bare .pyc with
# no source imports.
import _imp
import compileall
import importlib
import importlib.util
import os
import py_compile
import sys
import tempfile

MODES = py_compile.PycInvalidationMode
MAGIC = importlib.util.MAGIC_NUMBER


def header(cfile, source):
    with open(cfile, "rb") as f:
        data = f.read(16)
    flags = int.from_bytes(data[4:8], "little")
    kind = "hash" if flags & 1 else "timestamp"
    same = data[8:16] == importlib.util.source_hash(source) if flags & 1 else None
    return data[:4] == MAGIC, kind, bool(flags & 2), same


def write_keeping_stat(path, text):
    """Rewrites PATH with TEXT (same length) and puts its old mtime back."""
    st = os.stat(path)
    with open(path, "w") as f:
        f.write(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def source_hashes():
    for data in [b"", b"x", b"VERSION = 1\n", bytes(range(256)) * 5]:
        print(importlib.util.source_hash(data).hex(), _imp.source_hash(7, data).hex(),
              _imp.source_hash(key=-1, source=bytearray(data)).hex())
    for args, kw in [((1,), {}), ((1, "text"), {}), (("k", b""), {}), ((), {"key": 1})]:
        try:
            _imp.source_hash(*args, **kw)
        except TypeError as e:
            print("TypeError:", e)
    print(_imp.check_hash_based_pycs)


def one_mode(tmp, mode):
    name = "hp_" + mode.name.lower()
    path = os.path.join(tmp, name + ".py")
    with open(path, "w") as f:
        f.write("VERSION = 1\ndef where():\n    return where.__code__.co_filename\n")
    cfile = py_compile.compile(path, dfile="elsewhere/" + name + ".py", invalidation_mode=mode)
    print(mode.name, os.path.basename(cfile) == os.path.basename(
        importlib.util.cache_from_source(path)))
    with open(path, "rb") as f:
        print("  header", header(cfile, f.read()))
    importlib.invalidate_caches()
    mod = importlib.import_module(name)
    print("  first import", mod.VERSION, os.path.relpath(mod.where(), tmp))
    write_keeping_stat(path, "VERSION = 2\ndef where():\n    return where.__code__.co_filename\n")
    mod = importlib.reload(mod)
    print("  source changed, same mtime and size:", mod.VERSION)
    with open(path, "rb") as f:
        magic, kind, check, same = header(cfile, f.read())
    print("  header now", kind, check, same)
    return mod


def check_modes(tmp, mods):
    """_imp.check_hash_based_pycs decides, read at each import."""
    saved = _imp.check_hash_based_pycs
    unchecked = mods[MODES.UNCHECKED_HASH]
    checked = mods[MODES.CHECKED_HASH]
    try:
        _imp.check_hash_based_pycs = "always"
        print("always: unchecked file", importlib.reload(unchecked).VERSION)
        write_keeping_stat(checked.__file__,
                           "VERSION = 3\ndef where():\n    return where.__code__.co_filename\n")
        _imp.check_hash_based_pycs = "never"
        print("never: checked file", importlib.reload(checked).VERSION)
        _imp.check_hash_based_pycs = "default"
        print("default: checked file", importlib.reload(checked).VERSION)
    finally:
        _imp.check_hash_based_pycs = saved


def compileall_tree(tmp):
    pkg = os.path.join(tmp, "hp_pkg")
    os.mkdir(pkg)
    for name, text in [("__init__.py", "NAME = 'pkg'\n"), ("sub.py", "VALUE = 10\n")]:
        with open(os.path.join(pkg, name), "w") as f:
            f.write(text)
    ok = compileall.compile_dir(pkg, quiet=1, invalidation_mode=MODES.UNCHECKED_HASH)
    print("compileall", bool(ok))
    sub = os.path.join(pkg, "sub.py")
    with open(sub, "rb") as f:
        print("  header", header(importlib.util.cache_from_source(sub), f.read()))
    importlib.invalidate_caches()
    write_keeping_stat(sub, "VALUE = 20\n")
    import hp_pkg.sub
    print("  unchecked after edit", hp_pkg.NAME, hp_pkg.sub.VALUE)
    ok = compileall.compile_dir(pkg, quiet=1, force=True, invalidation_mode=MODES.CHECKED_HASH)
    print("  recompiled checked", bool(ok), importlib.reload(hp_pkg.sub).VALUE)


def spec_loader(tmp):
    """importlib's own SourceFileLoader reads a checked hash file through _imp.source_hash."""
    path = os.path.join(tmp, "hp_spec.py")
    with open(path, "w") as f:
        f.write("ANSWER = 41\n")
    py_compile.compile(path, invalidation_mode=MODES.CHECKED_HASH)
    write_keeping_stat(path, "ANSWER = 42\n")
    spec = importlib.util.spec_from_file_location("hp_spec", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    print("spec_from_file_location", mod.ANSWER)


def sourceless(tmp):
    """A bare .pyc with no source imports (a module and a package), keeping its code's name."""
    os.mkdir(os.path.join(tmp, "hp_bare_pkg"))
    for rel, text in [("hp_bare.py", "X = 1\ndef f():\n    return f.__code__.co_filename\n"),
                      ("hp_bare_pkg/__init__.py", "Y = 2\n")]:
        path = os.path.join(tmp, rel)
        with open(path, "w") as f:
            f.write(text)
        py_compile.compile(path, cfile=path + "c", dfile="built/" + rel,
                           invalidation_mode=MODES.UNCHECKED_HASH)
        os.remove(path)
    for name, data in [("hp_junk", b"junk" * 5), ("hp_flags", MAGIC + b"\x04" + b"\0" * 11),
                       ("hp_short", MAGIC)]:
        with open(os.path.join(tmp, name + ".pyc"), "wb") as f:
            f.write(data)
    importlib.invalidate_caches()
    import hp_bare
    import hp_bare_pkg
    print("sourceless", hp_bare.X, hp_bare.f(), os.path.relpath(hp_bare.__file__, tmp),
          os.path.relpath(hp_bare.__cached__, tmp), type(hp_bare.__loader__).__name__,
          hp_bare.__loader__.get_source("hp_bare"))
    print("  package", hp_bare_pkg.Y, os.path.relpath(hp_bare_pkg.__file__, tmp),
          [os.path.relpath(p, tmp) for p in hp_bare_pkg.__path__])
    for name in ["hp_junk", "hp_flags", "hp_short"]:
        try:
            importlib.import_module(name)
        except (ImportError, EOFError) as e:
            print(" ", name, type(e).__name__, e)


def main():
    sys.dont_write_bytecode = False  # stale caches are rewritten, whatever the environment says
    source_hashes()
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        try:
            mods = {mode: one_mode(tmp, mode) for mode in MODES}
            check_modes(tmp, mods)
            compileall_tree(tmp)
            spec_loader(tmp)
            sourceless(tmp)
        finally:
            sys.path.remove(tmp)


main()
