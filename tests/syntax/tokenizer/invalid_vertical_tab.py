# a vertical tab between tokens is not whitespace
x= 1
