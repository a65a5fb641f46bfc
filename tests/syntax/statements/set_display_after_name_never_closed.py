s{tream.write(name + '(')
