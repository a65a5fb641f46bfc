x = """
# not a comment"""  # but this is
y = (1 2)
