# Numbers, strings, bytes: every prefix, escapes, implicit concatenation.
a = 0, 00, 0_0, 1_000_000, 0x_dead_BEEF, 0o777, 0b1010_1010, 0XFF, 0O7, 0B1
b = 1.5, .5, 5., 1e10, 1E-10, 1_0.0_1e+1_0, 1e400, 1e-400, 0.1, 1e16, 1e15, 123456789.0
c = 1j, 1.5J, 0j, 1e400j, 1_2j, 10j, 1e16j, .5j
d = 123456789012345678901234567890123456789012345678901234567890
e = 0x123456789abcdef0123456789abcdef0123456789abcdef
f = 'a', "b", '''c''', """d""", r'\n', R"\t", u'x', U"y", b'z', B"w", br'\x', Rb'\y', rB"z"
g = 'multi' "ple" '''con''' """cat"""
h = b'by' b"tes" rb'raw'
i = '\n\t\r\\\'\"\a\b\f\v\0\x41\101\u00e9\U0001F600\N{BULLET}\N{LATIN SMALL LETTER A}'
j = b'\n\t\x00\xff\777'
k = '\ud800', '\udfff', '\U0010ffff', '\x7f\x80\xa0\xad\u2028'
l = 'quote\'s', "dq\"s", 'both \' and "', "both ' and \""
m = '''line one
line two\
continued''' + """
"""
n = 'é ü 漢字 😀' + "\u200b"
o = ..., None, True, False
p = u'only' 'u first', 'u second' u'x'
q = 'new\
line'
r = -1, +2, ~3, not 4, - -5, -(6), 2 ** -1, -2 ** 2
