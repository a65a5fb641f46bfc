x = "bom"
# utf-8 with BOM
