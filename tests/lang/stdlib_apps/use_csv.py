# csv: readers and writers, dialects, quoting, DictReader/DictWriter, sniffing, errors.
import csv
import io

buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["name", "note", "n"])
w.writerow(["ann", 'said "hi", twice', 3])
w.writerows([["bob", "multi\nline", 4.5], ["", None, -1]])
text = buf.getvalue()
print(repr(text))
print(list(csv.reader(io.StringIO(text))))
buf = io.StringIO()
dw = csv.DictWriter(buf, fieldnames=["a", "b"], quoting=csv.QUOTE_NONNUMERIC)
dw.writeheader()
dw.writerow({"a": 1, "b": "x"})
dw.writerow({"a": 2.5})
print(repr(buf.getvalue()))
for row in csv.DictReader(io.StringIO("a;b\n1;2\n3;4\n"), delimiter=";"):
    print(row)
csv.register_dialect("pipes", delimiter="|", quotechar="'", quoting=csv.QUOTE_ALL)
buf = io.StringIO()
csv.writer(buf, dialect="pipes").writerow(["a b", 1])
print(repr(buf.getvalue()), csv.list_dialects()[-1], csv.get_dialect("pipes").delimiter)
print(list(csv.reader(["a,'b,c'"], quotechar="'")), list(csv.reader(["  x,  y"], skipinitialspace=True)))
sample = "id,name\n1,ann\n2,bob\n"
d = csv.Sniffer().sniff(sample)
print(d.delimiter, csv.Sniffer().has_header(sample))
try:
    list(csv.reader(['a,"b'], strict=True))
except csv.Error as e:
    print("csv.Error:", e)
try:
    csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b'])
except csv.Error as e:
    print("csv.Error:", e)
