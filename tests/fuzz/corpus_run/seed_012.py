match [1, 2, 3]:
    case [1, *rest]:
        print(rest)
    case _:
        pass
