# The re module on top of the native _sre: module functions, templates, flags, errors.
import re


def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(label, '->', repr(r))


# module-level functions
show('match', lambda: re.match(r'(\w+) (\w+)', 'Isaac Newton, physicist').groups())
show('search', lambda: re.search(r'\d+', 'abc 123 def 45').span())
show('fullmatch', lambda: re.fullmatch(r'\d+', '123'))
show('fullmatch no', lambda: re.fullmatch(r'\d+', '123a'))
show('findall', lambda: re.findall(r'\bf[a-z]*', 'which foot or hand fell fastest'))
show('findall groups', lambda: re.findall(r'(\w+)=(\d+)', 'set width=20 and height=10'))
show('finditer', lambda: [m.span() for m in re.finditer(r'\w+ly\b', 'He was carefully disguised but captured quickly by police.')])
show('split', lambda: re.split(r'\W+', 'Words, words, words.'))
show('split groups', lambda: re.split(r'(\W+)', 'Words, words, words.'))
show('split max', lambda: re.split(r'\W+', 'Words, words, words.', 1))
show('split flags', lambda: re.split('[a-f]+', '0a3B9', flags=re.IGNORECASE))
show('split empty', lambda: re.split(r'\b', 'Words, words, words.'))
show('split empty2', lambda: re.split(r'\W*', '...words...'))
show('sub', lambda: re.sub(r'def\s+([a-zA-Z_][a-zA-Z_0-9]*)\s*\(\s*\):',
                           r'static PyObject*\npy_\1(void)\n{', 'def myfunc():'))
show('sub func', lambda: re.sub(r'-{1,2}', lambda m: ' ' if m.group(0) == '-' else '-', 'pro----gram-files'))
show('sub flags', lambda: re.sub(r'\sAND\s', ' & ', 'Baked Beans And Spam', flags=re.IGNORECASE))
show('sub empty', lambda: re.sub('x*', '-', 'abxd'))
show('sub named', lambda: re.sub(r'(?P<word>\w+)', r'<\g<word>>', 'hello world'))
show('sub g0', lambda: re.sub(r'\w+', r'[\g<0>]', 'a bc'))
show('sub g<1>0', lambda: re.sub(r'(\d)', r'\g<1>0', 'x1y2'))
show('sub escapes', lambda: re.sub('a', r'\n\t\\', 'bab'))
show('sub bad escape', lambda: re.sub('a', r'\q', 'a'))
show('sub bad group', lambda: re.sub('(a)', r'\2', 'a'))
show('sub unmatched group', lambda: re.sub('(a)|b', r'[\1]', 'ab'))
show('sub count', lambda: re.sub('a', 'b', 'aaaa', count=2))
show('subn', lambda: re.subn(r'(\d+)', r'<\1>', 'a1b22c333'))
show('subn bytes', lambda: re.subn(rb'(\d+)', rb'<\1>', b'a1b22'))
show('escape', lambda: re.escape('http://www.python.org/a-b?c=d&e'))
show('escape bytes', lambda: re.escape(b'a.b*c'))
show('compile cache', lambda: re.compile('abc') is re.compile('abc'))
show('purge', lambda: re.purge())

# Match objects through re
m = re.match(r'(?P<first>\w+) (?P<last>\w+)', 'Malcolm Reynolds')
show('group', lambda: (m.group('first'), m.group(2), m[1], m['last']))
show('groupdict', lambda: m.groupdict())
show('expand', lambda: m.expand(r'\g<last>, \1 (\g<0>)'))
show('expand bad', lambda: m.expand(r'\g<nope>'))
show('expand num', lambda: m.expand(r'\2\1'))
show('repr', lambda: repr(m))
show('lastgroup', lambda: (m.lastgroup, m.lastindex, m.re.pattern, m.string, m.pos, m.endpos))
show('span', lambda: (m.span(), m.span('last'), m.start(1), m.end(2)))

# flags and their combinations
show('I', lambda: re.findall('[a-z]+', 'ABC def GhI', re.I))
show('M', lambda: re.findall('^\\w', 'ab\ncd\nef', re.M))
show('S', lambda: re.match('a.b', 'a\nb', re.S).group())
show('X', lambda: re.match(r'''\d +  # the integral part
                              \.    # the decimal point
                              \d *  # some fractional digits''', '3.1415', re.X).group())
show('A', lambda: re.findall(r'\w+', 'naïve café', re.A))
show('U', lambda: re.findall(r'\w+', 'naïve café', re.U))
show('L bytes', lambda: re.findall(rb'\w+', b'abc def', re.L))
show('inline', lambda: re.findall('(?im)^a', 'A\na\nb'))
show('scoped', lambda: re.findall('(?i:a)b', 'ab Ab aB AB'))
show('flag repr', lambda: repr(re.I | re.M | re.S))
show('flags value', lambda: re.compile('a', re.I | re.M).flags)
show('repr pattern', lambda: repr(re.compile(r'\d+(?P<x>a)', re.I | re.X)))
show('groupindex', lambda: dict(re.compile(r'(?P<a>x)(?P<b>y)').groupindex))
show('groups', lambda: re.compile(r'(a)(b(c))').groups)

# errors raised by the parser, and by _sre
show('err1', lambda: re.compile('(abc'))
show('err2', lambda: re.compile('a**'))
show('err3', lambda: re.compile('[z-a]'))
show('err4', lambda: re.compile('(?<=a+)b'))
show('err5', lambda: re.compile('(?P<1>x)'))
show('err6', lambda: re.compile(r'\1(a)'))
show('err7', lambda: re.compile('x{5,2}'))
show('type err', lambda: re.match('a', 1))
show('type err2', lambda: re.match(b'a', 'a'))
show('type err3', lambda: re.match('a', b'a'))
show('flags err', lambda: re.compile(re.compile('a'), re.I))
try:
    re.compile('a)b')
except re.error as e:
    print('error attrs', e.msg, e.pos, e.pattern, e.lineno, e.colno)

# re.Scanner
scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', lambda s, tok: ('ident', tok)),
    (r'\d+\.\d*', lambda s, tok: ('float', tok)),
    (r'\d+', lambda s, tok: ('int', tok)),
    (r'=|\+|-|\*|/', lambda s, tok: ('op', tok)),
    (r'\s+', None),
])
show('Scanner', lambda: scanner.scan('sum = 3*foo + 312.50 + bar ?'))

# copying and pickling
import copy
p = re.compile(r'(?P<x>a+)', re.I)
show('copy', lambda: (copy.copy(p) is p, copy.deepcopy(p) is p))
mm = p.match('aAa')
show('copy match', lambda: (copy.copy(mm) is mm, copy.deepcopy(mm) is mm))
show('eq', lambda: (p == re.compile(r'(?P<x>a+)', re.I), p == re.compile(r'(?P<x>a+)')))
show('hash', lambda: hash(p) == hash(re.compile(r'(?P<x>a+)', re.I)))
show('generic', lambda: (re.Pattern[str], re.Match[bytes]))
show('types', lambda: (re.Pattern.__name__, re.Match.__name__, type(p) is re.Pattern))
