from django.urls import path

from exam_news.admin import views

urlpatterns = [
    path("new-section/", views.new_section, name="new_section"),
    path("import/", views.import_data, name="import"),
    path("import/examples/<str:name>", views.example_file, name="example_file"),
    path("bundles/<int:pk>/schedule/", views.bundle_action, {"action": "schedule"}, name="bundle_schedule"),
    path("bundles/<int:pk>/cancel/", views.bundle_action, {"action": "cancel"}, name="bundle_cancel"),
]
