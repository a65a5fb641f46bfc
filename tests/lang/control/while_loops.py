# while loops with break, continue and else
i = 0
total = 0
while i < 20:
    i += 1
    if i % 3 == 0:
        continue
    if i > 15:
        break
    total += i
print(i, total)
n = 5
while n > 0:
    n -= 1
else:
    print("no break", n)
