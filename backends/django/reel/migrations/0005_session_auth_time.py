from django.db import migrations, models

AMR_OF_PROVIDER = {"password": "pwd", "passkey": "passkey"}


def stamp_existing_sessions(apps, schema_editor):
    # A session made before auth_time existed was proved at its sign-in: its creation.
    Session = apps.get_model("reel", "Session")
    for session in Session.objects.all().iterator():
        session.auth_time = session.created_at
        session.auth_method = AMR_OF_PROVIDER.get(session.provider, "social")
        session.save(update_fields=["auth_time", "auth_method"])


class Migration(migrations.Migration):

    dependencies = [
        ("reel", "0004_login_failure_age_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="auth_time",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="auth_method",
            field=models.CharField(
                choices=[("pwd", "password"), ("social", "provider"), ("passkey", "passkey")], max_length=8, default="pwd"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(stamp_existing_sessions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="session",
            name="auth_time",
            field=models.DateTimeField(),
        ),
        migrations.AlterField(
            model_name="session",
            name="provider",
            field=models.CharField(
                choices=[("password", "password"), ("google", "Google"), ("kakao", "Kakao"), ("naver", "Naver"), ("passkey", "passkey")],
                max_length=16,
            ),
        ),
    ]
