"""Roles Bijdrager and Redacteur and the Redactie workflow (see initiatieven.roles).

The service takes the migration's historical models, so it works on the schema as it is at
this point. Page permissions and the workflow go on the initiatives index if it exists; on a
fresh database it does not yet, and `ensure_site_tree()` attaches them when it creates it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from initiatieven.roles import ensure_roles

    # Django creates permissions after all migrations ran (post_migrate); the roles need them
    # now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    ensure_roles(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatieven", "0002_vocabularies"),
        ("kennisbank_search", "0003_pending_index_updates"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
