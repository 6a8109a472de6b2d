from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kehoach.accounts"
    label = "accounts"
    audit_actions = "kehoach.accounts.audit.AccountAction"
