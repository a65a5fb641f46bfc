# logging: loggers, levels, handlers, formatters, filters, exceptions, hierarchy, LoggerAdapter.
import io
import logging

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)-8s %(name)s: %(message)s"))
root = logging.getLogger()
root.addHandler(handler)
root.setLevel(logging.WARNING)

app = logging.getLogger("app")
db = logging.getLogger("app.db")
print(db.parent is app, app.parent is root, db.getEffectiveLevel())
app.setLevel(logging.DEBUG)
db.debug("query %s took %d ms", "SELECT 1", 12)
db.info("connected")
app.warning("disk at %.1f%%", 93.456)
root.info("not shown")
root.error("shown")


class OnlyEven(logging.Filter):
    def filter(self, record):
        return record.getMessage().endswith(("0", "2", "4", "6", "8"))


f = OnlyEven()
app.addFilter(f)
for i in range(5):
    app.error("item %d", i)
app.removeFilter(f)
try:
    {}["missing"]
except KeyError:
    app.exception("lookup failed")
adapter = logging.LoggerAdapter(app, {"user": "ann"})
adapter.warning("adapted")
db.propagate = False
db.critical("dropped: no handler of its own")
print(logging.getLevelName(logging.ERROR), logging.getLevelName(25), logging.getLevelName("INFO"))
lines = stream.getvalue().splitlines()
for line in lines:
    if line.startswith("Traceback") or line.startswith("  "):
        continue
    print(line)
print(len(lines) > 10)
logging.disable(logging.CRITICAL)
app.critical("disabled")
logging.disable(logging.NOTSET)
print(stream.getvalue().count("disabled"))
