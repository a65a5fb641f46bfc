# Traceback markers for a failing subscript: ~ under the container, ^ under [key].
config = {"name": "pyrs"}


def lookup(d, key):
    value = d[key]
    return value


print(lookup(config, "name"))
print(lookup(config, "version"))
