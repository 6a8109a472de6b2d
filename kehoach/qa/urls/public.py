app_name = "qa_public"
urlpatterns: list = []
