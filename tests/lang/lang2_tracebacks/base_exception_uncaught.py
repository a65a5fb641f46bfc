# An uncaught BaseException subclass (not an Exception): traceback through a while loop and a
# staticmethod, the qualified class name in the last line, exit status 1.
class Abort(BaseException):
    pass


class Worker:
    @staticmethod
    def step(i):
        if i == 2:
            raise Abort(f"aborted at step {i}")
        return i * i


i = 0
while True:
    try:
        print("step", i, Worker.step(i))
    except Exception:
        print("not reached: Abort is not an Exception")
    i += 1
