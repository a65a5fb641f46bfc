# _pyrs_importlib: the Python-visible side of pyrs's import system. The finding and loading
# is native (runtime/import.c); these classes give specs, loaders and finders the attributes
# and methods importlib, pkgutil, runpy and user code expect of them (CPython 3.11's
# importlib._bootstrap / _bootstrap_external protocols), and carry the generic code paths
# used when a program installs its own finders or path hooks.
# Embedded into the runtime at build time; compiled on the first import that needs it.
import _imp
import sys

_ERR_MSG = "No module named {!r}"


def _object_name(obj):
    try:
        return obj.__qualname__
    except AttributeError:
        return type(obj).__qualname__


class ModuleSpec:
    """The import-system state of a module (importlib.machinery.ModuleSpec)."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = [f"name={self.name!r}", f"loader={self.loader!r}"]
        if self.origin is not None:
            args.append(f"origin={self.origin!r}")
        if self.submodule_search_locations is not None:
            args.append(f"submodule_search_locations={self.submodule_search_locations}")
        return f"{self.__class__.__name__}({', '.join(args)})"

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name and self.loader == other.loader and
                    self.origin == other.origin and smsl == other.submodule_search_locations and
                    self.cached == other.cached and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            if self.origin.endswith(".py"):
                self._cached = _imp._pyrs_cache_from_source(self.origin)
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


class BuiltinImporter:
    """Finds and loads the modules compiled into pyrs (stdlib/)."""

    _ORIGIN = "built-in"

    @staticmethod
    def __repr__():
        return "<class '_frozen_importlib.BuiltinImporter'>"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None or not _imp.is_builtin(fullname):
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @staticmethod
    def create_module(spec):
        if spec.name not in sys.builtin_module_names:
            raise ImportError(f"{spec.name!r} is not a built-in module", name=spec.name)
        return _imp.create_builtin(spec)

    @staticmethod
    def exec_module(module):
        _imp.exec_builtin(module)

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False

    # the deprecated loader API, warning as CPython 3.11 warns
    @staticmethod
    def module_repr(module):
        import _warnings
        _warnings.warn("BuiltinImporter.module_repr() is deprecated and "
                       "slated for removal in Python 3.12", DeprecationWarning)
        return f"<module {module.__name__!r} ({BuiltinImporter._ORIGIN})>"

    @classmethod
    def find_module(cls, fullname, path=None):
        import _warnings
        _warnings.warn("BuiltinImporter.find_module() is deprecated and "
                       "slated for removal in Python 3.12; use find_spec() instead",
                       DeprecationWarning)
        spec = cls.find_spec(fullname, path)
        return spec.loader if spec is not None else None

    @classmethod
    def load_module(cls, fullname):
        import importlib._bootstrap
        return importlib._bootstrap._load_module_shim(cls, fullname)


class FrozenImporter:
    """Finds and loads the modules a pyrsc executable carries."""

    _ORIGIN = "frozen"

    # CPython's frozen importlib modules are, here, importlib's own _bootstrap modules: the
    # names are served once `importlib` has set them up (zipimport imports them by name)
    _IMPORTLIB_ALIASES = {"_frozen_importlib": "importlib._bootstrap",
                          "_frozen_importlib_external": "importlib._bootstrap_external"}

    @classmethod
    def _alias_spec(cls, fullname):
        importlib = sys.modules.get("importlib")
        if importlib is None:
            import importlib
        elif not hasattr(importlib, "_bootstrap_external"):
            return None  # importlib itself asks while it sets up: it takes its fallback path
        module = sys.modules.get(cls._IMPORTLIB_ALIASES[fullname])
        if module is None:
            return None
        spec = ModuleSpec(fullname, cls, origin=cls._ORIGIN)
        spec._pyrs_alias = module
        spec._pyrs_alias_attrs = {k: module.__dict__.get(k) for k in ("__spec__", "__loader__")}
        return spec

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname in cls._IMPORTLIB_ALIASES and path is None:
            return cls._alias_spec(fullname)
        if not _imp.is_frozen(fullname):
            return None
        # pyrsc freezes a program's own modules: they keep the file they came from, so they
        # look as they do under `pyrs app.py`
        origin = _imp._pyrs_frozen_origin(fullname)
        spec = ModuleSpec(fullname, cls, origin=origin or cls._ORIGIN,
                          is_package=_imp.is_frozen_package(fullname))
        if origin is not None:
            spec._set_fileattr = True
            if spec.submodule_search_locations is not None:
                spec.submodule_search_locations.append(origin.rpartition("/")[0])
        return spec

    @staticmethod
    def create_module(spec):
        return getattr(spec, "_pyrs_alias", None)

    @staticmethod
    def exec_module(module):
        spec = module.__spec__
        if hasattr(spec, "_pyrs_alias"):  # an importlib module, already executed: keep its own
            module.__dict__.update(spec._pyrs_alias_attrs)  # __spec__ and __loader__
            return
        exec(_imp.get_frozen_object(spec.name), module.__dict__)

    @classmethod
    def get_code(cls, fullname):
        return _imp.get_frozen_object(fullname)

    @classmethod
    def get_resource_reader(cls, fullname):
        # a pyrsc program's package keeps its files next to the source it was frozen from
        origin = _imp._pyrs_frozen_origin(fullname)
        if origin is None:
            return None
        from importlib.readers import FileReader
        return FileReader(FileLoader(fullname, origin))

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return _imp.is_frozen_package(fullname)


class FileLoader:
    """Base of the loaders of modules found in files (importlib.abc.FileLoader's protocol)."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        self._check_name(name)
        return self.path

    def get_data(self, path):
        with open(path, "rb") as file:
            return file.read()

    def get_resource_reader(self, module):
        from importlib.readers import FileReader
        return FileReader(self)

    def is_package(self, fullname):
        filename = self.get_filename(fullname).rpartition("/")[2]
        return filename.rpartition(".")[0] == "__init__"

    def create_module(self, spec):
        return None

    def _check_name(self, name):
        if name is not None and name != self.name:
            raise ImportError(f"loader for {self.name} cannot handle {name}", name=name)

    def load_module(self, fullname=None):
        import importlib._bootstrap
        return importlib._bootstrap._load_module_shim(self, fullname or self.name)


class SourceFileLoader(FileLoader):
    """Loads .py sources through pyrs's bytecode cache (__pycache__/NAME.pyrs-311.pyc)."""

    def get_code(self, fullname=None):
        self._check_name(fullname)
        return _imp._pyrs_source_code(self.path)

    def get_source(self, fullname=None):
        self._check_name(fullname)
        data = self.get_data(self.path)
        import tokenize
        import io
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
        decoder = io.IncrementalNewlineDecoder(None, True)
        return decoder.decode(data.decode(encoding))

    def path_stats(self, path):
        st = _imp._pyrs_stat(path)
        return {"mtime": st[0], "size": st[1]}

    def source_to_code(self, data, path, *, _optimize=-1):
        return compile(data, path, "exec", dont_inherit=True, optimize=_optimize)

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)


