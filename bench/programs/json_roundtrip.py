# group: stdlib
# json.dumps / json.loads of nested documents.
import json


def make_doc(i):
    return {
        "id": i,
        "name": f"item-{i}",
        "tags": ["a", "b", "c", str(i % 7)],
        "price": i * 1.25,
        "nested": {"flag": i % 2 == 0, "values": list(range(i % 10)), "none": None},
    }


def run(n):
    docs = [make_doc(i) for i in range(200)]
    total = 0
    for _ in range(n):
        text = json.dumps(docs, sort_keys=True)
        back = json.loads(text)
        total += len(text) + len(back) + back[-1]["id"]
    return total


print(run(1000))
