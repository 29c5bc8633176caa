"""The bundled command line's entry (packaging/cartclinic.spec): the installed `cartclinic-admin`."""

import sys

from cartclinic.cli import main

if __name__ == "__main__":
    sys.exit(main())
