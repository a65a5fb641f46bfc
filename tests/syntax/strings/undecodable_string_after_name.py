if curren'\x't:
    pass
