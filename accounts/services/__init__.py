"""Writes with rules about accounts: roles and workflow (`roles`), contributors
(`contributors`)."""
