# sys's struct sequences and plain values: the deterministic parts equal CPython 3.11's.
import sys

print(sys.float_info)
print(sys.int_info)
print(sys.hash_info)
print(sys.thread_info)
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor)
print(sys.version_info >= (3, 11), sys.version_info < (3, 12))
print(sys.version.startswith("3.11"), sys.hexversion >> 16, sys.api_version)
print(sys.platform, sys.byteorder, sys.maxsize, sys.maxunicode)
print(sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, sys.platlibdir)
print(sys.float_repr_style, repr(sys.abiflags), sys.pycache_prefix, sys._xoptions)
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
print(sys.copyright.splitlines()[0])
print(type(sys.executable).__name__, type(sys.argv).__name__, type(sys.orig_argv).__name__)
print(type(sys.warnoptions).__name__, isinstance(sys.dont_write_bytecode, bool))

# the struct sequence types
for name in ["flags", "int_info", "float_info", "hash_info", "version_info", "thread_info"]:
    v = getattr(sys, name)
    t = type(v)
    print(name, t.__name__, t.__module__, t.__qualname__, len(v), t.n_fields,
          t.n_sequence_fields, t.n_unnamed_fields, isinstance(v, tuple))
    print("  match_args", t.__match_args__)
    try:
        t(tuple(v))
        print("  constructible")
    except TypeError as e:
        print("  TypeError:", e)

f = sys.flags
print(f.debug, f.inspect, f.interactive, f.optimize, f.no_site, f.isolated, f.dev_mode,
      f.safe_path, f.int_max_str_digits, f.utf8_mode, f.quiet, f.bytes_warning)
print(type(f.dev_mode).__name__, type(f.safe_path).__name__)

fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.radix, fi.rounds)
print(fi[0] == fi.max, fi[-1], fi[2:5], list(fi)[:3])
print(sys.int_info.bits_per_digit, sys.int_info.sizeof_digit)
h = sys.hash_info
print(h.width, h.modulus == 2**61 - 1, h.inf, h.nan, h.imag, h.algorithm, h.hash_bits)
print(hash(float("inf")) == h.inf, hash(1j) == h.imag)

# implementation is a SimpleNamespace whose type types.SimpleNamespace is
impl = sys.implementation
ns_type = type(impl)
print(ns_type.__name__, ns_type.__module__, ns_type.__qualname__)
print(type(impl.name).__name__, impl.cache_tag.endswith("-311"), impl.version == sys.version_info,
      impl.hexversion == sys.hexversion, impl._multiarch)
print(sorted(vars(impl)))

# stdlib and built-in module names
names = sys.stdlib_module_names
print(type(names).__name__, len(names))
print(sorted(names)[:8], sorted(names)[-5:])
print("os" in names, "json" in names, "numpy" in names, "sys" in names)
bm = sys.builtin_module_names
print(type(bm).__name__, list(bm) == sorted(bm), "sys" in bm, "builtins" in bm)
print(len(set(bm)) == len(bm), all(isinstance(n, str) for n in bm))

# hooks and their originals
print(sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__)
print(sys.unraisablehook is sys.__unraisablehook__, sys.breakpointhook is sys.__breakpointhook__)
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdin is sys.__stdin__)
print(sys.modules["sys"] is sys)
