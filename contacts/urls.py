"""Contact log, imports and directory URLs, mounted under /o/<org_slug>/ by mecc/urls.py."""

from django.urls import path

from contacts.views import conversations, directory, imports, openreferral

app_name = "contacts"

urlpatterns = [
    path("conversations/new/", conversations.log_conversation, name="log"),
    path("conversations/mine/", conversations.my_conversations, name="mine"),
    path("conversations/", conversations.conversation_list, name="conversations"),
    path("conversations/<int:pk>/edit/", conversations.conversation_edit, name="conversation_edit"),
    path("conversations/<int:pk>/delete/", conversations.conversation_delete, name="conversation_delete"),
    path("conversations/<int:pk>/history/", conversations.conversation_history, name="conversation_history"),
    path("conversations/import/", imports.import_start, name="import"),
    path("conversations/import/template.csv", imports.import_template, name="import_template"),
    path("conversations/import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("services/", directory.service_list, name="services"),
    path("services/new/", directory.service_create, name="service_create"),
    path("services/<int:pk>/", directory.service_edit, name="service_edit"),
    path("services/open-referral/", openreferral.directory_feed, name="directory_feed"),
]
