"""Runs one CPython Lib/test module with unittest (under pyrs or the oracle) and prints one
result line: PYRS-STDLIB-RESULT {"run": N, "failures": N, "errors": N, "skipped": N, ...}.
Usage: regrtest_pyrs.py test_NAME [-v]"""
import json
import sys
import time
import unittest


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failed_names = []

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.failed_names.append(("FAIL", test.id()))

    def addError(self, test, err):
        super().addError(test, err)
        self.failed_names.append(("ERROR", str(test)))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.failed_names.append(("UNEXPECTED-SUCCESS", test.id()))


def run_legacy(name, runner):
    """A module with test_main() (test_xml_etree) sets itself up there, as CPython's regrtest
    calls it: run it with support.run_unittest collecting into one result. None otherwise."""
    module = sys.modules.get("test." + name)
    test_main = getattr(module, "test_main", None)
    if test_main is None:
        return None
    from test import support
    combined = []

    def run_unittest(*classes):
        loader = unittest.TestLoader()
        suite = unittest.TestSuite()
        for c in classes:
            suite.addTest(loader.loadTestsFromTestCase(c) if isinstance(c, type) else c)
        combined.append(runner.run(suite))

    saved = support.run_unittest
    support.run_unittest = run_unittest
    if getattr(module, "run_unittest", None) is saved:  # `from test.support import run_unittest`
        module.run_unittest = run_unittest
    failure = None
    try:
        test_main()
    except Exception as exc:  # e.g. a doctest run after the unittest classes failed
        failure = f"{type(exc).__name__}: {exc}"
    finally:
        support.run_unittest = saved
        if getattr(module, "run_unittest", None) is run_unittest:
            module.run_unittest = saved
    if not combined:  # test_main ran its tests some other way: count them the plain way
        return None
    result = combined[0]
    for other in combined[1:]:  # several run_unittest calls: one result for the module
        result.testsRun += other.testsRun
        for field in ("failures", "errors", "skipped", "expectedFailures",
                      "unexpectedSuccesses", "failed_names"):
            getattr(result, field).extend(getattr(other, field))
    if failure is not None:
        result.errors.append((name + ".test_main", failure))
        result.failed_names.append(("ERROR", name + ".test_main: " + failure))
    return result


def main():
    name = sys.argv[1]
    verbose = "-v" in sys.argv
    start = time.time()
    loader = unittest.TestLoader()
    try:
        suite = loader.loadTestsFromName("test." + name)
        load_error = None
    except BaseException as exc:  # the module did not even import: one error for it
        suite = None
        load_error = f"{type(exc).__name__}: {exc}"
    stream = sys.stderr
    runner = unittest.TextTestRunner(stream=stream, verbosity=2 if verbose else 0,
                                     resultclass=CountingResult)
    if suite is not None:
        result = run_legacy(name, runner) or runner.run(suite)
        counts = {
            "run": result.testsRun,
            "failures": len(result.failures),
            "errors": len(result.errors),
            "skipped": len(result.skipped),
            "expected_failures": len(result.expectedFailures),
            "unexpected_successes": len(result.unexpectedSuccesses),
            "failed": result.failed_names[:200],
        }
    else:
        counts = {"run": 0, "failures": 0, "errors": 1, "skipped": 0, "expected_failures": 0,
                  "unexpected_successes": 0, "failed": [("IMPORT", load_error)]}
    counts["seconds"] = round(time.time() - start, 2)
    sys.stdout.flush()
    print("PYRS-STDLIB-RESULT " + json.dumps(counts), flush=True)


main()
