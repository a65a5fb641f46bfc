print("load", __name__)


def cents(n):
    return n / 100
