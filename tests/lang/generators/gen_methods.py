# Generator methods using super(), nonlocal state in nested generators, generator lambdas.
class A:
    def items(self):
        yield "A"


class B(A):
    def items(self):
        yield "B"
        yield from super().items()


print(list(B().items()))


def outer():
    x = 10

    def gen():
        nonlocal x
        while x < 13:
            x += 1
            yield x

    return list(gen()), x


print(outer())
print([(lambda: (yield 1))().__next__()])
