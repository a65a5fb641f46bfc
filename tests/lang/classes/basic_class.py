# classes: __init__, methods, class attributes, instance dicts, repr/str
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __str__(self):
        return f"({self.x}, {self.y})"


p = Point(3, 4)
print(p.norm2(), p.dims, Point.dims, repr(p), str(p), p)
p.z = 5
print(sorted(vars(p).items()) if False else p.z, hasattr(p, "z"), getattr(p, "w", "none"))
print(type(p).__name__, isinstance(p, Point), Point.__qualname__)
