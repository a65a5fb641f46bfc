# Running code from zip archives: runpy.run_path of an archive with __main__.py, run_module of
# a module inside one, a bytecode-only module, tracebacks and inspect reading source from the
# archive, a sub-directory of an archive as a path entry, and a file that is not a zip.
import importlib
import importlib.util
import inspect
import marshal
import os
import runpy
import sys
import tempfile
import traceback
import zipfile
import zipimport

tmp = tempfile.mkdtemp()


def rel(text):
    return text.replace(tmp, "<tmp>")


def make_zip(name, files):
    path = os.path.join(tmp, name)
    with zipfile.ZipFile(path, "w") as z:
        for arcname, data in files.items():
            z.writestr(arcname, data)
    return path


def pyc(source, filename):
    code = compile(source, filename, "exec")
    return importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code)


app = make_zip("app.zip", {
    "__main__.py": "import sys\nimport helper\nprint('main of app:', __name__, helper.greet())\n",
    "helper.py": "def greet():\n    return 'hello from helper'\n",
    "tool.py": "print('tool runs as', __name__)\nRESULT = 7\n",
    "compiled.pyc": pyc("WHO = 'bytecode only'\n", "compiled.py"),
    "boom.py": "def fail(x):\n    return 1 / x\n",
    "lib/deep.py": "DEPTH = 'inside lib/'\n",
})
print("hook first:", sys.path_hooks[0] is zipimport.zipimporter)

ns = runpy.run_path(app, run_name="__main__")
print("run_path globals:", ns["__name__"], sorted(k for k in ns if not k.startswith("__")))
sys.modules.pop("helper", None)

sys.path.insert(0, app)
ns = runpy.run_module("tool", run_name="tool_main")
print("run_module:", ns["RESULT"], ns["__name__"])

import compiled

print("pyc:", compiled.WHO, type(compiled.__loader__).__name__, rel(compiled.__file__))

import boom

try:
    boom.fail(0)
except ZeroDivisionError:
    frames = traceback.extract_tb(sys.exc_info()[2])
    last = frames[-1]
    print("traceback:", rel(last.filename), last.lineno, last.name, repr(last.line))
print("getsource:", repr(inspect.getsource(boom.fail)))

sys.path.insert(0, os.path.join(app, "lib"))
import deep

print("prefix entry:", deep.DEPTH, rel(deep.__file__))
print("prefix finder:", repr(sys.path_importer_cache[os.path.join(app, "lib")].prefix))

notzip = os.path.join(tmp, "notzip.zip")
with open(notzip, "w") as f:
    f.write("just text\n")
sys.path.insert(0, notzip)
try:
    import nowhere_at_all
except ImportError as e:
    print(type(e).__name__, e)
print("not a zip cached as:", sys.path_importer_cache.get(notzip, "absent"))
try:
    zipimport.zipimporter(notzip)
except zipimport.ZipImportError as e:
    print("ZipImportError:", rel(str(e)))

for path in (notzip, app):
    os.remove(path)
os.rmdir(tmp)
