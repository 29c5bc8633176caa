"""Start the cartclinic application: python main.py [--db PATH]."""

import sys

from cartclinic_ui.start import main

if __name__ == "__main__":
    sys.exit(main())
