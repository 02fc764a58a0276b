"""The page cache's table (settings.CACHES["pages"], see kennisbank/page_cache.py), made by
`migrate` like the shared cache's: `createcachetable` makes every missing cache table."""

from importlib import import_module

from django.db import migrations

create_cache_table = import_module("accounts.migrations.0003_cache_table").create_cache_table


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
