from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "kehoach.organizations"
    label = "organizations"
    audit_actions = "kehoach.organizations.audit.OrganizationAction"
    audit_fields = "kehoach.organizations.audit.FIELD_LABELS"
