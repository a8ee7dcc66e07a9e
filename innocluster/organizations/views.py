from django.shortcuts import render

from .selectors import organization_home_figures


def home(request):
    return render(request, "home.html", organization_home_figures())
