import itertools
print(list(itertools.islice(itertools.count(), 5)), list(itertools.permutations('ab')))
