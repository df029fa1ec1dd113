"""django-allauth adapter: accounts are created only by accepting an invitation, never by open sign-up; failed
sign-ins are counted per account and client address together."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        """allauth locks an account after 5 failed sign-ins in 15 minutes. Keyed on the account alone, anyone who knows
        a person's email address could keep them locked out (security review M5); keyed on the account and the
        client's address (behind TRUSTED_PROXY_COUNT proxies, the real one), a guesser locks out only themselves."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"
