# an uncaught exception prints the traceback and exits with status 1
def fail():
    raise RuntimeError("boom")


print("before")
fail()
