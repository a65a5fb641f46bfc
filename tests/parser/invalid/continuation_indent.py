\
        class C2: pass
