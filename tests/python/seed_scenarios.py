"""The seed's three operational examples as lists of steps, for the tests.

The scenarios are told once, in C++ (include/closeloop/sample/seed.hpp);
``cl.seed_steps`` records each call they make. A step runs unchanged against
a ``cl.Register`` (in memory) or a ``cl.Store`` (one transaction each).
``STEPS`` holds every step of the three scenarios in order.
"""

import closeloop as cl

# Example 1: medication documentation in supported living, carried through
# to closure, with a share to a second service.
MEDICATION = cl.seed_steps("medication")
# Example 2: falls prevention in a residential home; an environmental action
# found not effective and reopened, an edit recorded.
FALLS = cl.seed_steps("falls")
# Example 3: escalation delays in domiciliary care; an escalation path, a
# plan awaiting approval and a refused one.
ESCALATION = cl.seed_steps("escalation")

STEPS = MEDICATION + FALLS + ESCALATION
