# inheritance, method overriding, super() with and without arguments, MRO
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return super().speak() + " (woof)"


class Puppy(Dog):
    def speak(self):
        return super(Puppy, self).speak().upper()


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B" + super().who()


class C(A):
    def who(self):
        return "C" + super().who()


class D(B, C):
    def who(self):
        return "D" + super().who()


print(Dog("Rex", "lab").speak(), Puppy("Bit", "pug").speak())
print(D().who(), [k.__name__ for k in D.__mro__])
print(issubclass(Puppy, Animal), isinstance(Puppy("a", "b"), Dog))