class SourcelessFileLoader(FileLoader):
    """Loads a module from a bare .pyc file with no source (importlib's SourcelessFileLoader);
    pyrs reads its own cache format: CPython's header, pyrs's marshalled code."""

    def get_code(self, fullname=None):
        self._check_name(fullname)
        import marshal
        name = fullname or self.name
        data = self.get_data(self.path)
        if data[:4] != _MAGIC:
            raise ImportError(f"bad magic number in {name!r}: {data[:4]!r}",
                              name=name, path=self.path)
        if len(data) < 16:
            raise EOFError(f"reached EOF while reading pyc header of {name!r}")
        flags = int.from_bytes(data[4:8], "little")
        if flags & ~0b11 not in (0, _PYRS_FLAGS):
            raise ImportError(f"invalid flags {flags!r} in {name!r}", name=name, path=self.path)
        code = marshal.loads(memoryview(data)[16:])
        if type(code) is not type(_code_type_probe.__code__):
            raise ImportError(f"Non-code object in {self.path!r}", name=name, path=self.path)
        return code

    def get_source(self, fullname=None):
        return None

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)


_MAGIC = (3495).to_bytes(2, "little") + b"\r\n"
_PYRS_FLAGS = int.from_bytes(b"pyrs", "little")


def _code_type_probe():
    pass


class ExtensionFileLoader(FileLoader):
    """Loads CPython extension modules (.so) through cpyext."""

    def create_module(self, spec):
        return _imp.create_dynamic(spec)

    def exec_module(self, module):
        _imp.exec_dynamic(module)

    def is_package(self, fullname):
        filename = self.path.rpartition("/")[2]
        return any(filename == "__init__" + suffix for suffix in EXTENSION_SUFFIXES)

    def get_code(self, fullname):
        return None

    def get_source(self, fullname):
        return None


class _NamespacePath(list):
    """The __path__ of a namespace package."""

    def __repr__(self):
        return f"_NamespacePath({list.__repr__(self)})"


