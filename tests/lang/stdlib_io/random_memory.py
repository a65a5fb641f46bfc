# Pseudo-random StringIO (every newline mode) and BytesIO sessions: reads, limited readlines
# and readlines hints, seeks past the end, writes, truncates and values.
import _io

seed = 2


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))

pieces = ["a", "bc", "\n", "\r", "\r\n", "é", "€", "xyz\n", "\U0001f600", "q\r"]

for trial in range(60):
    nl = [None, "", "\n", "\r", "\r\n"][rnd(5)]
    text = "".join(pieces[rnd(len(pieces))] for i in range(rnd(12)))
    s = _io.StringIO(text, newline=nl)
    b = _io.BytesIO(text.encode())
    print("trial", trial, repr(nl))
    for step in range(15):
        op = rnd(9)
        if op == 0: t("read", lambda: (s.read(rnd(6) - 1), b.read(rnd(6) - 1)))
        elif op == 1: t("readline", lambda: (s.readline(rnd(6) - 1), b.readline(rnd(6) - 1)))
        elif op == 2: t("tell", lambda: (s.tell(), b.tell()))
        elif op == 3: t("seek", lambda: (s.seek(rnd(30)), b.seek(rnd(30) - 3, rnd(3))))
        elif op == 4: t("write", lambda: (s.write(pieces[rnd(len(pieces))]), b.write(pieces[rnd(len(pieces))].encode())))
        elif op == 5: t("truncate", lambda: (s.truncate(rnd(20)) if rnd(2) else s.truncate(), b.truncate(rnd(20)) if rnd(2) else b.truncate()))
        elif op == 6: t("newlines", lambda: s.newlines)
        elif op == 7: t("lines", lambda: (s.readlines(rnd(5)), b.readlines(rnd(5))))
        else: t("values", lambda: (s.getvalue(), b.getvalue()))
