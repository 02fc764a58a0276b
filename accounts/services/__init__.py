"""Writes with rules about accounts: contributors (`contributors`). The roles they get are
the content model's (`initiatieven.roles`)."""
