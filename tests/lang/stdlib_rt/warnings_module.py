# _warnings driven by the warnings module: its filters, defaultaction and onceregistry are the
# ones _warnings reads; catch_warnings(record=True) goes through warnings._showwarnmsg.
import _warnings
import warnings

print(warnings.filters is _warnings.filters, warnings.defaultaction == _warnings._defaultaction)
print(warnings.onceregistry is _warnings._onceregistry)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    _warnings.warn("native call")
    warnings.warn("module call", RuntimeWarning)
    warnings.warn_explicit("explicit", UserWarning, "file.py", 7)
    for w in log:
        print(w.category.__name__, str(w.message), w.filename.endswith(".py"), w.lineno)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("ignore")
    warnings.filterwarnings("error", category=RuntimeWarning)
    warnings.warn("ignored")
    try:
        _warnings.warn("raised", RuntimeWarning)
    except RuntimeWarning as e:
        print("RuntimeWarning raised:", e)
    print(len(log))

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once please")
        _warnings.warn("once please")
    print(len(log), [str(w.message) for w in log])

with warnings.catch_warnings(record=True) as log:
    warnings.resetwarnings()
    warnings.defaultaction = "always"
    for i in range(2):
        warnings.warn("default action from module")
    print(len(log))

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("default")
    for i in range(3):
        warnings.warn("default dedup")
    print(len(log))

with warnings.catch_warnings():
    warnings.filters[:] = [("bogus", None, Warning, None, 0)]
    try:
        warnings.warn("x")
    except RuntimeError as e:
        print("RuntimeError", str(e).splitlines()[0])
print("done")
