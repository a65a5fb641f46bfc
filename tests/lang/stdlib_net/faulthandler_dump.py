# faulthandler: enable/disable state, dump_traceback to a file (one thread and the thread
# header form), dump_traceback_later's watchdog, register on a user signal, a fatal signal
# in a child process, and the argument errors.
import faulthandler
import os
import re
import resource
import signal
import tempfile
import time


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


def masked(text):
    # thread ids vary; the script path may or may not be absolute
    text = re.sub(r'File "[^"]*/([^/"]+)"', r'File "\1"', text)
    return re.sub(r"0x[0-9a-f]{16}", "0xTHREAD", text)


def capture(action):
    with tempfile.TemporaryFile("w+") as f:
        action(f)
        f.seek(0)
        return masked(f.read())


def inner(f, all_threads):
    faulthandler.dump_traceback(f, all_threads=all_threads)


def outer(f, all_threads=False):
    inner(f, all_threads)


print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
faulthandler.enable(all_threads=False)
print(faulthandler.disable(), faulthandler.disable(), faulthandler.is_enabled())
print(capture(outer), end="")
print(capture(lambda f: outer(f, True)), end="")
print(capture(lambda f: faulthandler.dump_traceback(f.fileno(), False)), end="")


def later(f):
    faulthandler.dump_traceback_later(0.05, file=f)
    time.sleep(0.5)
    faulthandler.cancel_dump_traceback_later()


print(capture(later), end="")


def cancelled(f):
    faulthandler.dump_traceback_later(5, file=f)
    faulthandler.cancel_dump_traceback_later()
    faulthandler.cancel_dump_traceback_later()


print(repr(capture(cancelled)))


def on_signal(f):
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)
    print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))


print(capture(on_signal), end="")

t(faulthandler.enable, file=-1)
t(faulthandler.enable, file="x")
t(faulthandler.enable, 1, 2, 3)
t(faulthandler.dump_traceback_later, 0)
t(faulthandler.dump_traceback_later, -1)
t(faulthandler.dump_traceback_later, "x")
t(faulthandler.register, signal.SIGSEGV)
t(faulthandler.register, 0)
t(faulthandler.register, 100)
t(faulthandler.unregister, signal.SIGUSR2)
t(faulthandler.unregister, 0)


class BadFile:
    def fileno(self):
        return "x"

    def flush(self):
        pass


t(faulthandler.dump_traceback, BadFile())
print(sorted(n for n in dir(faulthandler) if not n.startswith("_")))



def crash():
    # SIGABRT rather than SIGSEGV: sanitizer builds keep their own SIGSEGV handler
    faulthandler._sigabrt()


def in_child(body):
    # a forked child writes to a pipe; works the same under pyrs and pyrsc-built programs
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        body(w)
        os._exit(0)
    os.close(w)
    chunks = []
    while True:
        data = os.read(r, 4096)
        if not data:
            break
        chunks.append(data)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        print("signal", os.WTERMSIG(status))
    else:
        print("exit", os.WEXITSTATUS(status))
    print(masked(b"".join(chunks).decode()), end="")


def fatal_child(w):
    faulthandler.enable(file=w)
    crash()


def watchdog_child(w):
    faulthandler.dump_traceback_later(0.05, exit=True, file=w)
    time.sleep(5)


in_child(fatal_child)
in_child(watchdog_child)
