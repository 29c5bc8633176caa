"""The embedded backend: one SQLite file per roster, with its backups, seal, lock and migrations.
Nothing outside `cartclinic.store` imports from here; the rest of the program goes through
`cartclinic.store.open_store` and the store's interface."""
