x = 3
f'{x!x}'
