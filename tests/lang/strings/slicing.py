# indexing and slicing of strings, lists and tuples
s = "abcdefgh"
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[::2], s[1::3], s[::-2], s[-3:-1])
lst = list(range(10))
print(lst[2:8:2], lst[-4:], lst[:-7])
lst[::3] = [0, 0, 0, 0]
print(lst)
try:
    s[100]
except IndexError as e:
    print("IndexError:", e)
