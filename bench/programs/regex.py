# group: stdlib
# re: compiled patterns, findall, sub with groups, split and match.
import re

LOG = "\n".join(
    f"2024-01-{d:02d} 12:{m:02d}:07 user{d * m % 97}@example.com GET /path/{m}/x?q={d} 200"
    for d in range(1, 29) for m in range(60))

EMAIL = re.compile(r"([\w.]+)@([\w.]+)")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
REQ = re.compile(r"(GET|POST) (/\S+) (\d{3})$", re.M)


def run(n):
    total = 0
    for _ in range(n):
        total += len(EMAIL.findall(LOG))
        total += len(DATE.sub(r"\3/\2/\1", LOG))
        total += sum(len(m.group(2)) for m in REQ.finditer(LOG))
        total += len(re.split(r"\s+", LOG[:5000]))
    return total


print(run(100))
