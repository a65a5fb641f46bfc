# unittest: test cases, fixtures, assertions, skips, expected failures, subtests, a runner.
import io
import unittest


class Arithmetic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.log = ["setUpClass"]

    def setUp(self):
        self.value = 10

    def tearDown(self):
        self.log.append("tearDown " + self._testMethodName)

    def test_add(self):
        self.assertEqual(self.value + 5, 15)

    def test_fails(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertIn("division", str(cm.exception))
        self.assertRaisesRegex(ValueError, "invalid literal", int, "x")

    def test_error(self):
        raise KeyError("boom")

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertTrue(False)

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertNotEqual(i, 2)

    def test_misc_asserts(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertIsNone(None)
        self.assertIsInstance(3, int)
        self.assertCountEqual([3, 1, 2], [1, 2, 3])
        self.assertDictEqual({"a": 1}, {"a": 1})
        self.assertGreater(3, 2)
        self.assertRegex("hello world", r"w\w+")
        with self.assertWarns(DeprecationWarning):
            import warnings
            warnings.warn("old", DeprecationWarning)


class Strings(unittest.TestCase):
    def test_upper(self):
        self.assertEqual("abc".upper(), "ABC")

    def test_multiline_diff(self):
        self.assertEqual("a\nb\nc\n", "a\nB\nc\n")


stream = io.StringIO()
suite = unittest.TestSuite()
loader = unittest.TestLoader()
suite.addTests(loader.loadTestsFromTestCase(Arithmetic))
suite.addTests(loader.loadTestsFromTestCase(Strings))
print("count:", suite.countTestCases())
result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
print("run", result.testsRun, "failures", len(result.failures), "errors", len(result.errors),
      "skipped", len(result.skipped), "expected failures", len(result.expectedFailures))
for test, tb in result.failures + result.errors:
    print(test.id(), "|", tb.strip().splitlines()[-1])
for test, reason in result.skipped:
    print("skipped", test.id(), reason)
print(Arithmetic.log)
print(result.wasSuccessful())
