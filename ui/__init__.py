"""The Qt face of cartclinic: windows, dialogs and Qt models over the core's objects."""
