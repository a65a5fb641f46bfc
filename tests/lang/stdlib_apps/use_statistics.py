# statistics: averages, spread, quantiles, NormalDist, errors.
import statistics as st
from fractions import Fraction

data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(st.mean(data), st.fmean(data), st.median(data), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.mode([1, 1, 2, 3, 3, 3]), st.multimode("aabbbcc"), st.geometric_mean([54, 24, 36]))
print(st.harmonic_mean([40, 60]), st.pstdev(data), st.stdev(data), st.variance(data), st.pvariance(data))
print(st.quantiles(range(1, 101), n=4), st.median_grouped([52, 52, 53, 54]))
print(st.mean([Fraction(1, 3), Fraction(2, 3)]), st.correlation([1, 2, 3], [2, 4, 7]))
print(st.linear_regression([1, 2, 3, 4], [3, 5, 7, 9]), st.covariance([1, 2, 3], [1, 2, 4]))
n = st.NormalDist(100, 15)
print(round(n.cdf(130), 6), round(n.inv_cdf(0.975), 4), n.mean, n.stdev, round(n.pdf(100), 8))
print(st.NormalDist.from_samples([1, 2, 3, 4, 5]), n + 5, n * 2)
try:
    st.mean([])
except st.StatisticsError as e:
    print("StatisticsError:", e)
try:
    st.stdev([1])
except st.StatisticsError as e:
    print("StatisticsError:", e)
