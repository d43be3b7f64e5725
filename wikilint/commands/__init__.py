"""Sub-commands of the ``wikilint`` command line that live in modules of their own."""
