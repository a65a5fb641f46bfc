# follow_symlinks=False on a symlink: chmod (unsupported on Linux), chown, utime, access, link.
import os
b = "/tmp/pyrs_cm_%d" % os.getpid()
os.mkdir(b)
os.symlink("target", b + "/l")
open_fd = os.open(b + "/t", os.O_CREAT | os.O_WRONLY, 0o644); os.close(open_fd)
for f in (lambda: os.chmod(b + "/l", 0o700, follow_symlinks=False), lambda: os.chmod(b + "/t", 0o600, follow_symlinks=False), lambda: os.chown(b + "/l", -1, -1, follow_symlinks=False), lambda: os.utime(b + "/l", (1, 2), follow_symlinks=False), lambda: os.lstat(b + "/l").st_mtime, lambda: os.access(b + "/l", os.F_OK, follow_symlinks=False), lambda: os.access(b + "/l", os.F_OK), lambda: os.link(b + "/l", b + "/h", follow_symlinks=False), lambda: os.path.islink(b + "/h")):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).replace(b, "B"))
for n in ("l", "t", "h"):
    os.unlink(b + "/" + n)
os.rmdir(b)
