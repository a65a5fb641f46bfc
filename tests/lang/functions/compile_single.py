# compile(..., "single") echoes expression statements through sys.displayhook (also constants
# and nested blocks), stores _ via the default hook, and reports a missing hook.
exec(compile('1 + 1', '<s>', 'single'))
exec(compile('x = 5\n', '<s>', 'single'))
exec(compile('x', '<s>', 'single'))
exec(compile('None', '<s>', 'single'))
exec(compile('if 1:\n  x * 2\n  "s"\n', '<s>', 'single'))
exec(compile('def f():\n  return 3\n', '<s>', 'single'))
exec(compile('f()', '<s>', 'single'))
exec(compile('[i for i in range(3)]', '<s>', 'single'))
print(_)
import sys
seen = []
sys.displayhook = seen.append
exec(compile('"via hook"', '<s>', 'single'))
exec(compile('(1, 2)', '<s>', 'single'))
print(seen)
del sys.displayhook
try:
    exec(compile('1', '<s>', 'single'))
except RuntimeError as e:
    print("RuntimeError:", e)
sys.displayhook = sys.__displayhook__
for bad in ['x = 1\ny = 2', '1 +']:
    try:
        compile(bad, '<s>', 'single')
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
