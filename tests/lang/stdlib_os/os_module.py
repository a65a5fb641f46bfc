# os on top of posix: makedirs/walk/fwalk/scandir, environ mapping, path helpers, stat module,
# file round trips through descriptors, tempfile, shutil.rmtree, exec helpers and errors.
import os
import stat
import shutil
import tempfile

BASE = "/tmp/pyrs_lang_os_module_%d" % os.getpid()  # per process: lang and aot runs overlap


def write_file(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, text.encode())
    os.close(fd)


def read_file(path):
    fd = os.open(path, os.O_RDONLY)
    data = os.read(fd, 10000)
    os.close(fd)
    return data.decode()


shutil.rmtree(BASE, ignore_errors=True)
os.makedirs(BASE + "/a/b/c")
os.makedirs(BASE + "/a/b/c", exist_ok=True)
try:
    os.makedirs(BASE + "/a/b")
except FileExistsError as e:
    print("makedirs exists", e.errno)
for i, rel in enumerate(["a/x.txt", "a/b/y.txt", "a/b/c/z.txt", "top.txt"]):
    write_file(os.path.join(BASE, rel), "line %d\n" % i * (i + 1))

for root, dirs, files in os.walk(BASE):
    dirs.sort()
    print("walk", os.path.relpath(root, BASE), dirs, sorted(files))
for root, dirs, files in os.walk(BASE, topdown=False):
    print("bottom-up", os.path.relpath(root, BASE))
for root, dirs, files, rootfd in os.fwalk(BASE):
    dirs.sort()
    print("fwalk", os.path.relpath(root, BASE), sorted(files), isinstance(rootfd, int))

st = os.stat(os.path.join(BASE, "top.txt"))
print("stat", st.st_size, stat.S_ISREG(st.st_mode), stat.filemode(st.st_mode)[0],
      stat.S_IMODE(st.st_mode) == st.st_mode & 0o7777)
print("isdir", os.path.isdir(BASE + "/a"), os.path.isfile(BASE + "/a"), os.path.exists(BASE + "/no"),
      os.path.getsize(BASE + "/a/b/y.txt"), os.path.islink(BASE))
os.symlink(BASE + "/top.txt", BASE + "/link")
print("link", os.path.islink(BASE + "/link"), os.path.realpath(BASE + "/link") == BASE + "/top.txt",
      os.readlink(BASE + "/link") == BASE + "/top.txt")
print("scandir", sorted((e.name, e.is_dir()) for e in os.scandir(BASE)))

os.environ["PYRS_OS_TEST"] = "abc"
print("environ", os.environ["PYRS_OS_TEST"], os.getenv("PYRS_OS_TEST"), os.environb[b"PYRS_OS_TEST"])
print("child sees", os.system("test \"$PYRS_OS_TEST\" = abc"))
del os.environ["PYRS_OS_TEST"]
print("deleted", os.getenv("PYRS_OS_TEST"), "PYRS_OS_TEST" in os.environ)
print("fsencode", os.fsencode("caf\xe9"), ascii(os.fsdecode(b"caf\xc3\xa9")), ascii(os.fsdecode(b"\xff")))

fd, path = tempfile.mkstemp(dir=BASE, prefix="tmp", suffix=".bin")
os.write(fd, b"\x00\x01\x02")
os.close(fd)
print("mkstemp", os.path.basename(path).startswith("tmp"), os.path.getsize(path),
      oct(stat.S_IMODE(os.stat(path).st_mode)))
with tempfile.TemporaryDirectory(dir=BASE) as d:
    print("tempdir", os.path.isdir(d))
print("tempdir gone", os.path.exists(d))
write_file(BASE + "/copy.txt", read_file(BASE + "/top.txt"))
print("copy", read_file(BASE + "/copy.txt") == read_file(BASE + "/top.txt"))
os.rename(BASE + "/copy.txt", BASE + "/moved.txt")
os.replace(BASE + "/moved.txt", BASE + "/top2.txt")
os.chmod(BASE + "/top2.txt", 0o640)
print("chmod", oct(os.stat(BASE + "/top2.txt").st_mode & 0o777))
os.utime(BASE + "/top2.txt", (100, 200))
print("utime", os.path.getmtime(BASE + "/top2.txt"), os.path.getatime(BASE + "/top2.txt"))
print("access", os.access(BASE + "/top2.txt", os.R_OK | os.W_OK), os.access("/nope", os.F_OK))

pid = os.fork()
if pid == 0:
    os._exit(4)
print("fork", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print("spawnv", os.spawnv(os.P_WAIT, "/bin/sh", ["sh", "-c", "exit 6"]))
print("system", os.system("exit 2") >> 8)
print("get_exec_path", isinstance(os.get_exec_path(), list))
print("misc", os.name, os.sep, os.curdir, os.pardir, os.linesep == "\n", os.devnull, os.SEEK_END)
print("supports", os.stat in os.supports_dir_fd, os.stat in os.supports_fd,
      os.stat in os.supports_follow_symlinks, os.listdir in os.supports_fd)
for func, args in [(os.remove, (BASE + "/nope",)), (os.rmdir, (BASE,)), (os.chdir, ("/nope",)),
                   (os.listdir, (BASE + "/top.txt",)), (os.mkdir, (BASE,))]:
    try:
        func(*args)
    except OSError as e:
        print(func.__name__, type(e).__name__, e.errno, e.strerror, os.path.relpath(e.filename, BASE))
shutil.rmtree(BASE)
print("removed", os.path.exists(BASE))

# sched_param and the scheduler calls; keyword-argument error precedence

print(os.sched_param(5), os.sched_param(sched_priority=3), os.sched_getparam(0), os.sched_rr_get_interval(0))
for f in (lambda: os.sched_param(), lambda: os.sched_param(1,2), lambda: os.sched_setparam(0, 5), lambda: os.sched_param('x'), lambda: os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0)), lambda: os.sched_setparam(0, os.sched_param('x')), lambda: os.sched_param.__module__, lambda: os.sched_param(foo=1)):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
for f in (lambda: os.stat(path="x", path2=1), lambda: os.stat("a", path="b", foo=1),
          lambda: os.stat(foo=1), lambda: os.stat("/", dir_fd=None, foo=2)):
    try:
        f()
    except TypeError as e:
        print("kw", e)
