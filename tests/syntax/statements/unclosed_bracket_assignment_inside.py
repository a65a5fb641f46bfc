(obj, end = decode(s, idx=0)
