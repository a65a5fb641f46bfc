b = not not a = -x **
