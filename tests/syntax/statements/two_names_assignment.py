KW_ONLY KW_ONLY = make()
