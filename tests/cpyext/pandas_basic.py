# pandas under pyrs: the DESIGN.md §9 target program, then Series/DataFrame construction,
# selection, arithmetic, groupby, merge, pivot, strings, dates, missing data and errors,
# compared with CPython 3.11 running Debian's pandas. Skipped (by tests/cpyext/CMakeLists.txt)
# only when the oracle has no pandas installed.
import pandas as pd
import numpy as np

df = pd.DataFrame({
    "name": ["Alice", "Bob", "Charlie", "Alice", "Bob"],
    "score": [85, 92, 78, 95, 88],
    "grade": ["A", "A", "B", "A", "B"],
})

print(df.head())
print(df.describe())
print(df.groupby("name")["score"].mean())
print(df[df["score"] > 80])
print(df.sort_values("score", ascending=False))
df["curved"] = df["score"].apply(lambda x: x + 5)
print(df)

# Series
s = pd.Series([3, 1, 4, 1, 5], index=list("abcde"), name="digits")
print(s)
print(s["c"], s.iloc[0], s.loc["b":"d"].tolist(), s.sum(), s.mean(), s.max(), s.idxmax())
print(s * 2 + 1)
print(s.value_counts().sort_index())
print(s[s > 2].index.tolist(), s.cumsum().tolist(), s.rank().tolist())
print(pd.Series({"x": 1.5, "y": None}).isna().tolist(), s.dtype, s.shape, len(s))

# DataFrame access and arithmetic
print(df.shape, list(df.columns), df.dtypes.astype(str).tolist())
print(df.loc[1, "name"], df.iloc[2, 1], df.at[3, "grade"], df.iat[0, 0])
print(df[["name", "score"]].tail(2))
print(df["score"].agg(["min", "max", "sum"]))
df["ratio"] = df["score"] / df["curved"]
print(df.round(3))
print(df.drop(columns=["ratio"]).set_index("name"))
print(df.assign(double=lambda d: d.score * 2)[["score", "double"]])

# groupby, merge, pivot, concat
print(df.groupby("grade").agg({"score": ["mean", "count"], "curved": "max"}))
print(df.groupby(["grade", "name"])["score"].sum())
other = pd.DataFrame({"name": ["Alice", "Bob", "Dan"], "team": ["red", "blue", "green"]})
print(df.merge(other, on="name", how="left")[["name", "score", "team"]])
print(df.pivot_table(index="name", columns="grade", values="score", aggfunc="sum"))
print(pd.concat([df.head(2), df.tail(1)])[["name", "score"]])

# strings, dates, missing data
print(df["name"].str.upper().tolist(), df["name"].str.len().tolist())
print(df["name"].str.contains("li").tolist())
dates = pd.date_range("2023-01-01", periods=4, freq="D")
ts = pd.Series([1.0, np.nan, 3.0, 4.0], index=dates)
print(ts)
print(ts.fillna(0).tolist(), ts.dropna().index.strftime("%m/%d").tolist(), ts.interpolate().tolist())
print(pd.Timestamp("2023-03-15") + pd.Timedelta(days=20))
print(dates[1].day_name(), dates.month.tolist())
cat = pd.Categorical(["lo", "hi", "lo", "mid"], categories=["lo", "mid", "hi"], ordered=True)
print(cat, cat.codes.tolist())
print(df.to_dict("list")["score"], df.to_csv(index=False).splitlines()[:2])


# errors
def show(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e))


show(lambda: df["missing"])
show(lambda: df.loc[99])
show(lambda: s.iloc[10])
show(lambda: pd.DataFrame({"a": [1, 2], "b": [1]}))
show(lambda: df.groupby("nope"))
show(lambda: pd.Timestamp("not a date"))
