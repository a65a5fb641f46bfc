# Deep recursion through bound methods stays off the C stack (as plain function calls do).
import sys
sys.setrecursionlimit(10**6)
class T:
    def down(self, n):
        return 0 if n == 0 else self.down(n - 1) + 1
print(T().down(200000))
