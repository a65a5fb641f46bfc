# group: pandas
# pandas: groupby aggregations, apply with a lambda, merge.
import numpy as np
import pandas as pd


def run(n):
    rng = np.random.RandomState(7)
    total = 0.0
    for _ in range(n):
        df = pd.DataFrame({
            "key": rng.choice(["alice", "bob", "carol", "dave"], 10000),
            "score": rng.randint(50, 100, 10000),
            "weight": rng.rand(10000),
        })
        g = df.groupby("key")
        means = g["score"].mean()
        agg = g.agg({"score": "max", "weight": "sum"})
        df["curved"] = df["score"].apply(lambda x: x + 5)
        merged = df.merge(means.rename("mean_score"), left_on="key", right_index=True)
        total += float(means.sum()) + float(agg["weight"].sum()) + float(merged["mean_score"].iloc[-1])
        total += float(df["curved"].sum())
    return round(total, 6)


print(run(25))
