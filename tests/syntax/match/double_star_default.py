match x:
    case {**rest=1}:
        pass
