try:
    raise ValueError('a') from KeyError('b')
except ValueError as e:
    print(repr(e.__cause__))
