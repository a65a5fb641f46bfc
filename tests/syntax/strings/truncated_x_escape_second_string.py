x = ('ok'
     '\xZZ')
