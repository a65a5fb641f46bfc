# group: objects
# Instance attribute reads and writes, properties and class attributes.
class Account:
    rate = 3

    def __init__(self):
        self.balance = 0
        self._limit = 100

    @property
    def limit(self):
        return self._limit


def run(n):
    acc = Account()
    total = 0
    for i in range(n):
        acc.balance = acc.balance + i % 10
        total += acc.limit + Account.rate
    return total + acc.balance


print(run(6_000_000))
