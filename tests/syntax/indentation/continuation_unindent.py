if x:
    y = 0
  \
  y = 1
