#!/usr/bin/python3.11
"""Compares `pyrs` with the oracle on CPython's command-line options, live: each case runs
both interpreters with the same arguments, environment and stdin and compares exit status,
stdout and stderr (for usage errors only stderr's first line: the help text differs).
Usage: check_options.py ORACLE PYRS   (exit 0 when every case matches)"""
import os
import subprocess
import sys
import tempfile

SHOW = ("import sys, builtins; f = sys.flags; "
        "print([getattr(f, n) for n in ('debug', 'inspect', 'interactive', 'optimize', "
        "'dont_write_bytecode', 'no_user_site', 'no_site', 'ignore_environment', 'verbose', "
        "'bytes_warning', 'quiet', 'hash_randomization', 'isolated', 'dev_mode', 'utf8_mode', "
        "'warn_default_encoding', 'safe_path', 'int_max_str_digits')]); "
        "print(sys.warnoptions, sorted(sys._xoptions.items()), sys.dont_write_bytecode); "
        "print(__debug__, hasattr(builtins, 'exit'), sys.path[0] == '', sys.argv)")

# -X importtime and PYTHONPROFILEIMPORTTIME (times vary, so the child's stderr is reduced to
# the header and the nesting of a package's modules, which lists imports before importers)
IMPORTTIME = (
    "import os, subprocess, sys\n"
    "pkg = os.path.join(sys.argv[1], 'timedpkg')\n"
    "os.makedirs(pkg, exist_ok=True)\n"
    "for name, text in (('__init__', 'from . import outer'), ('outer', 'from . import inner, leaf'),\n"
    "                   ('inner', 'from . import leaf'), ('leaf', 'VALUE = 1')):\n"
    "    open(os.path.join(pkg, name + '.py'), 'w').write(text + '\\n')\n"
    "for opts, extra in ((['-X', 'importtime'], {}), ([], {'PYTHONPROFILEIMPORTTIME': '1'}),\n"
    "                    (['-E'], {'PYTHONPROFILEIMPORTTIME': '1'})):\n"
    "    code = f'import sys; sys.path.insert(0, {sys.argv[1]!r}); import timedpkg'\n"
    "    res = subprocess.run([sys.executable, *opts, '-c', code], env=dict(os.environ, **extra),\n"
    "                         capture_output=True, text=True)\n"
    "    lines = res.stderr.splitlines()\n"
    "    print(opts, extra, res.returncode, lines[:1])\n"
    "    for line in lines:\n"
    "        if line.startswith('import time:') and 'timedpkg' in line:\n"
    "            own, cum, name = line[len('import time:'):].split('|')\n"
    "            print(repr(name.rstrip()), int(own) <= int(cum))\n")

# what __main__ holds for a script (run by a relative and an absolute name), -c and stdin
MAIN_ATTRS = ("import sys\nm = sys.modules['__main__']\n"
              "print(sorted(k for k in vars(m) if k.startswith('__')))\n"
              "print(__loader__.__name__ if isinstance(__loader__, type) else type(__loader__).__name__,\n"
              "      getattr(m, '__file__', '-'), getattr(m, '__cached__', '-'), __spec__)\n"
              "def f():\n    raise ValueError('in f')\nf()\n")