class NamespaceLoader:
    """The loader of PEP 420 namespace packages."""

    def __init__(self, name, path, path_finder=None):
        self._path = path

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ""

    def get_code(self, fullname):
        return compile("", "<string>", "exec", dont_inherit=True)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass

    def get_resource_reader(self, module):
        from importlib.readers import NamespaceReader
        return NamespaceReader(self._path)


SOURCE_SUFFIXES = [".py"]
BYTECODE_SUFFIXES = [".pyc"]
EXTENSION_SUFFIXES = _imp.extension_suffixes()


class FileFinder:
    """Finds modules in one directory of sys.path or of a package's __path__."""

    def __init__(self, path, *loader_details):
        self.path = path or "."

    def __repr__(self):
        return f"FileFinder({self.path!r})"

    def invalidate_caches(self):
        _imp._pyrs_invalidate_caches()

    def find_spec(self, fullname, target=None):
        return _imp._pyrs_find_in_directory(fullname, self.path)

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if not _imp._pyrs_isdir(path or "."):
                raise ImportError("only directories are supported", path=path)
            return cls(path, *loader_details)
        return path_hook_for_FileFinder


class PathFinder:
    """The meta path finder for sys.path and package __path__ entries."""

    @staticmethod
    def invalidate_caches():
        # entries for relative paths and paths nothing could search are dropped: the working
        # directory, or what is at the path, may have changed
        for name, finder in list(sys.path_importer_cache.items()):
            if finder is None or not name.startswith("/"):
                del sys.path_importer_cache[name]
            elif hasattr(finder, "invalidate_caches"):
                finder.invalidate_caches()
        _imp._pyrs_invalidate_caches()

    @staticmethod
    def _path_hooks(path):
        if sys.path_hooks is not None and not sys.path_hooks:
            import _warnings
            _warnings.warn("sys.path_hooks is empty", ImportWarning)
        _imp._pyrs_load_zipimport(path)  # a zip archive: zipimport's hook goes first
        for hook in sys.path_hooks:
            try:
                return hook(path)
            except ImportError:
                continue
        return None

    @classmethod
    def _path_importer_cache(cls, path):
        if path == "":
            try:
                path = _imp._pyrs_getcwd()
            except FileNotFoundError:
                return None
        try:
            finder = sys.path_importer_cache[path]
        except KeyError:
            finder = cls._path_hooks(path)
            sys.path_importer_cache[path] = finder
        return finder

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is None:
            path = sys.path
        if sys.path_hooks in ([_default_path_hook], [_zipimporter, _default_path_hook]):
            return _imp._pyrs_find_on_path(fullname, path)
        namespace_path = []
        for entry in path:
            if not isinstance(entry, str):
                continue
            finder = cls._path_importer_cache(entry)
            if finder is None:
                continue
            spec = finder.find_spec(fullname, target)
            if spec is None:
                continue
            if spec.loader is not None:
                return spec
            portions = spec.submodule_search_locations
            if portions is None:
                raise ImportError("spec missing loader")
            namespace_path.extend(portions)
        if namespace_path:
            spec = ModuleSpec(fullname, None)
            spec.submodule_search_locations = _NamespacePath(namespace_path)
            spec.loader = NamespaceLoader(fullname, namespace_path)
            return spec
        return None

    @staticmethod
    def find_distributions(*args, **kwargs):
        from importlib.metadata import MetadataPathFinder
        return MetadataPathFinder.find_distributions(*args, **kwargs)


_default_path_hook = FileFinder.path_hook()


def _fix_pkgutil(module):
    # pkgutil lists a path entry's modules by the type of its finder; ours is not
    # importlib.machinery.FileFinder but has the same .path, which is all it reads
    module.iter_importer_modules.register(FileFinder, module._iter_file_finder_modules)


# zipimport.zipimporter, CPython's first default path hook, once zipimport is loaded: pyrs loads
# it with importlib or when a path entry is a file (importlib costs more than pyrs's whole
# start-up), and puts the hook before the directory hook then
_zipimporter = None


def _install_zipimporter(module):
    global _zipimporter
    if _zipimporter is not None:
        return
    _zipimporter = module.zipimporter
    hooks = sys.path_hooks
    if isinstance(hooks, list) and _default_path_hook in hooks and _zipimporter not in hooks:
        hooks.insert(hooks.index(_default_path_hook), _zipimporter)


def _load_zipimport(module):
    try:
        import zipimport
    except ImportError:
        pass


# Called by the native loader right after these modules are executed.
_POST_IMPORT = {"pkgutil": _fix_pkgutil, "zipimport": _install_zipimporter,
                "importlib": _load_zipimport}
