# custom exception classes, raise from, re-raise, context
class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code


def risky(n):
    if n > 2:
        raise AppError(n)
    return n


for n in range(5):
    try:
        print(risky(n))
    except AppError as e:
        print("AppError", e.code, e, e.args)
try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise ValueError("outer") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("re-raised:", e)
