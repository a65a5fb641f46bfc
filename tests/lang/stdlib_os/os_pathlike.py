# os.PathLike everywhere a path is taken (argv, env names, cwd, putenv, system, xattr names)
# and OSError.filename being the os.fspath() result, as CPython's path_t reports it.
import os, pathlib, subprocess
P = pathlib.Path
for f in (lambda: os.putenv(P('PYRS_X'), 'y'), lambda: os.unsetenv(P('PYRS_X')), lambda: os.system(P('true')), lambda: os.execv('/bin/true', [P('x'), 5]), lambda: subprocess.run([P('/bin/echo'), P('hi')], capture_output=True).stdout, lambda: subprocess.run(['pwd'], cwd=P('/usr'), capture_output=True).stdout, lambda: os.spawnv(os.P_WAIT, P('/bin/true'), [P('true')]), lambda: os.setxattr(P('/nonexist'), P('user.x'), b'')):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for f in (lambda: os.stat(P('/nonexist')), lambda: os.listdir(P('/nonexist')),
          lambda: os.rename(P('/nonexist'), P('/x2')), lambda: os.open(P('/nonexist'), 0),
          lambda: os.stat(b'/nonexist'), lambda: os.scandir(P('/nonexist'))):
    try:
        f()
    except OSError as e:
        print(type(e).__name__, repr(e.filename), repr(e.filename2))
