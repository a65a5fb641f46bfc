# group: objects
# Instantiating classes with __init__, inheritance and __slots__.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


def run(n):
    total = 0
    for i in range(n):
        p = Point(i, i + 1)
        q = Point3(i, 2, 3)
        s = Slotted(i, 1)
        total += p.x + q.z + s.a
    return total


print(run(1_600_000))
