# milestone 3: classes with inheritance, super(), properties and a metaclass
class Registry(type):
    classes = []

    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        Registry.classes.append(name)
        return cls


class Base(metaclass=Registry):
    def __init__(self, v):
        self._v = v

    @property
    def value(self):
        return self._v


class Child(Base):
    def __init__(self, v):
        super().__init__(v * 2)


print(Child(21).value, Registry.classes, type(Child).__name__)
