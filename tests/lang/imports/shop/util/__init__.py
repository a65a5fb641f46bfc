print("init", __name__)
_hidden = 1
