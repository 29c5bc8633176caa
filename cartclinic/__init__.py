"""cartclinic core: follow-up scheduling, the roster store and the admin command line.

Nothing in this package imports Qt; `tests/test_layering.py` proves it.
"""

__version__ = "0.1.0"
