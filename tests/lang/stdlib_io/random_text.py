# Pseudo-random TextIOWrapper sessions (utf-8, latin-1, utf-16, ascii; every newline mode;
# tiny chunk sizes; over BytesIO or a small BufferedRandom): reads, limited readlines, tell
# cookies and seeks back to them, writes after reads, and the final bytes.
import _io

seed = 5


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

pieces = ["a", "bc", "\n", "\r", "\r\n", "é", "€", "xyz\n", "\u00ff", "q\r"]

for trial in range(50):
    enc = ["utf-8", "latin-1", "utf-16", "ascii"][rnd(4)]
    nl = [None, "", "\n", "\r", "\r\n"][rnd(5)]
    text = "".join(pieces[rnd(len(pieces))] for i in range(rnd(25)))
    data = text.encode(enc, "replace")
    raw = _io.BytesIO(data)
    buf = _io.BufferedRandom(raw, 1 + rnd(8)) if rnd(2) else raw
    w = _io.TextIOWrapper(buf, encoding=enc, errors="replace", newline=nl)
    w._CHUNK_SIZE = 1 + rnd(6)
    print("trial", trial, enc, repr(nl), w._CHUNK_SIZE)
    cookies = []
    for step in range(15):
        op = rnd(8)
        if op == 0: t("read", lambda: w.read(rnd(6) - 1))
        elif op == 1: t("readline", lambda: w.readline(rnd(6) - 1))
        elif op == 2:
            try:
                c = w.tell(); cookies.append(c); print("tell", c)
            except Exception as e:
                print("tell ->", type(e).__name__, e)
        elif op == 3 and cookies: t("seek", lambda: w.seek(cookies[rnd(len(cookies))]))
        elif op == 4: t("write", lambda: w.write(pieces[rnd(len(pieces))]))
        elif op == 5: t("seek0", lambda: w.seek(0))
        elif op == 6: t("seekend", lambda: w.seek(0, 2))
        else: t("newlines", lambda: w.newlines)
    w.flush()
    print("final", raw.getvalue())
