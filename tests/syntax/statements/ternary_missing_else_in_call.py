f(s, end if - 1)
