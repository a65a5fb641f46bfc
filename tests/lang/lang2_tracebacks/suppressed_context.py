# raise ... from None hides the context; an exception with a custom __str__ and a multi-line
# message; the traceback goes through a lambda, a comprehension and a nested function.
class ConfigError(Exception):
    def __init__(self, key, problems):
        super().__init__(key)
        self.key = key
        self.problems = problems

    def __str__(self):
        lines = [f"invalid key {self.key!r}:"] + [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def check(cfg):
    def validate(k):
        try:
            return cfg[k]
        except KeyError:
            raise ConfigError(k, ["missing", "required by loader"]) from None
    return [validate(k) for k in ("host", "port")]


get = lambda cfg: check(cfg)
print(get({"host": "h", "port": 1}))
get({"host": "h"})
