# Pure-Python stdlib modules on top of the OS modules: pathlib, glob, getpass, shutil,
# datetime timestamps, platform, tempfile.
import datetime
import getpass
import glob
import os
import pathlib
import platform
import shutil
import tempfile

p = pathlib.Path("tests/lang")
print("stdlib_os" in [x.name for x in p.iterdir() if x.is_dir()], p.exists(), (p / "nope").exists())
print(sorted(glob.glob("tests/lang/stdlib_os/posix_f*.py")))
print(getpass.getuser() == os.environ.get("USER", getpass.getuser()))
print(shutil.which("sh") is not None)
print(datetime.datetime.fromtimestamp(0, datetime.timezone.utc), datetime.date.fromtimestamp(86400 * 365).year)
print(platform.system())
d = pathlib.Path(tempfile.mkdtemp())
(d / "sub").mkdir()
(d / "sub" / "f.txt").touch()
print(sorted(str(x.relative_to(d)) for x in d.rglob("*")))
print((d / "sub" / "f.txt").stat().st_size, (d / "sub").is_dir(), (d / "sub" / "f.txt").is_file())
shutil.rmtree(d)
print(d.exists())
print(pathlib.Path("/").stat().st_mode == os.stat("/").st_mode,
      str(pathlib.Path.home()) == os.path.expanduser("~"))
