if x  # a comment
    pass
