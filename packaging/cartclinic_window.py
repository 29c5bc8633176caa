"""The bundled window program's entry (packaging/cartclinic.spec): the installed `cartclinic`."""

import sys

from cartclinic_ui.start import main

if __name__ == "__main__":
    sys.exit(main())
