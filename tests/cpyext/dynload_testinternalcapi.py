# cpyext: Debian's _testinternalcapi under pyrs: the PyConfig API (get_config/get_configs
# filled from the running interpreter's settings), the locale codec, _Py_normpath, the
# suggestion edit cost, the internal hashtable, bit helpers.
import os
import sys

import _testinternalcapi as t

print(os.path.basename(t.__file__).split(".")[0], t.SIZEOF_PYGC_HEAD)

config = t.get_config()
print(len(config), list(config)[:6], list(config)[-4:])
print(config["argv"] == sys.argv, config["orig_argv"] == sys.orig_argv)
print(config["executable"] == sys.executable, config["prefix"] == sys.prefix,
      config["base_exec_prefix"] == sys.base_exec_prefix, config["platlibdir"])
print(config["module_search_paths"], config["stdlib_dir"])
print(config["filesystem_encoding"], config["filesystem_errors"], config["check_hash_pycs_mode"])
print(config["run_command"], config["run_module"])
print(config["code_debug_ranges"], config["site_import"], config["optimization_level"],
      config["verbose"], config["isolated"], config["use_environment"], config["parse_argv"])
print(config["xoptions"], config["warnoptions"] == sys.warnoptions, config["_config_init"])
print({k: type(v).__name__ for k, v in config.items() if k.startswith("use_")})

configs = t.get_configs()
print(sorted(configs), configs["config"] == config)
print(sorted(configs["pre_config"]), configs["pre_config"]["_config_init"])
print(configs["global_config"]["Py_OptimizeFlag"], configs["global_config"]["Py_NoSiteFlag"],
      configs["global_config"]["Py_FileSystemDefaultEncoding"])

# the test helpers of the module itself
for name in ("test_bswap", "test_popcount", "test_bit_length", "test_hashtable",
             "test_atomic_funcs", "test_edit_cost"):
    print(name, getattr(t, name)())
print(type(t.get_recursion_depth()).__name__)  # pyrs counts only C recursion there

# _Py_normpath
for p in ("/a/b/../c/./d//e", "//a/..", "///a/../..", "/", "/..", "/a/b/c/../../x/", "/./"):
    print(repr(p), repr(t.normalize_path(p)), t.normalize_path(p) == os.path.normpath(p))

# the locale codec: UTF-8 here (C.UTF-8 or UTF-8 mode), surrogateescape round trips
for errors in ("strict", "surrogateescape", "surrogatepass", "backslashreplace"):
    for data in (b"abc", b"\xc3\xa9t\xc3\xa9", b"\xff", b"\xed\xb2\x80", b"a\xe2\x82"):
        try:
            print("decode", errors, data, ascii(t.DecodeLocaleEx(data, 0, errors)))
        except (RuntimeError, ValueError) as e:
            print("decode", errors, data, type(e).__name__, e)
    for text in ("abc", "\xe9t\xe9", "\udcff", "\U0010ffff", "x\udc80y"):
        try:
            print("encode", errors, ascii(text), t.EncodeLocaleEx(text, 0, errors))
        except (RuntimeError, ValueError) as e:
            print("encode", errors, ascii(text), type(e).__name__, e)

# set_config validates its argument before anything else
for bad in (None, {}, dict(config, argv="x"), dict(config, verbose="1")):
    try:
        t.set_config(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
t.reset_path_config()
t.set_eval_frame_default()
print("done")
