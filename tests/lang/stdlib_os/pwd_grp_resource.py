# pwd/grp entries of root and their struct types, lookup errors; resource limits and usage.
import pwd
import grp
import resource

root = pwd.getpwuid(0)
print(root.pw_name, root.pw_uid, root.pw_gid, root.pw_dir, len(root), type(root).__name__)
print(root == pwd.getpwnam("root"), root[0] == root.pw_name, tuple(root)[2:4])
print(isinstance(pwd.getpwall(), list), any(p.pw_uid == 0 for p in pwd.getpwall()))
g = grp.getgrgid(0)
print(g.gr_name, g.gr_gid, isinstance(g.gr_mem, list), len(g), type(g).__name__)
print(g == grp.getgrnam("root"), grp.getgrgid(id=0).gr_name, grp.getgrnam(name="root").gr_gid)
print(any(e.gr_gid == 0 for e in grp.getgrall()))
print(pwd.struct_passwd.n_sequence_fields, grp.struct_group.n_sequence_fields)


def show_error(what, func, *args, **kwargs):
    try:
        r = func(*args, **kwargs)
    except Exception as e:
        print(what, type(e).__name__, e)
    else:
        print(what, "->", r)


show_error("uid missing", pwd.getpwuid, 99999)
show_error("uid -1", pwd.getpwuid, -1)
show_error("uid huge", pwd.getpwuid, 2 ** 40)
show_error("uid str", pwd.getpwuid, "x")
show_error("name missing", pwd.getpwnam, "nosuchuser_pyrs")
show_error("name int", pwd.getpwnam, 5)
show_error("name nul", pwd.getpwnam, "a\0b")
show_error("gid missing", grp.getgrgid, 99999)
show_error("gid str", grp.getgrgid, "x")
show_error("gid huge", grp.getgrgid, 2 ** 40)
show_error("gid neg", grp.getgrgid, -5)
show_error("grname missing", grp.getgrnam, "nosuchgroup_pyrs")
show_error("grname int", grp.getgrnam, 5)

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print("nofile", soft > 0, hard >= soft or hard == resource.RLIM_INFINITY)
resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
print("core", resource.getrlimit(resource.RLIMIT_CORE)[0])
print("prlimit", resource.prlimit(0, resource.RLIMIT_NOFILE) == (soft, hard))
ru = resource.getrusage(resource.RUSAGE_SELF)
print("rusage", type(ru).__name__, len(ru), isinstance(ru.ru_utime, float), ru.ru_maxrss > 0,
      ru[2] == ru.ru_maxrss)
print("children", len(resource.getrusage(resource.RUSAGE_CHILDREN)))
print("pagesize", resource.getpagesize() % 4096 == 0, resource.RLIM_INFINITY, resource.error)
print("consts", resource.RLIMIT_CPU, resource.RLIMIT_NOFILE, resource.RLIMIT_AS,
      resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN, resource.RUSAGE_THREAD)
show_error("bad resource", resource.getrlimit, 99)
show_error("bad who", resource.getrusage, 99)
show_error("short limits", resource.setrlimit, resource.RLIMIT_NOFILE, (1,))
show_error("int limits", resource.setrlimit, resource.RLIMIT_NOFILE, 5)
show_error("bad resource set", resource.setrlimit, 99, (1, 1))
show_error("raise soft", resource.setrlimit, resource.RLIMIT_NOFILE, (hard + 1, hard)
           if hard != resource.RLIM_INFINITY else (10, 5))
