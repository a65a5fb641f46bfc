# argparse: arguments of every kind, subcommands, defaults, errors and generated help.
import argparse

parser = argparse.ArgumentParser(prog="tool", description="A sample tool.",
                                 epilog="See the docs.")
parser.add_argument("files", nargs="*", help="input files")
parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")
parser.add_argument("-n", "--number", type=int, default=3, help="how many (default: %(default)s)")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("--flag", action="store_true")
parser.add_argument("--no-color", dest="color", action="store_false")
parser.add_argument("--tag", action="append", default=[])
parser.add_argument("--pair", nargs=2, metavar=("KEY", "VALUE"))
group = parser.add_mutually_exclusive_group()
group.add_argument("--json", action="store_true")
group.add_argument("--xml", action="store_true")
top = argparse.ArgumentParser(prog="top")
top.add_argument("--debug", action="store_true")
sub = top.add_subparsers(dest="command", required=True)
run = sub.add_parser("run", help="run it")
run.add_argument("target")
run.add_argument("--jobs", "-j", type=int, default=1)

print(parser.format_help())
sub.add_parser("stop", aliases=["halt"])
print(top.format_help())
print(run.format_help())
for argv in (["a.txt", "b.txt", "-vv", "-n", "7", "--tag", "x", "--tag", "y"],
             ["--mode", "slow", "--flag", "--no-color", "--pair", "k", "v", "--json"], []):
    print(argv, "->", sorted(vars(parser.parse_args(argv)).items()))
for argv in (["run", "build", "-j", "4"], ["--debug", "halt"]):
    print(argv, "->", sorted(vars(top.parse_args(argv)).items()))


class Stop(Exception):
    pass


def error(message):
    raise Stop(message)


parser.error = error
top.error = error
for p, argv in ((parser, ["-n", "x"]), (parser, ["--mode", "medium"]), (parser, ["--json", "--xml"]),
                (parser, ["--pair", "k"]), (parser, ["--unknown"]), (top, ["run"]), (top, []),
                (top, ["fly"])):
    try:
        p.parse_args(argv)
    except Stop as e:
        print(argv, "error:", e)
    except SystemExit as e:
        print(argv, "exit", e.code)
ns, rest = parser.parse_known_args(["a", "--zzz", "1"])
print(ns.files, rest)
