try!:
    pass
finally:
    pass
