from django.urls import path

from policies import views

urlpatterns = []
