# group: objects
# Virtual method calls through a class hierarchy.
class Shape:
    def area(self):
        return 0

    def describe(self):
        return self.area() + 1


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Rect(Shape):
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


def run(n):
    shapes = [Square(3), Rect(2, 5), Shape(), Square(1)]
    total = 0
    for i in range(n):
        total += shapes[i & 3].describe()
    return total


print(run(6_000_000))
