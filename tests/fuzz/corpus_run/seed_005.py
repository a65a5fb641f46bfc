d = {i: i * i for i in range(10)}
print(sorted(d.items())[:3], sum(d.values()))
