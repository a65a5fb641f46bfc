if self.token = value:
    pass
