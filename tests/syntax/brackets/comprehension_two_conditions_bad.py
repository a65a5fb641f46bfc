r = [x for x in y if x if nnot x]
