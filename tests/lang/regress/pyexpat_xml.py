# pyexpat on libexpat: handlers, buffering, namespaces, errors, and the xml packages built on it.
import pyexpat, io
from xml.parsers import expat
print(pyexpat.version_info, pyexpat.EXPAT_VERSION, pyexpat.native_encoding, pyexpat.features[:2])
print(expat.errors.codes['syntax error'], expat.errors.messages[7], expat.errors.XML_ERROR_TAG_MISMATCH)
print(expat.ExpatError.__module__, pyexpat.XMLParserType, expat.model.XML_CTYPE_SEQ)
events = []
p = expat.ParserCreate(namespace_separator=" ")
for name in ("StartElementHandler", "EndElementHandler", "CharacterDataHandler", "CommentHandler",
             "ProcessingInstructionHandler", "StartNamespaceDeclHandler", "EndNamespaceDeclHandler",
             "XmlDeclHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler", "StartCdataSectionHandler",
             "EndCdataSectionHandler", "EntityDeclHandler", "ElementDeclHandler", "AttlistDeclHandler"):
    setattr(p, name, (lambda n: lambda *a: events.append((n[:-7],) + a))(name))
p.buffer_text = True
p.ordered_attributes = True
doc = b'''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE root [ <!ELEMENT root (a|b)*> <!ATTLIST a x CDATA "d"> <!ENTITY e "ent"> ]>
<root xmlns:n="urn:x"><!-- c --><?pi data?><a x="1" y="2">t&amp;&e;</a><n:b><![CDATA[raw<>]]></n:b>
</root>'''
print(p.Parse(doc, True))
for e in events: print(e)
print(p.ErrorCode, p.CurrentLineNumber, p.buffer_size, p.buffer_used, p.buffer_text, sorted(map(str, p.intern))[:4])
p = expat.ParserCreate()
try:
    p.Parse(b"<a><b></a>", True)
except expat.ExpatError as e:
    print(e, e.code, e.lineno, e.offset, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)
p = expat.ParserCreate()
def boom(name, attrs): raise ValueError("in handler " + name)
p.StartElementHandler = boom
try:
    p.Parse("<é/>", True)
except ValueError as e:
    print("ValueError", e)
p = expat.ParserCreate()
got = []
p.StartElementHandler = lambda n, a: got.append((n, a))
p.ParseFile(io.BytesIO(b"<r a='1'><s/></r>"))
print(got, p.GetBase())
p.SetBase("http://x/")
print(p.GetBase(), p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_ALWAYS))
for bad in [lambda: expat.ParserCreate(namespace_separator="ab"), lambda: setattr(expat.ParserCreate(), "buffer_size", 0),
            lambda: setattr(expat.ParserCreate(), "nosuch", 1), lambda: expat.ParserCreate(intern=5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(expat.ErrorString(2), expat.ErrorString(4))
import xml.etree.ElementTree as ET
root = ET.fromstring('<a x="1"><b>text</b><c/><b>more</b></a>')
print(root.tag, root.attrib, [c.tag for c in root], root.findall("b")[1].text, ET.tostring(root))
import xml.dom.minidom
d = xml.dom.minidom.parseString('<doc><item id="1">A</item><item id="2">B</item></doc>')
print([i.getAttribute("id") for i in d.getElementsByTagName("item")], d.documentElement.toxml())
import plistlib
print(plistlib.loads(plistlib.dumps({"a": [1, 2.5, "s", True], "b": b"x"})))
import xml.sax
class H(xml.sax.ContentHandler):
    def startElement(self, name, attrs): print("sax", name, dict(attrs))
xml.sax.parseString(b"<q z='9'><w/></q>", H())
