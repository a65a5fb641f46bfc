print("init", __name__, __package__)
