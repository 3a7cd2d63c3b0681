"""Every request body is parsed here; DRF's fields are too lenient on their own (a number is
not a username), so strings and booleans are checked by type."""
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    def __init__(self, max_length=128, **kwargs):
        super().__init__(max_length=max_length, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Must be a string.")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            raise serializers.ValidationError("Must be true or false.")
        return data


class BodySerializer(serializers.Serializer):
    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"body": "Must be a JSON object."})
        return super().to_internal_value(data)


class LoginSerializer(BodySerializer):
    username = StrictCharField()
    password = StrictCharField()
    remember = StrictBooleanField(required=False, default=True)
    # The token of a `409 account_exists`, whose provider identity this sign-in links.
    linkToken = StrictCharField(required=False)


class WebAuthnJsonField(serializers.DictField):
    """A WebAuthn Level 3 JSON object; reel.passkeys parses its members."""


class ReauthenticationSerializer(BodySerializer):
    """The password, or a passkey assertion: exactly one."""

    password = StrictCharField(required=False)
    credential = WebAuthnJsonField(required=False)

    def validate(self, data):
        if len(data) != 1:
            raise serializers.ValidationError("Send either password or credential.")
        return data


class PasskeyRegistrationSerializer(BodySerializer):
    credential = WebAuthnJsonField()
    name = StrictCharField(max_length=64, required=False)


class PasskeyRenameSerializer(BodySerializer):
    name = StrictCharField(max_length=64)


class PasskeyLoginSerializer(BodySerializer):
    credential = WebAuthnJsonField()
    remember = StrictBooleanField(required=False, default=True)


class PasswordChangeSerializer(BodySerializer):
    currentPassword = StrictCharField(required=False)
    # Longer than a password may be, so that one too long is `weak_password`, not malformed.
    newPassword = StrictCharField(max_length=1024)


class CodeExchangeSerializer(BodySerializer):
    code = StrictCharField(max_length=512)
    codeVerifier = StrictCharField(max_length=512, required=False)
    redirectUri = StrictCharField(max_length=2048)
    remember = StrictBooleanField(required=False, default=True)


class ProviderLinkSerializer(BodySerializer):
    code = StrictCharField(max_length=512)
    codeVerifier = StrictCharField(max_length=512, required=False)
    redirectUri = StrictCharField(max_length=2048)


class MovieSearchSerializer(serializers.Serializer):
    query = serializers.CharField(required=False, default="", allow_blank=True, max_length=128, trim_whitespace=False)
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=10_000)


def parse(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
