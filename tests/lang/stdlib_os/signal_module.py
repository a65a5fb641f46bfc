# _signal: handlers run for raise_signal/kill/alarm/setitimer, getsignal defaults, SIG_IGN,
# default_int_handler -> KeyboardInterrupt, masks, strsignal, valid_signals, set_wakeup_fd,
# and the argument errors.
import _signal
import posix
import time

print("defaults", _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler,
      _signal.getsignal(_signal.SIGPIPE), _signal.getsignal(_signal.SIGXFSZ),
      _signal.getsignal(_signal.SIGTERM), _signal.getsignal(_signal.SIGUSR1))
print("values", _signal.SIG_DFL, _signal.SIG_IGN, _signal.NSIG, _signal.SIGINT, _signal.SIGTERM,
      _signal.SIGRTMIN, _signal.SIGRTMAX, _signal.SIG_BLOCK, _signal.SIG_UNBLOCK, _signal.SIG_SETMASK)

seen = []


def handler(signum, frame):
    seen.append((signum, frame is not None))


print("old", _signal.signal(_signal.SIGUSR1, handler))
_signal.raise_signal(_signal.SIGUSR1)
print("raise_signal", seen)
posix.kill(posix.getpid(), _signal.SIGUSR1)
print("kill", seen)
print("getsignal", _signal.getsignal(_signal.SIGUSR1) is handler)

print("ignore", _signal.signal(_signal.SIGUSR2, _signal.SIG_IGN))
_signal.raise_signal(_signal.SIGUSR2)
print("ignored ok", _signal.getsignal(_signal.SIGUSR2))
_signal.signal(_signal.SIGUSR2, _signal.SIG_DFL)

try:
    _signal.raise_signal(_signal.SIGINT)
except KeyboardInterrupt as exc:
    print("KeyboardInterrupt", repr(exc))
try:
    _signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("default_int_handler raises")


class Stop(Exception):
    pass


def raiser(signum, frame):
    raise Stop("from handler %d" % signum)


_signal.signal(_signal.SIGALRM, raiser)
try:
    _signal.raise_signal(_signal.SIGALRM)
except Stop as exc:
    print("handler exception", exc)

_signal.signal(_signal.SIGALRM, handler)
seen.clear()
_signal.setitimer(_signal.ITIMER_REAL, 0.05)
print("getitimer armed", _signal.getitimer(_signal.ITIMER_REAL)[0] > 0)
time.sleep(0.3)
print("itimer fired during sleep", seen)
print("getitimer idle", _signal.getitimer(_signal.ITIMER_REAL))
seen.clear()
print("alarm", _signal.alarm(1), _signal.alarm(0))

old_mask = _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGUSR1])
print("old mask", sorted(old_mask))
_signal.raise_signal(_signal.SIGUSR1)
print("blocked", seen, sorted(_signal.sigpending()))
print("mask now", sorted(_signal.pthread_sigmask(_signal.SIG_UNBLOCK, [_signal.SIGUSR1])))
print("delivered after unblock", seen)
_signal.signal(_signal.SIGUSR1, _signal.SIG_DFL)
_signal.signal(_signal.SIGALRM, _signal.SIG_DFL)

print("strsignal", _signal.strsignal(_signal.SIGINT), _signal.strsignal(_signal.SIGKILL),
      _signal.strsignal(32), _signal.strsignal(_signal.SIGRTMIN))
vs = _signal.valid_signals()
print("valid", type(vs).__name__, len(vs), min(vs), max(vs), 32 in vs)

r, w = posix.pipe()
posix.set_blocking(w, False)
print("wakeup", _signal.set_wakeup_fd(w))
_signal.signal(_signal.SIGUSR1, handler)
_signal.raise_signal(_signal.SIGUSR1)
print("wakeup byte", posix.read(r, 10))
print("wakeup reset", _signal.set_wakeup_fd(-1) == w)
_signal.signal(_signal.SIGUSR1, _signal.SIG_DFL)
_signal.siginterrupt(_signal.SIGUSR1, True)


def show_error(what, func, *args):
    try:
        res = func(*args)
    except Exception as exc:
        print(what, type(exc).__name__, str(exc).replace("fd %d " % r, "fd R "))
    else:
        print(what, "->", res)


show_error("signal bad handler", _signal.signal, _signal.SIGUSR1, 5)
show_error("signal SIGKILL", _signal.signal, _signal.SIGKILL, _signal.SIG_IGN)
show_error("signal 0", _signal.signal, 0, _signal.SIG_IGN)
show_error("getsignal float", _signal.getsignal, 1.5)
show_error("getsignal 99", _signal.getsignal, 99)
show_error("strsignal 0", _signal.strsignal, 0)
show_error("strsignal str", _signal.strsignal, "x")
show_error("wakeup blocking", _signal.set_wakeup_fd, r)
show_error("setitimer bad", _signal.setitimer, 9, 1)
show_error("sigmask how", _signal.pthread_sigmask, 7, [])
show_error("sigmask range", _signal.pthread_sigmask, _signal.SIG_BLOCK, [0])
show_error("sigmask int", _signal.pthread_sigmask, _signal.SIG_BLOCK, 5)
show_error("siginterrupt 0", _signal.siginterrupt, 0, 1)
print("itimer_error", _signal.ItimerError.__name__, _signal.ItimerError.__mro__[1].__name__)
posix.close(r)
posix.close(w)
