# group: pandas
# pandas: DataFrame construction, column arithmetic, filtering, sorting and describe.
import numpy as np
import pandas as pd


def run(n):
    rng = np.random.RandomState(42)
    total = 0.0
    for _ in range(n):
        df = pd.DataFrame({
            "a": rng.randint(0, 100, 20000),
            "b": rng.rand(20000),
            "c": rng.choice(["x", "y", "z"], 20000),
        })
        df["d"] = df["a"] * df["b"]
        sub = df[df["a"] > 50].sort_values("d", ascending=False)
        total += float(sub["d"].head(10).sum()) + float(df.describe().loc["mean", "b"])
        total += len(df["c"].str.upper().unique())
    return round(total, 6)


print(run(20))
