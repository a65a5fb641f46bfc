print(int('42'), float('1e3'), complex('1+2j'), int('ff', 16), str(b'x', 'ascii'))
