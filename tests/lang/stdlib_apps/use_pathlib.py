# pathlib: pure path algebra and real files in a scratch directory.
import pathlib
from pathlib import Path, PurePosixPath

p = PurePosixPath("/usr/lib/python3.11/json/__init__.py")
print(p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts[:3], p.anchor)
print(p.with_suffix(".pyc"), p.with_name("x.py"), p.relative_to("/usr/lib"), p.is_absolute())
print(PurePosixPath("a/b") / "c" / "../d", PurePosixPath("a//b/./c"), PurePosixPath("a.tar.gz").suffixes)
print(p.match("*.py"), p.match("json/*.py"), p.match("*.txt"), list(p.parents)[:2])
print(PurePosixPath("x") == PurePosixPath("x"), sorted([PurePosixPath("b"), PurePosixPath("a")]))

root = Path("/tmp/pyrs-lang-pathlib")
if root.exists():
    for child in sorted(root.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    root.rmdir()
root.mkdir()
(root / "sub").mkdir()
(root / "a.txt").write_text("hello\nworld\n")
(root / "sub" / "b.bin").write_bytes(b"\x00\x01")
(root / "sub" / "c.txt").write_text("c")
print(sorted(x.name for x in root.iterdir()))
print(sorted(str(x.relative_to(root)) for x in root.rglob("*.txt")))
print((root / "a.txt").read_text().splitlines(), (root / "sub" / "b.bin").read_bytes())
print((root / "a.txt").stat().st_size, (root / "a.txt").is_file(), (root / "sub").is_dir())
(root / "a.txt").rename(root / "renamed.txt")
print(sorted(x.name for x in root.glob("*")), (root / "a.txt").exists())
with (root / "renamed.txt").open() as fh:
    print(fh.readline().strip())
try:
    (root / "missing.txt").read_text()
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror, Path(e.filename).name)
for child in sorted(root.rglob("*"), reverse=True):
    child.rmdir() if child.is_dir() else child.unlink()
root.rmdir()
print(root.exists(), Path("a/b").with_suffix(".c"), Path.cwd() == Path(".").resolve())
