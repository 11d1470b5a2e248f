"""What the apps' tests share: the named personas and the programme they work under (benchmarks
reuse the personas for their data).

It sits above every app, so it may import any of them; an import-linter contract keeps every
application module from importing it.
"""

from phoihop.testing.personas import PASSWORD, PersonaTestCase, build_personas, make_user
from phoihop.testing.programs import make_program

__all__ = ["PASSWORD", "PersonaTestCase", "build_personas", "make_program", "make_user"]
