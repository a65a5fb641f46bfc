x = '\N{DIGIT ONE'
