e = eval('1 + 2 * 3')
exec('y = e * 2')
print(e, y)
