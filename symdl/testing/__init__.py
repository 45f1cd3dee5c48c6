"""The answer key: check your own implementation of a kernel against symdl's proved one.

>>> from symdl.testing import check_implementation
>>> report = check_implementation("batchnorm_backward", my_batchnorm_backward)  # doctest: +SKIP
>>> print(report)                                                                # doctest: +SKIP

``symdl check FILE.py:FUNC --as NAME`` does the same from the command line, the pytest
fixture ``symdl_check`` inside a test, and ``symdl exercise NAME DIR`` writes a stub to fill
in with its test.  See the pages "Check your own implementation" and "Exercises".
"""

from symdl.testing.check import assert_matches as assert_matches
from symdl.testing.check import check_implementation as check_implementation
from symdl.testing.exercise import write_exercise as write_exercise
from symdl.testing.loader import load_function as load_function
from symdl.testing.report import CaseResult as CaseResult
from symdl.testing.report import Discrepancy as Discrepancy
from symdl.testing.report import Report as Report
from symdl.testing.table import KERNELS as KERNELS
