# _locale in the C locale: setlocale set and query, localeconv, nl_langinfo and its constants,
# strcoll/strxfrm, getencoding, the gettext family, Error and argument errors.
import _locale as L


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(L.setlocale(L.LC_ALL, "C"), L.setlocale(L.LC_ALL), L.setlocale(L.LC_NUMERIC))
print(L.LC_CTYPE, L.LC_COLLATE, L.LC_TIME, L.LC_MONETARY, L.LC_MESSAGES, L.LC_NUMERIC, L.LC_ALL, L.CHAR_MAX)
print(sorted(L.localeconv().items()))
for name in ["CODESET", "D_T_FMT", "D_FMT", "T_FMT", "T_FMT_AMPM", "DAY_1", "DAY_7", "ABDAY_1",
             "MON_1", "MON_12", "ABMON_12", "RADIXCHAR", "THOUSEP", "YESEXPR", "NOEXPR", "CRNCYSTR",
             "AM_STR", "PM_STR", "ERA", "ERA_D_FMT", "ALT_DIGITS", "ERA_D_T_FMT", "ERA_T_FMT", "_DATE_FMT"]:
    print(name, repr(L.nl_langinfo(getattr(L, name))))
print(L.getencoding())
print(L.strcoll("a", "b") < 0, L.strcoll("b", "a") > 0, L.strcoll("a", "a"), L.strxfrm("abc"))
print(L.setlocale(L.LC_ALL, "C.UTF-8"), L.setlocale(L.LC_CTYPE), L.getencoding())
print(L.strxfrm("h\xe9"), L.strcoll("\xe9", "e") != 0)
print(L.setlocale(L.LC_ALL, "C"))
print(L.gettext("hello"), L.dgettext(None, "hi"), L.dcgettext(None, "yo", L.LC_MESSAGES))
print(L.textdomain(None), L.textdomain("messages"))
print(L.bindtextdomain("pyrs-test", None), L.bind_textdomain_codeset("pyrs-test", None))
print(L.Error.__name__, L.Error.__module__, L.Error.__mro__[1].__name__)
show(lambda: L.setlocale(L.LC_ALL, "xx_YY.nonsense"))
show(lambda: L.setlocale(12345))
show(lambda: L.setlocale("a"))
show(lambda: L.setlocale(L.LC_ALL, 5))
show(lambda: L.nl_langinfo(987654))
show(lambda: L.nl_langinfo("x"))
show(lambda: L.strcoll("a", 1))
show(lambda: L.strcoll(1, "a"))
show(lambda: L.strxfrm(1))
show(lambda: L.gettext(1))
show(lambda: L.bindtextdomain("", None))
