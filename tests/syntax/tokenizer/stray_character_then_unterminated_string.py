x = `a`
y = '''abc
