x = f'{y} {a b}'
