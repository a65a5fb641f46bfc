print(t // g2 s * (db // g2), x)
