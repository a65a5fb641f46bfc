# An uncaught exception raised while handling another: "During handling of the above
# exception, another exception occurred", three levels deep, with a frame in a method.
class Parser:
    def parse(self, text):
        try:
            return int(text)
        except ValueError:
            return self.fallback(text)

    def fallback(self, text):
        try:
            return float(text)
        except ValueError:
            raise TypeError(f"cannot parse {text!r}")


p = Parser()
print(p.parse("12"), p.parse("1.5"))
try:
    p.parse("x")
except TypeError as e:
    print("caught once:", e)
    raise RuntimeError("giving up")
