n = (f"first"
     f"{second}"
     = "third")
