y = '''abc
