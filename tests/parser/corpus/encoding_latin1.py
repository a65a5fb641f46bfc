# -*- coding: latin-1 -*-
s = "café ü"
été = 1
