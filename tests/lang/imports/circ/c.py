from circ.d import D
C = 1
