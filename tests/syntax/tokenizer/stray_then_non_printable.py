# a stray $ makes the parser fail, then the DEL on the next line wins (tokenizer error)
x = $
y = 1
