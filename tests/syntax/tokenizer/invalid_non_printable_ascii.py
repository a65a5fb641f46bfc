# a control character outside strings: CPython raises for it in the tokenizer
x = 1
y = 2
