import math
print(math.sqrt(2), math.floor(-1.5), math.gcd(12, 18))