def cases(tmp):
    script = os.path.join(tmp, "prog.py")
    with open(script, "w") as f:
        f.write("this line is not Python\nimport sys\nprint('ran', sys.argv[1:])\n")
    with open(os.path.join(tmp, "attrs.py"), "w") as f:
        f.write(MAIN_ATTRS)
    yield ["attrs.py"], {}, None
    yield [os.path.join(tmp, "attrs.py")], {}, None
    yield ["-c", MAIN_ATTRS], {}, None
    yield ["-"], {}, MAIN_ATTRS.encode()
    yield ["missing.py"], {}, None
    # warnings raised from C (a file closed by its finalizer) see the -W / -X dev filters
    with open(os.path.join(tmp, "unclosed.py"), "w") as f:
        f.write("import sys\ndef g():\n    f = open(__file__)\ng()\nr = open(__file__, 'rb')\n"
                "del r\nsys.stdout.flush()\nprint('end', file=sys.stderr)\n")
    for opts in (["-W", "always"], ["-X", "dev"], ["-W", "error"], []):
        yield opts + ["unclosed.py"], {}, None
    yield ["unclosed.py"], {"PYTHONWARNINGS": "always::ResourceWarning"}, None
    asserts = os.path.join(tmp, "asserts.py")
    with open(asserts, "w") as f:
        f.write('"""doc"""\ndef g():\n    "gdoc"\nprint(__doc__, g.__doc__, __debug__)\n'
                "try:\n    assert False, 'boom'\nexcept AssertionError as e:\n"
                "    print('assert', e)\nelse:\n    print('no assert')\n"
                "if __debug__:\n    print('debug branch')\n"
                "c = compile('assert 0', 's', 'exec', optimize=1)\nexec(c)\nprint('optimize=1 ok')\n"
                "c = compile('assert 0', 's', 'exec', optimize=0)\n"
                "try:\n    exec(c)\nexcept AssertionError:\n    print('optimize=0 asserts')\n")
    env_py = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONWARNINGS": "ignore::UserWarning",
              "PYTHONHASHSEED": "0", "PYTHONINTMAXSTRDIGITS": "5000"}
    yield ["-c", SHOW, "a", "b"], {}, None
    yield ["-c", SHOW], env_py, None
    for opts in (["-E"], ["-I"], ["-s"], ["-S"], ["-B"], ["-O"], ["-OO"], ["-q"], ["-b"],
                 ["-bb"], ["-d"], ["-u"], ["-P"], ["-Es"], ["-EsSB"], ["-R"],
                 ["-W", "error"], ["-Wignore::DeprecationWarning", "-W", "default"],
                 ["-X", "dev"], ["-Xutf8"], ["-X", "int_max_str_digits=1000"],
                 ["-X", "a=b", "-Xc"], ["-X", "warn_default_encoding"]):
        yield opts + ["-c", SHOW, "x"], env_py, None
    yield ["-E", "-c", SHOW], env_py, None
    yield ["-I", "-c", SHOW], env_py, None
    yield ["-V"], {}, None
    yield ["--version"], {}, None
    yield ["-x", script, "1", "2"], {}, None
    yield ["--", script.replace("prog", "missing")], {}, None
    yield [asserts], {}, None
    yield ["-O", asserts], {}, None
    yield ["-OO", asserts], {}, None
    yield ["-u", "-c", "import sys; sys.stdout.write('a'); sys.stderr.write('b'); print('c')"], {}, None
    yield ["-", "a"], {}, b"import sys\nprint(sys.argv)\n"
    yield ["-i", "-c", "x = 5"], {}, b"print(x * 2)\nfor i in range(2):\n    print(i)\n\n1/0\n"
    yield ["-i", "-c", "raise SystemExit(3)"], {}, b"print('after')\nraise SystemExit(4)\n"
    yield ["-m", "json.tool", "--sort-keys"], {}, b'{"b": 1, "a": [true]}'
    yield ["-c", IMPORTTIME, tmp], {}, None
    yield ["-c"], {}, "usage"
    yield ["-Z", "-c", "pass"], {}, "usage"
    yield ["--frobnicate"], {}, "usage"
    yield ["-W"], {}, "usage"


def run(exe, args, env_extra, stdin, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(env_extra)
    data = stdin if isinstance(stdin, bytes) else b""
    p = subprocess.run([exe] + args, input=data, capture_output=True, env=env, timeout=60,
                       cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def main():
    oracle, pyrs = sys.argv[1], sys.argv[2]
    failed = 0
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for args, env, stdin in cases(tmp):
            n += 1
            want = run(oracle, args, env, stdin, tmp)
            got = run(pyrs, args, env, stdin, tmp)
            # the program name starts error messages (`python3.11: can't open file ...`)
            want_err = want[2].replace(os.fsencode(oracle), b"EXE")
            got_err = got[2].replace(os.fsencode(pyrs), b"EXE")
            if stdin == "usage":
                want_err = want_err.split(b"\n")[0]
                got_err = got_err.split(b"\n")[0]
            if (want[0], want[1], want_err) != (got[0], got[1], got_err):
                failed += 1
                print(f"MISMATCH {args} env={env}")
                print(f"  oracle: {want[0]} {want[1]!r} {want_err!r}")
                print(f"  pyrs:   {got[0]} {got[1]!r} {got_err!r}")
    print(f"{n - failed}/{n} option cases match")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
