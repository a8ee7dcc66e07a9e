"""Children's class pages: find a class, enrol a child, see and cancel enrolments; the
facility's operators publish and change classes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page
from innocluster.core.views import call_service

from .. import selectors, services
from ..choices import EnrolmentStatus
from ..filters import CourseFilterSet
from ..forms import CourseForm, EnrolmentForm
from ..permissions import can_operate
from ..services.classes import waiting_position
from ._common import run

PAGE_SIZE = 20


def class_list(request):
    context, status = filtered_page(
        request, CourseFilterSet, selectors.course_list_public(), size=PAGE_SIZE
    )
    return render(request, "facilities/classes.html", context, status=status)


def class_detail(request, pk):
    course = selectors.course_get_visible(user=request.user, pk=pk)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if form.is_valid() and _enrol(course, request, form):
            return redirect("facilities:my_enrolments")
    is_operator = can_operate(user=request.user, organization=course.facility.organization)
    context = {
        "course": course,
        "form": form,
        "is_operator": is_operator,
        "enrolments": selectors.enrolment_list_visible(user=request.user, course=course)
        if request.user.is_authenticated
        else [],
    }
    return render(request, "facilities/class_detail.html", context, status=form_status(form))


def _enrol(course, request, form) -> bool:
    """Enrol the valid form's child: a seat or a place in line; a refusal goes on the form."""
    outcome = call_service(
        request,
        services.enrolment_create,
        form=form,
        course=course,
        parent=request.user,
        **form.cleaned_data,
    )
    if not outcome:
        return False
    enrolment = outcome.result
    if enrolment.status == EnrolmentStatus.ENROLLED:
        messages.success(request, _("%(child)s has a seat.") % {"child": enrolment.child_name})
    else:
        messages.info(
            request,
            _("The class is full: %(child)s is number %(position)s on the waiting list.")
            % {"child": enrolment.child_name, "position": waiting_position(enrolment)},
        )
    return True


@login_required
def my_enrolments(request):
    enrolments = selectors.enrolment_list_for_parent(user=request.user)[:100]
    rows = [(e, e.position or None) for e in enrolments]
    return render(request, "facilities/my_enrolments.html", {"rows": rows})


@login_required
@require_POST
def enrolment_cancel(request, pk):
    enrolment = selectors.enrolment_get_visible(user=request.user, pk=pk)
    run(request, services.enrolment_cancel, _("The enrolment is cancelled."), enrolment=enrolment)
    if enrolment.parent_id == request.user.pk:
        return redirect("facilities:my_enrolments")
    return redirect("facilities:class_detail", pk=enrolment.course_id)


CLASS = FormPage(
    "facilities/class_form.html", "facilities:class_detail", name="course", parent="facility"
)
class_create = CLASS.create(CourseForm, services.course_create, selectors.facility_get_operated)
class_edit = CLASS.edit(CourseForm, services.course_update, selectors.course_get_operated)
