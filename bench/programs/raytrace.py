# group: numeric
# A tiny ray tracer: spheres, vectors as classes, diffuse shading; prints an image checksum.
import math


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return self.scale(1.0 / math.sqrt(self.dot(self)))


class Sphere:
    def __init__(self, center, radius, shade):
        self.center, self.radius, self.shade = center, radius, shade

    def hit(self, origin, direction):
        oc = origin - self.center
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        t = -b - math.sqrt(disc)
        return t if t > 1e-6 else None


def render(width, height):
    scene = [Sphere(Vec(0, -1, 3), 1, 0.9), Sphere(Vec(2, 0, 4), 1, 0.6),
             Sphere(Vec(-2, 0, 4), 1, 0.3), Sphere(Vec(0, -5001, 0), 5000, 0.5)]
    light = Vec(1, 1, -1).norm()
    eye = Vec(0, 0, 0)
    checksum = 0
    for j in range(height):
        for i in range(width):
            d = Vec((i - width / 2) / width, (height / 2 - j) / height, 1).norm()
            best, nearest = None, 1e30
            for s in scene:
                t = s.hit(eye, d)
                if t is not None and t < nearest:
                    best, nearest = s, t
            if best is None:
                continue
            p = eye + d.scale(nearest)
            n = (p - best.center).norm()
            checksum += int(255 * best.shade * max(0.0, n.dot(light)))
    return checksum


print(render(400, 300))
