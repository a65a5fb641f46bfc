# input(): the prompt goes to stdout; end of input raises EOFError.
try:
    input("name? ")
except EOFError as e:
    print()
    print("EOFError:", e)
