# subprocess: run, pipes, input, return codes, errors, Popen and communicate.
import subprocess
import sys

r = subprocess.run(["echo", "hello", "world"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr), r.args)
r = subprocess.run(["cat"], input=b"piped data", stdout=subprocess.PIPE)
print(r.stdout)
r = subprocess.run("exit 3", shell=True)
print(r.returncode)
print(subprocess.check_output(["printf", "%s-%s", "a", "b"]))
try:
    subprocess.run(["false"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e.returncode, e)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.strerror)
p = subprocess.Popen(["sh", "-c", "read x; echo got $x; echo err >&2; exit 5"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b"42\n")
print(out, err, p.returncode, p.poll())
r = subprocess.run(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": "/usr/bin:/bin"},
                   capture_output=True, text=True)
print(r.stdout.strip())
r = subprocess.run(["pwd"], cwd="/tmp", capture_output=True, text=True)
print(r.stdout.strip())
print(subprocess.getoutput("echo one; echo two"), subprocess.getstatusoutput("exit 2"))
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd)
