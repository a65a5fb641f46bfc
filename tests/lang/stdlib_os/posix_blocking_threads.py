# Blocking posix calls let other threads run while they wait (the GIL is released around the
# system call): sendfile/writev/splice into a full pipe, readv from an empty pipe, each
# unblocked by another Python thread, plus pwrite/pread/posix_fallocate/copy_file_range on
# a regular file for their results.
import os
import tempfile
import threading

tmp = tempfile.mkdtemp()
src_path = os.path.join(tmp, "src")
data = bytes(range(256)) * 1200  # 307200 bytes, more than a pipe holds
with open(src_path, "wb") as f:
    f.write(data)


def drain(fd, total, out):
    got = bytearray()
    while len(got) < total:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        got += chunk
    out.append(bytes(got))


def through_pipe(label, send, total):
    r, w = os.pipe()
    out = []
    t = threading.Thread(target=drain, args=(r, total, out))
    t.start()
    sent = send(w)
    t.join(30)
    print(label, "sent", sent, "received", len(out[0]) if out else None,
          "same", bool(out) and out[0] == data[:total], "reader alive", t.is_alive())
    os.close(r)
    os.close(w)


def by_sendfile(w):
    fd = os.open(src_path, os.O_RDONLY)
    sent = 0
    while sent < len(data):
        n = os.sendfile(w, fd, sent, len(data) - sent)
        if n == 0:
            break
        sent += n
    os.close(fd)
    return sent


def by_writev(w):
    parts = [data[i:i + 50000] for i in range(0, len(data), 50000)]
    sent = 0
    while parts:
        n = os.writev(w, parts)
        sent += n
        joined = b"".join(parts)[n:]
        parts = [joined] if joined else []
    return sent


def by_splice(w):
    fd = os.open(src_path, os.O_RDONLY)
    sent = 0
    while sent < len(data):
        n = os.splice(fd, w, len(data) - sent, offset_src=sent)
        if n == 0:
            break
        sent += n
    os.close(fd)
    return sent


through_pipe("sendfile", by_sendfile, len(data))
through_pipe("writev", by_writev, len(data))
through_pipe("splice", by_splice, len(data))

# readv blocks on an empty pipe until another thread writes
r, w = os.pipe()
bufs = [bytearray(5), bytearray(10)]
t = threading.Timer(0.2, lambda: os.write(w, b"hello, readv world"))
t.start()
n = os.readv(r, bufs)
t.join()
print("readv", n, bytes(bufs[0]), bytes(bufs[1][:n - 5]))
os.close(r)
os.close(w)

# positional I/O on a regular file
path = os.path.join(tmp, "pos")
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
print("pwrite", os.pwrite(fd, b"abcdef", 0), os.pwrite(fd, b"XY", 2))
print("pread", os.pread(fd, 4, 1), os.pread(fd, 10, 4), os.pread(fd, 3, 100))
os.posix_fallocate(fd, 0, 4096)
print("size after fallocate", os.fstat(fd).st_size)
os.ftruncate(fd, 6)
dst = os.open(os.path.join(tmp, "copy"), os.O_RDWR | os.O_CREAT, 0o600)
print("copy_file_range", os.copy_file_range(fd, dst, 6, 0, 0))
print("copied", os.pread(dst, 10, 0))
os.close(fd)
os.close(dst)
for name in ("pos", "copy", "src"):
    os.unlink(os.path.join(tmp, name))
os.rmdir(tmp)
