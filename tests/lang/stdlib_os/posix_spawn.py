# os.posix_spawn/posix_spawnp: argument errors, file actions, signals, process group, session,
# scheduler; subprocess's posix_spawn path (close_fds=False).
import os
print(os.POSIX_SPAWN_OPEN, os.POSIX_SPAWN_CLOSE, os.POSIX_SPAWN_DUP2)
for f in (lambda: os.posix_spawn('/bin/true', 5, {}), lambda: os.posix_spawn('/bin/true', [], {}), lambda: os.posix_spawn('/bin/true', ['x'], 5), lambda: os.posix_spawn('/bin/true', ['x'], {}, file_actions=[()]), lambda: os.posix_spawn('/bin/true', ['x'], {}, file_actions=[(9,)]), lambda: os.posix_spawn('/bin/true', ['x'], {}, file_actions=[(0, 1)]), lambda: os.posix_spawn('/bin/true', ['x'], {}, file_actions=5), lambda: os.posix_spawn('/nonexist', ['x'], {}), lambda: os.posix_spawnp('nonexist_prog', ['x'], {}), lambda: os.posix_spawn('/bin/true', [''], {}), lambda: os.posix_spawn('/bin/true', ['x'], {}, setsigmask=[0]), lambda: os.posix_spawn('/bin/true', ['x'], {}, setpgroup='x'), lambda: os.posix_spawn('/bin/true', ['x']), lambda: os.posix_spawn('/bin/true', ['x'], {}, foo=1)):
    try:
        print("ok" if isinstance(f(), int) else "?")
    except Exception as e:
        print(type(e).__name__, e)
r, w = os.pipe()
path = "/tmp/pyrs_spawn_%d" % os.getpid()
pid = os.posix_spawn("/bin/sh", ["sh", "-c", "echo $V; echo err >&2; cat"], {"V": "val"},
                     file_actions=[(os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_CLOSE, r),
                                   (os.POSIX_SPAWN_OPEN, 2, path, os.O_WRONLY | os.O_CREAT, 0o600),
                                   (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0)],
                     setsigdef=[2], setsigmask=[], setpgroup=0, resetids=True)
os.close(w)
print(os.read(r, 100), os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
fd = os.open(path, os.O_RDONLY)
print(os.read(fd, 100))
os.close(fd)
os.unlink(path)
pid = os.posix_spawnp("sh", ["sh", "-c", "exit 7"], os.environ, setsid=True)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.posix_spawn("/bin/true", ["true"], {}, scheduler=(os.SCHED_OTHER, os.sched_param(0)))
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
import subprocess
r = subprocess.run(["/bin/echo", "spawned"], close_fds=False, capture_output=True)
print("subprocess", subprocess._USE_POSIX_SPAWN, r.returncode, r.stdout)
r = subprocess.run(["/bin/sh", "-c", "exit 4"], close_fds=False, restore_signals=True)
print("subprocess rc", r.returncode)
try:
    subprocess.run(["/nonexistent/prog"], close_fds=False)
except FileNotFoundError as e:
    print("subprocess missing", e)
