attr in base.__dict__:
    pass
