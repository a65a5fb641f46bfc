# posix: fork + waitpid exit codes and W* macros, pipes, dup/dup2, execv/execve errors,
# kill with signal handlers, register_at_fork, system, ids, times.
import posix
import _signal

r, w = posix.pipe()
print("pipe inheritable", posix.get_inheritable(r), posix.get_inheritable(w))
pid = posix.fork()
if pid == 0:
    posix.close(r)
    posix.write(w, b"from child")
    posix._exit(7)
posix.close(w)
data = posix.read(r, 100)
posix.close(r)
got, status = posix.waitpid(pid, 0)
print("child said", data, got == pid)
print("status", posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.WIFSIGNALED(status),
      posix.waitstatus_to_exitcode(status), posix.WIFSTOPPED(status), posix.WCOREDUMP(status))

pid = posix.fork()
if pid == 0:
    posix.kill(posix.getpid(), _signal.SIGKILL)
    posix._exit(0)
got, status = posix.waitpid(pid, 0)
print("killed", posix.WIFSIGNALED(status), posix.WTERMSIG(status), posix.waitstatus_to_exitcode(status))

pid = posix.fork()
if pid == 0:
    posix.execv("/bin/sh", ["sh", "-c", "exit 3"])
got, status = posix.wait()
print("execv", got == pid, posix.waitstatus_to_exitcode(status))

r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix.dup2(w, 1)
    posix.execve("/bin/sh", ["sh", "-c", "echo $GREETING"], {"GREETING": "hi there"})
posix.close(w)
print("execve output", posix.read(r, 100))
posix.close(r)
print("execve status", posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))

print("nohang", posix.waitpid(-1, posix.WNOHANG) if False else "skip")


def show_error(what, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except Exception as e:
        print(what, type(e).__name__, e)
    else:
        print(what, "no error")


show_error("waitpid nochild", posix.waitpid, -1, 0)
show_error("kill nosuch", posix.kill, 999999999, 0)
show_error("execv tuple", posix.execv, "/bin/true", 5)
show_error("execv empty", posix.execv, "/bin/true", [])
show_error("execv empty first", posix.execv, "/bin/true", [""])
show_error("execve env", posix.execve, "/bin/true", ["x"], 5)
show_error("execve empty", posix.execve, "/bin/true", [], {})
show_error("execve bad name", posix.execve, "/bin/true", ["a"], {"a=b": "c"})
show_error("execv missing", posix.execv, "/nonexistent/prog", ["x"])
show_error("status stopped", posix.waitstatus_to_exitcode, 0x7F)
show_error("status bad", posix.waitstatus_to_exitcode, -1)
show_error("at_fork none", posix.register_at_fork)
show_error("at_fork bad", posix.register_at_fork, before=1)
print("WEXITSTATUS kw", posix.WEXITSTATUS(status=256))

events = []
posix.register_at_fork(before=lambda: events.append("before1"),
                       after_in_parent=lambda: events.append("parent1"))
posix.register_at_fork(before=lambda: events.append("before2"),
                       after_in_parent=lambda: events.append("parent2"),
                       after_in_child=lambda: posix._exit(9))
pid = posix.fork()
if pid == 0:
    posix._exit(1)
print("fork hooks", events, posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))

fd2 = posix.dup(0)
print("dup", fd2 > 2, posix.get_inheritable(fd2))
posix.set_inheritable(fd2, True)
print("set_inheritable", posix.get_inheritable(fd2))
posix.close(fd2)
r, w = posix.pipe()
print("blocking", posix.get_blocking(r))
posix.set_blocking(r, False)
print("nonblocking", posix.get_blocking(r))
show_error("read empty nonblocking", posix.read, r, 10)
print("dup2", posix.dup2(w, 50), posix.get_inheritable(50), posix.dup2(w, 51, inheritable=False),
      posix.get_inheritable(51))
posix.write(50, b"abc")
print("via dup2", posix.read(r, 10))
for fd in (r, w, 50, 51):
    posix.close(fd)
posix.closerange(50, 52)
print("isatty", posix.isatty(r))

got = []


def handler(signum, frame):
    got.append(signum)


old = _signal.signal(_signal.SIGUSR1, handler)
print("old handler", old)
posix.kill(posix.getpid(), _signal.SIGUSR1)
print("handled", got, _signal.getsignal(_signal.SIGUSR1) is handler)
_signal.signal(_signal.SIGUSR1, _signal.SIG_DFL)

print("system", posix.system("exit 5") >> 8, posix.system(b"true"))
print("ids", posix.getpid() > 0, posix.getppid() > 0, posix.getuid() == posix.geteuid(),
      posix.getgid() == posix.getegid(), isinstance(posix.getgroups(), list),
      posix.getpgrp() > 0)
t = posix.times()
print("times", type(t).__name__, len(t), t.elapsed == t[4], all(isinstance(x, float) for x in t))

pid = posix.fork()
if pid == 0:
    posix._exit(3)
got, status, ru = posix.wait4(pid, 0)
print("wait4", got == pid, posix.WEXITSTATUS(status), type(ru).__name__, isinstance(ru.ru_utime, float))
pid = posix.fork()
if pid == 0:
    posix._exit(5)
got, status, ru = posix.wait3(0)
print("wait3", got == pid, posix.WEXITSTATUS(status), len(ru))
pid = posix.fork()
if pid == 0:
    posix._exit(6)
res = posix.waitid(posix.P_PID, pid, posix.WEXITED)
print("waitid", type(res).__name__, res.si_pid == pid, res.si_status, res.si_code == posix.CLD_EXITED)
print("waitid none", posix.waitid(posix.P_ALL, 0, posix.WEXITED | posix.WNOHANG) if False else "skip")

r, w = posix.pipe()
print("writev", posix.writev(w, [b"ab", bytearray(b"cd"), memoryview(b"ef")]))
bufs = [bytearray(3), bytearray(3)]
print("readv", posix.readv(r, bufs), bufs)
posix.close(r)
posix.close(w)
print("devices", posix.major(posix.makedev(8, 17)), posix.minor(posix.makedev(8, 17)))
sv = posix.statvfs("/")
print("statvfs", type(sv).__name__, len(sv), sv.f_bsize > 0, sv[0] == sv.f_bsize)
print("resids", posix.getresuid()[0] == posix.getuid(), posix.getresgid()[1] == posix.getegid())
print("priority", isinstance(posix.getpriority(posix.PRIO_PROCESS, 0), int))
mask = _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGUSR2])
_signal.raise_signal(_signal.SIGUSR2)
info = _signal.sigwaitinfo([_signal.SIGUSR2])
print("sigwaitinfo", type(info).__name__, info.si_signo, info.si_pid == posix.getpid())
_signal.raise_signal(_signal.SIGUSR2)
print("sigtimedwait", _signal.sigtimedwait([_signal.SIGUSR2], 1).si_signo,
      _signal.sigtimedwait([_signal.SIGUSR2], 0.01))
_signal.pthread_sigmask(_signal.SIG_SETMASK, mask)
