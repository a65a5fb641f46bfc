class A:
    def __getattr__(self, n):
        return n * 2
print(A().xy)
