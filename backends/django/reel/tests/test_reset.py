"""The contract suite's reset puts the seed accounts back as new, whatever a test did to them."""
from reel.models import Passkey, User
from reel.seed import reset_for_tests
from reel.tests.helpers import ApiTestCase


class ResetTests(ApiTestCase):
    def test_restores_seed_passwords_and_removes_their_passkeys(self):
        demo = User.objects.get(username="demo")
        demo.set_password("changed-by-a-test-1")
        demo.save()
        Passkey.objects.create(user=demo, credential_id="AAAA", public_key=b"", name="Key", created_at=demo.date_joined)
        reset_for_tests()
        reset_for_tests()
        self.assertFalse(Passkey.objects.exists())
        self.login()
