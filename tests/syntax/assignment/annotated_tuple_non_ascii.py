x = "é"; a, b: int
