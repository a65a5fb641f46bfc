# _thread: locks (acquire with blocking/timeout, release, locked, context manager, errors),
# RLock (recursion, ownership, _release_save/_acquire_restore), identity functions,
# stack_size, _local, _ExceptHookArgs/_excepthook, and constants.
import _thread


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


lock = _thread.allocate_lock()
print(type(lock) is _thread.LockType, _thread.LockType.__name__, repr(lock).split(" object")[0])
print(lock.locked(), lock.acquire(), lock.locked())
print(repr(lock).split(" object")[0])
print(lock.acquire(False), lock.acquire(blocking=False), lock.acquire(timeout=0.01))
print(lock.acquire(True, 0.02))
lock.release()
print(lock.locked())
show(lambda: lock.release())
show(lambda: lock.acquire(False, 1))
show(lambda: lock.acquire(timeout=-5))
show(lambda: lock.acquire(timeout=1e20))
show(lambda: lock.acquire(timeout=1e10))
show(lambda: lock.acquire(foo=1))
show(lambda: lock.acquire(1, 2, 3))
with lock:
    print("inside", lock.locked())
print("after", lock.locked())
print(lock.acquire_lock(), lock.locked_lock(), lock.release_lock(), lock.locked())
print(type(_thread.allocate()) is _thread.LockType)
show(lambda: _thread.LockType())

r = _thread.RLock()
print(repr(r).split(" object")[0], r._is_owned())
print(r.acquire(), r.acquire(), r._is_owned())
print(repr(r).split(" owner")[0], "count=2" in repr(r))
state = r._release_save()
print(state[0], state[1] == _thread.get_ident(), r._is_owned())
r._acquire_restore(state)
print(r._is_owned(), "count=2" in repr(r))
r.release()
r.release()
show(lambda: r.release())
show(lambda: r._release_save())
with r:
    with r:
        print("rlock nested", "count=2" in repr(r))
print(r._is_owned(), r.acquire(blocking=False), r.acquire(timeout=0))
r.release()
r.release()


class MyRLock(_thread.RLock):
    pass


print(MyRLock().acquire())

print(isinstance(_thread.get_ident(), int), _thread.get_ident() == _thread.get_ident())
print(isinstance(_thread.get_native_id(), int), _thread._count())
print(_thread.TIMEOUT_MAX, _thread.error is RuntimeError)
print(_thread.stack_size())
show(lambda: _thread.stack_size(100))
show(lambda: _thread.stack_size(-1))
print(_thread.stack_size(0))
sentinel = _thread._set_sentinel()
print(type(sentinel) is _thread.LockType, sentinel.locked())
show(lambda: _thread.start_new_thread(1, ()))
show(lambda: _thread.start_new_thread(print, []))
show(lambda: _thread.start_new_thread(print, (), 1))
try:
    _thread.exit()
except SystemExit as e:
    print("SystemExit", e.args)
show(lambda: _thread.interrupt_main(100000))

loc = _thread._local()
loc.x = 1
print(loc.x, loc.__dict__)
show(lambda: loc.y)
del loc.x
print(loc.__dict__)
show(lambda: _thread._local(1))


class MyLocal(_thread._local):
    def __init__(self, v):
        self.v = v


ml = MyLocal(7)
print(ml.v, type(ml).__mro__[1].__name__)

args = _thread._ExceptHookArgs((ValueError, ValueError("x"), None, None))
print(args.exc_type, args.exc_value, args.exc_traceback, args.thread, len(args))
print(_thread._excepthook(_thread._ExceptHookArgs((SystemExit, SystemExit(), None, None))))
show(lambda: _thread._excepthook(1))


class FakeThread:
    name = "worker-1"


import sys
sys.stdout.flush()
_thread._excepthook(_thread._ExceptHookArgs((ValueError, ValueError("bad value"), None, FakeThread())))
sys.stderr.flush()
print("done")
