f(a=1,
  b=True
  c=2)
