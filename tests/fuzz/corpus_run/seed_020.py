n = 0
def inc():
    global n
    n += 1
for _ in range(5):
    inc()
print(n)
