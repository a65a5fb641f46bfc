# set, frozenset, bytes and bytearray methods
s = {1, 2, 3}
print(s.union({4}), s.intersection([2, 3, 5]), s.difference({1}), s.symmetric_difference({3, 4}))
print(s.issubset({1, 2, 3, 4}), s.issuperset({1}), s.isdisjoint({7}), {1, 2} <= s, s.copy() == s)
s.update([5, 6])
s.difference_update({1})
s.intersection_update({2, 3, 5, 6})
s.symmetric_difference_update({6, 7})
print(sorted(s), len(frozenset("aab")), s.pop() in {2, 3, 5, 7})
try:
    set().remove(1)
except KeyError as e:
    print("KeyError:", e)
b = b"hello world"
print(b.upper(), b.split(), b.replace(b"l", b"L"), b.hex(), bytes.fromhex("6869"), b[1], b[1:3])
print(b.find(b"o"), b.count(b"l"), b.startswith(b"he"), b.decode(), bytes(3), bytes([65, 66]))
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
ba.reverse()
print(ba, ba.pop(), len(ba), bytes(ba), ba.upper(), b"%d-%s" % (5, b"x"))
