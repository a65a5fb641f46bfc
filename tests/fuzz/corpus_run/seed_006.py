s = 'hello world'
print(s.split(), s.upper(), s[::-1], s.find('o'), s.replace('l', 'L'))
