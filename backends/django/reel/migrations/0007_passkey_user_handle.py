"""
A random WebAuthn user handle per user. The column is added empty, every existing user is given
a handle of their own (a default on AddField would give them all the same one), and only then is
it made unique and required.
"""
from django.db import migrations, models

import reel.models


def give_every_user_a_handle(apps, schema_editor):
    User = apps.get_model("reel", "User")
    for user in User.objects.filter(passkey_user_handle__isnull=True).only("pk"):
        user.passkey_user_handle = reel.models.new_passkey_user_handle()
        user.save(update_fields=["passkey_user_handle"])


class Migration(migrations.Migration):

    dependencies = [
        ("reel", "0006_passkeys"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="passkey_user_handle",
            field=models.CharField(max_length=43, null=True),
        ),
        migrations.RunPython(give_every_user_a_handle, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="passkey_user_handle",
            field=models.CharField(default=reel.models.new_passkey_user_handle, max_length=43, unique=True),
        ),
    ]
