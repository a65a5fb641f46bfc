# group: objects
# Common str methods: split, strip, replace, find, upper/lower, startswith, format.
TEXT = ("The quick brown fox jumps over the lazy dog. " * 20 + "\n") * 10


def run(n):
    total = 0
    for _ in range(n):
        for line in TEXT.splitlines():
            words = line.strip().split(" ")
            total += len(words)
            total += line.find("lazy") + line.count("o")
            up = line.upper().replace("FOX", "CAT")
            total += up.startswith("THE") + len(up.lower())
            total += len("{}-{}".format(words[0], words[-1]))
    return total


print(run(12500))
