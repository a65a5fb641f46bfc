self.init := init
