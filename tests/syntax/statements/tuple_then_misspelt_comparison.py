na, da da = a.numerator, a.denominator
