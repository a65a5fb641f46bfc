def f(self self, x):
    pass
