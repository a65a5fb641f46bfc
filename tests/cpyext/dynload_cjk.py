# cpyext: the CJK codecs (Debian's _multibytecodec and _codecs_cn/jp/kr/tw/hk/iso2022) under
# pyrs: encode/decode, error handlers, incremental and stream codecs.
import codecs
import io
import os

import _multibytecodec
print(os.path.basename(_multibytecodec.__file__))

samples = {
    "gbk": "中文字符测试，汉字",
    "gb2312": "简体中文",
    "gb18030": "中文𠀀€",
    "hz": "中文 ascii",
    "big5": "繁體中文測試",
    "big5hkscs": "香港增補字符集",
    "cp950": "中文",
    "shift_jis": "日本語のテキスト、カタカナ",
    "cp932": "ｶﾀｶﾅ①",
    "euc_jp": "ひらがなと漢字",
    "euc_jis_2004": "日本",
    "iso2022_jp": "日本語 text",
    "iso2022_jp_2": "日本語와 한국어",
    "iso2022_kr": "한국어",
    "euc_kr": "한국어 텍스트",
    "cp949": "한글",
    "johab": "한글",
}
for enc, text in samples.items():
    data = text.encode(enc)
    back = data.decode(enc)
    print(f"{enc:13} {len(data):3} {data[:12].hex()} {back == text}")

print("中".encode("gbk"), b"\xd6\xd0".decode("gbk"), "あ".encode("shift_jis"))
print(codecs.lookup("sjis").name, codecs.lookup("GBK").name, codecs.lookup("ks_c_5601").name)

# error handling
for enc in ("gbk", "shift_jis", "euc_kr", "big5"):
    try:
        "é€☃".encode(enc)
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e.encoding, e.start, e.end, e.reason)
    print(enc, "a☃b".encode(enc, "replace"), "a☃b".encode(enc, "ignore"),
          "a☃b".encode(enc, "xmlcharrefreplace"), "a☃b".encode(enc, "backslashreplace"))
for enc, bad in (("gbk", b"\x81"), ("shift_jis", b"\xff\xfe"), ("euc_kr", b"\xa1"),
                 ("big5", b"\x80abc")):
    try:
        bad.decode(enc)
    except UnicodeDecodeError as e:
        print(enc, type(e).__name__, e.start, e.end, e.reason)
    print(enc, bad.decode(enc, "replace"), bad.decode(enc, "ignore"),
          bad.decode(enc, "backslashreplace"))
try:
    "x".encode("gbk", "nonexistent-handler")
    "☃".encode("gbk", "nonexistent-handler")
except LookupError as e:
    print("LookupError", e)

# incremental codecs, split in the middle of a multibyte character
data = "日本語のテキスト".encode("euc_jp")
dec = codecs.getincrementaldecoder("euc_jp")()
out = "".join(dec.decode(data[i:i + 1]) for i in range(len(data))) + dec.decode(b"", final=True)
print(out)
enc = codecs.getincrementalencoder("iso2022_jp")()
chunks = [enc.encode(c) for c in "日本abc語"] + [enc.encode("", final=True)]
print(b"".join(chunks), b"".join(chunks).decode("iso2022_jp"))
dec = codecs.getincrementaldecoder("gbk")()
try:
    dec.decode(b"\xd6", final=True)
except UnicodeDecodeError as e:
    print("incomplete", e.reason)

# stream codecs
buf = io.BytesIO()
w = codecs.getwriter("big5")(buf)
w.write("繁體")
w.write("中文")
print(buf.getvalue())
r = codecs.getreader("big5")(io.BytesIO(buf.getvalue()))
print(r.read(2), r.read())
with io.TextIOWrapper(io.BytesIO("一行\n二行\n".encode("gb18030")), encoding="gb18030") as f:
    print(f.readlines())
