# subprocess through _posixsubprocess.fork_exec: output capture, exit codes, env, cwd, stdin
# round trip, the child error protocol (exec failure, chdir failure, preexec_fn), signals.
import subprocess, os, sys
r = subprocess.run(["echo", "hello"], capture_output=True)
print(r.returncode, r.stdout)
r = subprocess.run(["sh", "-c", "echo err >&2; exit 3"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output("echo $FOO", shell=True, env={"FOO": "bar"}))
try:
    subprocess.run(["/nonexistent/x"])
except FileNotFoundError as e:
    print("FNF", e.errno, e.filename, e)
try:
    subprocess.run(["ls"], cwd="/nonexistent_dir")
except FileNotFoundError as e:
    print("cwd", e.errno, e.filename, e)
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(b"round trip")
print(out, p.returncode)
r = subprocess.run(["pwd"], cwd="/usr", capture_output=True, text=True)
print(r.stdout.strip())
try:
    subprocess.run(["true"], preexec_fn=lambda: 1/0)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
r = subprocess.run(["sh", "-c", "ls /proc/self/fd | wc -l"], capture_output=True, pass_fds=())
print(r.stdout.strip())
print(subprocess.call(["sh", "-c", "kill -9 $$"]))

# register_at_fork hooks around fork_exec only with preexec_fn; bytes-like paths warn
import warnings
warnings.simplefilter("always")
ev = []
os.register_at_fork(before=lambda: ev.append("before"), after_in_parent=lambda: ev.append("parent"))
subprocess.run(["true"])
print(ev)
subprocess.run(["true"], preexec_fn=lambda: None)
print(ev)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(os.stat(bytearray(b"/")).st_mode == os.stat("/").st_mode, os.listdir(memoryview(b"/"))[:0])
    print([str(x.message) for x in w], [x.category.__name__ for x in w])
