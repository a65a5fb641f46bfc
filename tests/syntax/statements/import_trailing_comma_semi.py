from x import a,; y = 1
