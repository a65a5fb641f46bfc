# re through stdlib modules and text-processing idioms: Unicode subjects of every width,
# case-insensitive matching with special foldings, bytes-like subjects, long inputs.
import re


def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', repr(r))


# Unicode subjects: UCS1, UCS2, UCS4
for s in ['caf\xe9 na\xefve', 'Привет, мир! Ωμέγα', '日本語のテキスト 123', 'emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ok']:
    show('words', lambda: re.findall(r'\w+', s))
    show('nonascii', lambda: re.findall(r'[^\x00-\x7f]+', s))
    show('upper', lambda: re.sub(r'\w+', lambda m: m.group().upper(), s))
    show('split', lambda: re.split(r'\s+', s))
    show('dot', lambda: [m.span() for m in re.finditer('.', s)][-3:])
show('ignorecase sigma', lambda: re.findall('σ+', 'ΣσςΣ', re.I))
show('ignorecase kelvin', lambda: re.findall('k', 'Kk\u212a', re.I))
show('ignorecase long s', lambda: re.findall('[s-t]', 'Sst\u017fT', re.I))
show('ignorecase ascii', lambda: re.findall('k', 'Kk\u212a', re.I | re.A))
show('ignorecase backref', lambda: re.match(r'(\w+) \1', 'Straße STRAßE', re.I))
show('ignorecase dz', lambda: re.findall('ǆ', 'Ǆǅǆ', re.I))
show('ignorecase range', lambda: re.findall('[à-ÿ]+', 'ÀÉÎõü', re.I))
show('ignorecase astral', lambda: re.findall('\U00010428', '\U00010400\U00010428', re.I))
show('unicode digits', lambda: re.findall(r'\d', '1١۲३৪'))
show('unicode spaces', lambda: re.split(r'\s', 'a\u2003b\u3000c\x1cd'))
show('boundaries', lambda: re.findall(r'\b\w', 'été à Paris'))
show('lookbehind unicode', lambda: re.findall(r'(?<=é)\w', 'éa éb ec'))

# bytes-like subjects
show('bytes', lambda: re.findall(rb'[a-z]+', b'abc DEF ghi'))
show('bytearray', lambda: re.sub(rb'\d', b'#', bytearray(b'a1b2')))
show('memoryview', lambda: re.match(rb'(\w+)', memoryview(b'hello world')).group(1))
show('bytes I', lambda: re.findall(rb'[a-z]+', b'abc DEF', re.I))
show('bytes high', lambda: re.findall(rb'[\x80-\xff]', b'a\xe9\xff'))
show('bytes \\w no unicode', lambda: re.findall(rb'\w+', b'caf\xe9'))

# text idioms
log = '\n'.join('2024-01-%02d 10:%02d:00 host%d GET /p/%d 200' % (d, d * 7 % 60, d % 3, d)
                for d in range(1, 20))
show('log dates', lambda: re.findall(r'^(\d{4})-(\d\d)-(\d\d)', log, re.M)[:4])
show('log hosts', lambda: sorted(set(re.findall(r'host\d', log))))
show('log sub', lambda: re.sub(r'(\d{4})-(\d\d)-(\d\d)', r'\3/\2/\1', log)[:60])
show('csv', lambda: re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,]*)', 'a,"b,c",,"d""e"'))
show('email', lambda: re.findall(r'[\w.+-]+@[\w-]+\.[\w.]+', 'x a.b+c@ex-ample.co.uk, d@e.f;'))
show('camel', lambda: re.sub(r'(?<!^)(?=[A-Z])', '_', 'CamelCaseString').lower())
show('tokens', lambda: re.findall(r'\d+\.\d+|\d+|[A-Za-z_]\w*|\S', 'x1 = 3.25*(y+42)'))
show('html', lambda: re.findall(r'<(\w+)[^>]*>(.*?)</\1>', '<b>bold</b><i class=x>it</i><b>x</i>'))
show('balanced-ish', lambda: re.match(r'\((?:[^()]|\([^()]*\))*\)', '(a(b)c(d)e)f').group())
show('atomic', lambda: re.findall(r'(?>\d+)\.', '12.34 56'))
show('possessive', lambda: re.findall(r'\w++!', 'ab! cd ef!'))
show('conditional', lambda: re.findall(r'(<)?\w+@\w+(?(1)>|$)', '<a@b> c@d <e@f'))

# stdlib modules built on re
import textwrap
show('textwrap', lambda: textwrap.wrap('The quick brown fox jumps over the lazy dog. ' * 3, 30))
show('dedent', lambda: textwrap.dedent('    a\n      b\n    c'))
import string
show('Template', lambda: string.Template('$who likes ${what}').substitute(who='tim', what='pie'))
show('Template err', lambda: string.Template('$who likes $').substitute(who='x'))
import fnmatch
show('fnmatch', lambda: fnmatch.filter(['a.py', 'b.txt', 'c.py'], '*.py'))
show('translate', lambda: fnmatch.translate('*.p[yw]'))

# long inputs: the backtracking state lives on the heap
n = 200000
show('long alt', lambda: re.match('(a|b)*', 'ab' * n).end())
show('long lazy', lambda: re.match('(?:a|b)*?c', 'ab' * n + 'c').end())
show('long group', lambda: re.match('(?:(a)|b)*', 'ab' * n).span(1))
show('long search', lambda: re.search('needle', 'x' * n + 'needle').span())
show('long split', lambda: len(re.split(',', ',' * n)))
show('long sub', lambda: len(re.sub('a', 'bb', 'a' * n)))
show('long lookahead', lambda: len(re.findall(r'(?=(\w\w))', 'ab' * 5000)))
