import sys

from cartclinic.cli import main

sys.exit(main())
