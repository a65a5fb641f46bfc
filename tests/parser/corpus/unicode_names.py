# Non-ASCII identifiers (NFKC-normalized by the parser) and columns counted in UTF-8 bytes.
café = 1
ﬁle = 2
𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = 3
x = "漢字" + café + ﬁle
def ñ(ü=1, *, ß=2): return ü
class Ω: μ = ñ
