# Traceback markers for attribute errors and calls inside a longer line.
class Point:
    def __init__(self, x):
        self.x = x


p = Point(3)
print(p.x, p.y)
