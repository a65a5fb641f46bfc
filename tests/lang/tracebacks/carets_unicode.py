# Marker columns count characters, not UTF-8 bytes.
naïve = {"clé": 1}
print(naïve["clé"], naïve["ключ"])
