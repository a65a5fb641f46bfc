x = b"a" "\N{foo}"
